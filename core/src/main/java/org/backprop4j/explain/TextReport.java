package org.backprop4j.explain;

import java.util.List;

/** Formats an {@link Explanation} as plain text: the paths with their factors, the sum, autodiff and numeric. */
public final class TextReport {
    private TextReport() {
    }

    /** The explanation as text lines, ending with a newline. */
    public static String of(Explanation e) {
        StringBuilder sb = new StringBuilder();
        String count = e.pathCount().toString();
        sb.append("dE/d").append(e.target()).append(": ").append(count).append(e.pathCount().equals(java.math.BigInteger.ONE)
                ? " path" : " paths").append(" from E to ").append(e.target());
        if (e.other() != null) {
            sb.append(e.form() == LossForm.TEXTBOOK ? " (textbook form: cross-entropy and softmax expanded)"
                    : " (fused form: E -> z with o_k*tau - t_k)");
        }
        sb.append('\n');
        boolean headers = e.groupedBy() != null && (e.groups().size() > 1 || e.shownCount() < e.pathCount().intValue())
                && e.groups().stream().anyMatch(g -> g.count().compareTo(java.math.BigInteger.ONE) > 0
                        || g.shown().isEmpty());
        if (e.groupedBy() != null && (headers || e.shownCount() < e.pathCount().doubleValue())) {
            sb.append("paths split at ").append(e.groupedBy()).append(" into ").append(e.groups().size())
                    .append(" groups, one per node below it\n");
        }
        int number = 0;
        for (PathGroup g : e.groups()) {
            if (headers) {
                sb.append("\nvia ").append(g.via()).append(": ").append(g.count()).append(g.count().equals(java.math.BigInteger.ONE) ? " path" : " paths")
                        .append(", sum ").append(Num.full(g.total()))
                        .append(g.shown().size() < g.count().doubleValue() ? ", showing " + g.shown().size() : "")
                        .append('\n');
            }
            for (Path p : g.shown()) {
                number++;
                path(sb, p, number, count);
            }
        }
        if (e.shownCount() < e.pathCount().doubleValue()) {
            sb.append("\n(showing ").append(e.shownCount()).append(" of ").append(count)
                    .append(" paths; the count and the sum below cover all of them; raise --max-paths to see more)\n");
        }
        sb.append('\n');
        String sumLabel = "sum over all " + count + (e.pathCount().equals(java.math.BigInteger.ONE) ? " path" : " paths");
        int w = Math.max(sumLabel.length(), "numeric (float64, central differences)".length());
        line(sb, w, sumLabel, Num.full(e.total()), "");
        line(sb, w, "autodiff (backward)", Num.full(e.autodiff()),
                "relative difference to the sum " + Num.rel(Explanation.relativeDifference(e.total(), e.autodiff())));
        line(sb, w, "numeric (float64, central differences)", Num.full(e.numeric()),
                "relative difference to the sum " + Num.rel(Explanation.relativeDifference(e.total(), e.numeric())));
        if (e.other() != null) {
            Explanation.OtherForm o = e.other();
            String what = o.form() == LossForm.FUSED ? "fused form (E -> z, dE/dz_k = o_k*tau - t_k)"
                    : "textbook form (E -> o -> z, -t_j/o_j and o_j(delta_jk - o_k))";
            sb.append(String.format(java.util.Locale.ROOT, "%n%s: %s %s, sum %s, relative difference %s%s%n", what,
                    o.pathCount(), o.pathCount().equals(java.math.BigInteger.ONE) ? "path" : "paths", Num.full(o.total()),
                    Num.rel(Explanation.relativeDifference(e.total(), o.total())),
                    Explanation.relativeDifference(e.total(), o.total()) < 1e-9 ? ": the two forms agree" : ": THEY DIFFER"));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int w, String label, String value, String tail) {
        sb.append(String.format(java.util.Locale.ROOT, "%-" + w + "s  %s%s%n", label, value, tail.isEmpty() ? "" : "   " + tail));
    }

    private static void path(StringBuilder sb, Path p, int number, String count) {
        sb.append("\npath ").append(number).append(" of ").append(count).append(": ")
                .append(String.join(" -> ", p.nodes())).append('\n');
        List<Factor> fs = p.factors();
        int w1 = 0;
        int w2 = 0;
        String[] lhs = new String[fs.size()];
        String[] mid = new String[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            Factor f = fs.get(i);
            lhs[i] = "d" + f.of() + "/d" + f.wrt();
            mid[i] = f.formula() + (f.substituted().isEmpty() ? "" : " = " + f.substituted());
            w1 = Math.max(w1, lhs[i].length());
            w2 = Math.max(w2, mid[i].length());
        }
        for (int i = 0; i < fs.size(); i++) {
            sb.append(String.format(java.util.Locale.ROOT, "    %-" + w1 + "s = %-" + w2 + "s = %-10s  %s%n", lhs[i], mid[i],
                    Num.s(fs.get(i).value()), fs.get(i).note()));
        }
        sb.append(String.format(java.util.Locale.ROOT, "    %-" + w1 + "s   %-" + w2 + "s = %s%n", "product", "",
                Num.s(p.product())));
    }
}
