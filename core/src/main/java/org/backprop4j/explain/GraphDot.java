package org.backprop4j.explain;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Writes a recorded graph as Graphviz DOT: one node per op (an ellipse with the op, its settings
 * and the name of its output) and per leaf (a box), an edge from each input to its consumer
 * labelled with the input's shape, and, when a parameter is given, the backward path from the loss
 * to it highlighted in red (the edges every path from E down to the parameter uses).
 */
public final class GraphDot {
    private static final String RED = "#d62728";

    private GraphDot() {
    }

    /** The graph below {@code loss} as DOT; {@code param} (may be null) is highlighted with its path, labelled {@code target}. */
    public static String of(Tensor loss, Tensor param, String target) {
        NodeNames names = new NodeNames(loss);
        List<Tensor> all = NodeNames.topDown(loss);
        Map<Tensor, Boolean> memo = new IdentityHashMap<>();
        Map<Tensor, String> ids = new IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            ids.put(all.get(i), "n" + i);
        }
        StringBuilder sb = new StringBuilder("digraph backprop4j {\n");
        sb.append("  rankdir=BT;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        String title = "forward: arrows from inputs to ops, up to the loss E";
        if (param != null) {
            title += "\\nred: the backward path from E to " + (target == null ? names.of(param) : target)
                    + " (gradients flow against the arrows)";
        }
        sb.append("  labelloc=t;\n  label=").append(q(title)).append(";\n");
        for (int i = all.size() - 1; i >= 0; i--) {
            Tensor t = all.get(i);
            boolean on = param != null && ScalarGraph.reaches(t, param, memo);
            String label;
            String style;
            if (t.op() == null) {
                label = names.of(t) + "\\n" + Shape.str(t.shape());
                style = "shape=box, style=\"rounded,filled\", fillcolor=" + (t == param ? "\"#ffd6d6\"" : t.requiresGradFlag()
                        ? "\"#e8eefc\"" : "\"#f2f2f2\"");
            } else {
                String d = t.op().describe();
                label = t.op().name() + (d.isEmpty() ? "" : "\\n(" + d + ")") + "\\n-> " + names.of(t)
                        + (t == loss ? " = " + Num.s(t.data().get(0)) : "");
                style = "shape=ellipse";
            }
            if (on) {
                style += ", color=\"" + RED + "\", penwidth=2";
            }
            sb.append("  ").append(ids.get(t)).append(" [label=").append(q(label)).append(", ").append(style).append("];\n");
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Tensor t = all.get(i);
            for (Tensor in : t.inputs()) {
                boolean on = param != null && ScalarGraph.reaches(in, param, memo);
                sb.append("  ").append(ids.get(in)).append(" -> ").append(ids.get(t)).append(" [label=")
                        .append(q(Shape.str(in.shape()))).append(on ? ", color=\"" + RED + "\", fontcolor=\"" + RED
                                + "\", penwidth=2.5" : "").append("];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String q(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }
}
