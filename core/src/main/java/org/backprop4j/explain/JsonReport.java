package org.backprop4j.explain;

import java.util.List;

/** Formats an {@link Explanation} as JSON: the paths with their factors, the sum, autodiff and numeric. */
public final class JsonReport {
    private JsonReport() {
    }

    /**
     * The explanation as one JSON object with the fields {@code parameter, loss, form, pathCount,
     * shownCount, sum, autodiff, numeric, groupedBy, groups, paths, otherForm}; each path has
     * {@code nodes, factors, product}, each factor {@code of, wrt, formula, substituted, note, value}.
     */
    public static String of(Explanation e) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "parameter", str(e.target()));
        field(sb, "loss", num(e.loss()));
        field(sb, "form", str(e.form().id()));
        field(sb, "pathCount", e.pathCount().toString());
        field(sb, "shownCount", Integer.toString(e.shownCount()));
        field(sb, "sum", num(e.total()));
        field(sb, "autodiff", num(e.autodiff()));
        field(sb, "numeric", num(e.numeric()));
        field(sb, "groupedBy", e.groupedBy() == null ? "null" : str(e.groupedBy()));
        StringBuilder groups = new StringBuilder("[");
        for (PathGroup g : e.groups()) {
            groups.append(groups.length() > 1 ? ", " : "").append("{\"via\": ").append(g.via() == null ? "null" : str(g.via()))
                    .append(", \"count\": ").append(g.count()).append(", \"sum\": ").append(num(g.total()))
                    .append(", \"shown\": ").append(g.shown().size()).append('}');
        }
        field(sb, "groups", groups.append(']').toString());
        StringBuilder paths = new StringBuilder("[");
        for (Path p : e.shownPaths()) {
            paths.append(paths.length() > 1 ? "," : "").append("\n    {\"nodes\": [");
            List<String> ns = p.nodes();
            for (int i = 0; i < ns.size(); i++) {
                paths.append(i > 0 ? ", " : "").append(str(ns.get(i)));
            }
            paths.append("], \"factors\": [");
            for (int i = 0; i < p.factors().size(); i++) {
                Factor f = p.factors().get(i);
                paths.append(i > 0 ? ", " : "").append("\n      {\"of\": ").append(str(f.of())).append(", \"wrt\": ")
                        .append(str(f.wrt())).append(", \"formula\": ").append(str(f.formula()))
                        .append(", \"substituted\": ").append(str(f.substituted())).append(", \"note\": ")
                        .append(str(f.note())).append(", \"value\": ").append(num(f.value())).append('}');
            }
            paths.append("], \"product\": ").append(num(p.product())).append('}');
        }
        field(sb, "paths", paths.append(e.shownPaths().isEmpty() ? "]" : "\n  ]").toString());
        if (e.other() == null) {
            sb.append("  \"otherForm\": null\n");
        } else {
            sb.append("  \"otherForm\": {\"form\": ").append(str(e.other().form().id())).append(", \"pathCount\": ")
                    .append(e.other().pathCount()).append(", \"sum\": ").append(num(e.other().total())).append("}\n");
        }
        return sb.append("}\n").toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  ").append(str(name)).append(": ").append(value).append(",\n");
    }

    /** A JSON number, or null for NaN and infinities (which JSON cannot hold). */
    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
