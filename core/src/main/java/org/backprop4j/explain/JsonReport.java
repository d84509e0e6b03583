package org.backprop4j.explain;

import java.util.List;
import org.backprop4j.internal.Json;

/** Formats an {@link Explanation} as JSON: the paths with their factors, the sum, autodiff and numeric. */
public final class JsonReport {
    private JsonReport() {
    }

    /**
     * The explanation as one JSON object with the fields {@code parameter, loss, form, pathCount,
     * shownCount, sum, autodiff, numeric, groupedBy, groups, paths, otherForm}; each path has
     * {@code nodes, factors, product}, each factor {@code of, wrt, formula, substituted, note, value}.
     * A convolution weight also has {@code sharing} after {@code groups} ({@link WeightSharing}:
     * {@code operation, output, outputShape, positions, inPadding, padding, onPaths, pathCount, sum,
     * top, rows}; each of {@code top} has {@code output, index, input, upstream, inputValue,
     * contribution, paths}, each row {@code n, y, positions, inPadding, onPaths, sum}).
     */
    public static String of(Explanation e) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "parameter", Json.quote(e.target()));
        field(sb, "loss", Json.numberOrNull(e.loss()));
        field(sb, "form", Json.quote(e.form().id()));
        field(sb, "pathCount", e.pathCount().toString());
        field(sb, "shownCount", Integer.toString(e.shownCount()));
        field(sb, "sum", Json.numberOrNull(e.total()));
        field(sb, "autodiff", Json.numberOrNull(e.autodiff()));
        field(sb, "numeric", Json.numberOrNull(e.numeric()));
        field(sb, "groupedBy", e.groupedBy() == null ? "null" : Json.quote(e.groupedBy()));
        StringBuilder groups = new StringBuilder("[");
        for (PathGroup g : e.groups()) {
            groups.append(groups.length() > 1 ? ", " : "").append("{\"via\": ").append(g.via() == null ? "null" : Json.quote(g.via()))
                    .append(", \"count\": ").append(g.count()).append(", \"sum\": ").append(Json.numberOrNull(g.total()))
                    .append(", \"shown\": ").append(g.shown().size()).append('}');
        }
        field(sb, "groups", groups.append(']').toString());
        if (e.sharing() != null) {
            field(sb, "sharing", sharing(e.sharing()));
        }
        StringBuilder paths = new StringBuilder("[");
        for (Path p : e.shownPaths()) {
            paths.append(paths.length() > 1 ? "," : "").append("\n    {\"nodes\": [");
            List<String> ns = p.nodes();
            for (int i = 0; i < ns.size(); i++) {
                paths.append(i > 0 ? ", " : "").append(Json.quote(ns.get(i)));
            }
            paths.append("], \"factors\": [");
            for (int i = 0; i < p.factors().size(); i++) {
                Factor f = p.factors().get(i);
                paths.append(i > 0 ? ", " : "").append("\n      {\"of\": ").append(Json.quote(f.of())).append(", \"wrt\": ")
                        .append(Json.quote(f.wrt())).append(", \"formula\": ").append(Json.quote(f.formula()))
                        .append(", \"substituted\": ").append(Json.quote(f.substituted())).append(", \"note\": ")
                        .append(Json.quote(f.note())).append(", \"value\": ").append(Json.numberOrNull(f.value())).append('}');
            }
            paths.append("], \"product\": ").append(Json.numberOrNull(p.product())).append('}');
        }
        field(sb, "paths", paths.append(e.shownPaths().isEmpty() ? "]" : "\n  ]").toString());
        if (e.other() == null) {
            sb.append("  \"otherForm\": null\n");
        } else {
            sb.append("  \"otherForm\": {\"form\": ").append(Json.quote(e.other().form().id())).append(", \"pathCount\": ")
                    .append(e.other().pathCount()).append(", \"sum\": ").append(Json.numberOrNull(e.other().total())).append("}\n");
        }
        return sb.append("}\n").toString();
    }

    private static String sharing(WeightSharing s) {
        StringBuilder sb = new StringBuilder("{\"operation\": ").append(Json.quote(s.operation()))
                .append(", \"output\": ").append(Json.quote(s.output())).append(", \"outputShape\": ")
                .append(java.util.Arrays.toString(s.outputShape())).append(", \"positions\": ").append(s.positions())
                .append(", \"inPadding\": ").append(s.inPadding()).append(", \"padding\": [");
        for (int i = 0; i < s.padding().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(Json.quote(s.padding().get(i)));
        }
        sb.append("], \"onPaths\": ").append(s.onPaths()).append(", \"pathCount\": ").append(s.pathCount())
                .append(", \"sum\": ").append(Json.numberOrNull(s.sum())).append(",\n    \"top\": [");
        for (int i = 0; i < s.top().size(); i++) {
            WeightSharing.Position p = s.top().get(i);
            sb.append(i > 0 ? "," : "").append("\n      {\"output\": ").append(Json.quote(p.output())).append(", \"index\": ")
                    .append(p.index()).append(", \"input\": ").append(p.input() == null ? "null" : Json.quote(p.input()))
                    .append(", \"upstream\": ").append(Json.numberOrNull(p.upstream())).append(", \"inputValue\": ")
                    .append(Json.numberOrNull(p.inputValue())).append(", \"contribution\": ")
                    .append(Json.numberOrNull(p.contribution())).append(", \"paths\": ").append(p.paths()).append('}');
        }
        sb.append("],\n    \"rows\": [");
        for (int i = 0; i < s.rows().size(); i++) {
            WeightSharing.Row r = s.rows().get(i);
            sb.append(i > 0 ? "," : "").append("\n      {\"n\": ").append(r.sample()).append(", \"y\": ").append(r.row())
                    .append(", \"positions\": ").append(r.positions()).append(", \"inPadding\": ").append(r.inPadding())
                    .append(", \"onPaths\": ").append(r.onPaths()).append(", \"sum\": ").append(Json.numberOrNull(r.sum()))
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  ").append(Json.quote(name)).append(": ").append(value).append(",\n");
    }
}
