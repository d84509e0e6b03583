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
        if (e.sharing() != null) {
            shared(sb, e, count);
            return sb.toString();
        }
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
        sums(sb, e, count, null);
        return sb.toString();
    }

    /** The sum, autodiff and numeric lines (after the sum over the shared weight's positions, if given) and the other form. */
    private static void sums(StringBuilder sb, Explanation e, String count, WeightSharing sharing) {
        String sumLabel = "sum over all " + count + (e.pathCount().equals(java.math.BigInteger.ONE) ? " path" : " paths");
        String positions = sharing == null ? null : "sum over all " + sharing.positions() + " positions";
        int w = Math.max(sumLabel.length(), "numeric (float64, central differences)".length());
        if (positions != null) {
            w = Math.max(w, positions.length());
            line(sb, w, positions, Num.full(sharing.sum()), "");
        }
        line(sb, w, sumLabel, Num.full(e.total()), positions == null ? ""
                : "relative difference to the positions' sum " + Num.rel(Explanation.relativeDifference(sharing.sum(), e.total())));
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
    }

    /** A shared convolution weight: its positions summarised, the paths through the largest contributions, the sums. */
    private static void shared(StringBuilder sb, Explanation e, String count) {
        WeightSharing s = e.sharing();
        int[] shape = s.outputShape();
        String out = s.output();
        String dOut = "dE/d" + out;
        sb.append(e.target()).append(" is shared: ").append(s.operation()).append('\n')
                .append("multiplies it at every output position ").append(out).append(": ").append(shape[0]).append(" x ")
                .append(shape[2]).append(" x ").append(shape[3]).append(" = ").append(s.positions()).append(" positions, so\n")
                .append("    dE/d").append(e.target()).append(" = sum over the positions of ").append(dOut)
                .append(" * (the input element the weight meets there)\n")
                .append("and each ").append(dOut).append(" is the sum over the paths from E down to that position.\n");
        int inside = s.positions() - s.inPadding();
        sb.append(String.format(java.util.Locale.ROOT, "  %d positions: %d meet an input element, %d meet the zero padding"
                        + " (the weight multiplies 0 there: they add 0)%n  of the %d inside, %d lie on paths from E to the weight"
                        + " (%s paths) and %d on none (%s = 0 there)%n", s.positions(), inside, s.inPadding(), inside,
                s.onPaths(), s.pathCount(), inside - s.onPaths(), dOut));
        if (s.inPadding() > 0) {
            sb.append("  in the padding: ").append(String.join(", ", s.padding()))
                    .append(s.inPadding() > s.padding().size() ? ", ..." : "").append('\n');
        }
        sb.append(String.format(java.util.Locale.ROOT, "%nthe %d largest contributions of %d:%n", s.top().size(), s.positions()));
        String[][] cells = new String[s.top().size() + 1][];
        cells[0] = new String[]{"position", "input", dOut, "input value", "contribution", "paths"};
        for (int i = 0; i < s.top().size(); i++) {
            WeightSharing.Position p = s.top().get(i);
            cells[i + 1] = new String[]{p.output(), p.input() == null ? "padding" : p.input(), Num.s(p.upstream()),
                Num.s(p.inputValue()), Num.s(p.contribution()), p.paths().toString()};
        }
        table(sb, cells);
        sb.append(String.format(java.util.Locale.ROOT, "%nper output row (sample n, row y), the sum over its %d positions:%n",
                shape[3]));
        cells = new String[s.rows().size() + 1][];
        cells[0] = new String[]{"n", "y", "padding", "on paths", "sum"};
        for (int i = 0; i < s.rows().size(); i++) {
            WeightSharing.Row r = s.rows().get(i);
            cells[i + 1] = new String[]{Integer.toString(r.sample()), Integer.toString(r.row()), Integer.toString(r.inPadding()),
                Integer.toString(r.onPaths()), Num.full(r.sum())};
        }
        table(sb, cells);
        sb.append("\npaths through the largest contributions (showing ").append(e.shownCount()).append(" of ").append(count)
                .append("; raise --max-paths to see more):\n");
        int number = 0;
        for (PathGroup g : e.groups()) {
            if (g.shown().isEmpty()) {
                break;
            }
            sb.append("\nvia ").append(g.via()).append(": ").append(g.count()).append(g.count().equals(java.math.BigInteger.ONE)
                    ? " path" : " paths").append(", sum ").append(Num.full(g.total()))
                    .append(g.shown().size() < g.count().doubleValue() ? ", showing " + g.shown().size() : "").append('\n');
            for (Path p : g.shown()) {
                path(sb, p, ++number, count);
            }
        }
        sb.append('\n');
        sums(sb, e, count, s);
    }

    /** Left-aligned columns two spaces apart, indented by two. */
    private static void table(StringBuilder sb, String[][] cells) {
        int[] w = new int[cells[0].length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(' ').append(' ').append(row[c]).append(" ".repeat(w[c] - row[c].length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
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
