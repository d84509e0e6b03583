package org.backprop4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The weight-sharing view of explain for a convolution weight {@code w[o,c,i,j]}: its gradient is the
 * sum over every output position (n, o, y, x) of {@code dE/dout[n,o,y,x] * x[n, c, y*s + i*d - p, x*s + j*d - p]}
 * (zero in the padding). The reference is a brute-force loop over the positions with {@code dE/dout}
 * from autodiff on the network above the convolution (the convolution's output as a leaf), and the
 * totals are also checked against autodiff of the whole network and the float64 numeric derivative.
 */
class SharedWeightExplainTest {

    /** A float64 convolution problem: input [n,c,h,w], weight [o, c/groups, kh, kw], its settings and the element explained. */
    record Conv(String name, int n, int c, int h, int w, int o, int kh, int kw, int stride, int padding, int dilation,
                int groups, int[] element) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Conv("padding 1, corner tap", 1, 1, 6, 6, 3, 3, 3, 1, 1, 1, 1, new int[]{2, 0, 0, 0}),
                new Conv("padding 1, centre tap", 1, 2, 5, 5, 2, 3, 3, 1, 1, 1, 1, new int[]{1, 1, 1, 1}),
                new Conv("no padding", 1, 2, 5, 6, 2, 3, 3, 1, 0, 1, 1, new int[]{0, 1, 2, 1}),
                new Conv("stride 2", 2, 1, 7, 7, 2, 3, 3, 2, 1, 1, 1, new int[]{1, 0, 2, 2}),
                new Conv("dilation 2, padding 2", 1, 1, 7, 6, 2, 3, 3, 1, 2, 2, 1, new int[]{0, 0, 0, 2}),
                new Conv("groups 2, two samples, 2x3 kernel", 2, 4, 5, 5, 4, 2, 3, 1, 1, 1, 2, new int[]{3, 1, 1, 0})
        ).map(Arguments::of);
    }

    /** The network above the convolution: tanh, flatten, a linear map to 3 classes, cross-entropy (smooth, so numeric is accurate). */
    private static Function<Tensor, Tensor> head(Tensor v, Tensor b, int[] labels) {
        return out -> {
            int[] s = out.shape();
            Tensor flat = out.tanh().reshape(s[0], s[1] * s[2] * s[3]);
            return new CrossEntropyLoss().apply(flat.matmul(v).add(b), labels);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void positionsSumToAutodiffAndNumericAndMatchABruteForceLoop(Conv k) {
        Rng rng = new Rng(11);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, k.n, k.c, k.h, k.w);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, k.o, k.c / k.groups, k.kh, k.kw).requiresGrad();
        Tensor bias = Tensor.randn(rng, DType.FLOAT64, k.o).requiresGrad();
        w.named("0.weight");
        bias.named("0.bias");
        Function<Tensor, Tensor> conv = in -> in.conv2d(w, bias, new int[]{k.stride, k.stride},
                new int[]{k.padding, k.padding}, new int[]{k.dilation, k.dilation}, k.groups);
        int[] os = conv.apply(x).shape();
        int features = os[1] * os[2] * os[3];
        Tensor v = Tensor.randn(rng, DType.FLOAT64, features, 3).requiresGrad().named("1.weight");
        Tensor b = Tensor.randn(rng, DType.FLOAT64, 3).requiresGrad().named("1.bias");
        int[] labels = new int[k.n];
        for (int s = 0; s < k.n; s++) {
            labels[s] = s % 3;
        }
        Function<Tensor, Tensor> head = head(v, b, labels);
        Supplier<Tensor> loss = () -> head.apply(conv.apply(x));

        Explanation e = PathExplainer.standard().explain(loss, w, k.element);
        WeightSharing s = e.sharing();
        assertThat(s).isNotNull();

        String name = s.output().substring(0, s.output().indexOf('['));
        Reference r = Reference.of(k, x, conv.apply(x), head, name);
        assertThat(s.outputShape()).containsExactly(os);
        assertThat(s.positions()).isEqualTo(k.n * os[2] * os[3]);
        assertThat(s.inPadding()).isEqualTo(r.inPadding);
        assertThat(s.padding()).isEqualTo(r.paddingLabels.subList(0, Math.min(WeightSharing.LISTED, r.paddingLabels.size())));
        assertThat(s.sum()).isCloseTo(r.sum, within(1e-13 * Math.max(1, Math.abs(r.sum))));
        assertThat(Explanation.relativeDifference(s.sum(), e.total())).isLessThan(1e-12);
        assertThat(Explanation.relativeDifference(s.sum(), e.autodiff())).isLessThan(1e-12);
        assertThat(Explanation.relativeDifference(s.sum(), e.numeric())).isLessThan(1e-7);
        assertThat(s.pathCount()).isEqualTo(e.pathCount());
        // tanh is never flat: every inside position lies on paths (3 logits through the linear map)
        assertThat(s.onPaths()).isEqualTo(s.positions() - s.inPadding());

        for (WeightSharing.Row row : s.rows()) {
            assertThat(row.sum()).as("row n=%d y=%d", row.sample(), row.row())
                    .isCloseTo(r.rowSums[row.sample()][row.row()], within(1e-14));
        }
        assertThat(s.rows()).hasSize(k.n * os[2]);

        assertThat(s.top()).hasSize(Math.min(WeightSharing.LISTED, s.positions()));
        List<Integer> expectedTop = r.largest(s.top().size());
        for (int t = 0; t < s.top().size(); t++) {
            WeightSharing.Position p = s.top().get(t);
            int a = expectedTop.get(t);
            assertThat(p.index()).as("top %d", t).isEqualTo(a);
            assertThat(p.upstream()).isCloseTo(r.upstream[a], within(1e-14));
            assertThat(p.inputValue()).isEqualTo(r.inputValue[a]);
            assertThat(p.contribution()).isCloseTo(r.contribution[a], within(1e-14));
            assertThat(p.input()).isEqualTo(r.inputLabel[a]);
        }

        // listed paths go through the largest contributions and end with the position's own factor
        assertThat(e.groupedBy()).isEqualTo(s.output());
        for (PathGroup g : e.groups()) {
            for (Path p : g.shown()) {
                List<String> nodes = p.nodes();
                assertThat(nodes.get(nodes.size() - 2)).isEqualTo(g.via());
                assertThat(nodes.get(nodes.size() - 1)).isEqualTo(e.target());
                assertThat(p.product()).isCloseTo(p.factors().stream().mapToDouble(Factor::value).reduce(1, (u, z) -> u * z),
                        within(1e-15));
            }
        }
    }

    /**
     * ReLU then 2x2 max pooling: a position lies on a path from E only if it is the first maximum of
     * its pooling window (PyTorch's rule) and meets an input element; all other positions add nothing.
     */
    @Test
    void onlyTheMaximaOfMaxPoolingLieOnPaths() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 1, 1, 6, 6);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 1, 3, 3).requiresGrad().named("0.weight");
        Tensor v = Tensor.randn(rng, DType.FLOAT64, 18, 3).requiresGrad().named("1.weight");
        Supplier<Tensor> loss = () -> new CrossEntropyLoss().apply(
                x.conv2d(w, null, 1, 1).relu().maxPool2d(2).reshape(1, 18).matmul(v), new int[]{2});
        int[] element = {1, 0, 0, 0}; // the corner tap: row 0 and column 0 meet the padding
        Explanation e = PathExplainer.standard().explain(loss, w, element);
        WeightSharing s = e.sharing();

        double[] h = x.conv2d(w, null, 1, 1).relu().data().toDoubleArray();
        int onPaths = 0;
        for (int wy = 0; wy < 3; wy++) {
            for (int wx = 0; wx < 3; wx++) {
                int best = -1;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int a = 36 + (2 * wy + dy) * 6 + 2 * wx + dx; // channel 1
                        if (best < 0 || h[a] > h[best]) {
                            best = a;
                        }
                    }
                }
                int y = (best - 36) / 6;
                int q = (best - 36) % 6;
                onPaths += y > 0 && q > 0 ? 1 : 0;
            }
        }
        assertThat(s.positions()).isEqualTo(36);
        assertThat(s.inPadding()).isEqualTo(11);
        assertThat(s.onPaths()).isEqualTo(onPaths);
        assertThat(s.pathCount()).isEqualTo(BigInteger.valueOf(3L * onPaths)); // E -> o_j (3) -> z_2 ... one path each below
        assertThat(Explanation.relativeDifference(s.sum(), e.autodiff())).isLessThan(1e-12);
        assertThat(Explanation.relativeDifference(s.sum(), e.numeric())).isLessThan(1e-6);
    }

    /** The text and JSON reports show the counts, the largest contributions, the rows and the sums of the summary. */
    @Test
    void textAndJsonReportTheSummary() {
        Rng rng = new Rng(7);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 1, 1, 4, 4);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 2, 1, 3, 3).requiresGrad().named("0.weight");
        Tensor v = Tensor.randn(rng, DType.FLOAT64, 32, 2).requiresGrad().named("1.weight");
        Supplier<Tensor> loss = () -> new CrossEntropyLoss().apply(
                x.conv2d(w, null, 1, 1).tanh().reshape(1, 32).matmul(v), new int[]{0});
        Explanation e = PathExplainer.of(LossForm.TEXTBOOK, 5).explain(loss, w, 0, 0, 2, 2);
        WeightSharing s = e.sharing();
        assertThat(s.inPadding()).isEqualTo(7); // row 3 and column 3 of the 4x4 output

        String text = TextReport.of(e);
        assertThat(text).contains("0.weight[0,0,2,2] is shared: a = conv2d(x, 0.weight), stride=1, padding=1, dilation=1, groups=1\n"
                + "multiplies it at every output position a[n,0,y,x]: 1 x 4 x 4 = 16 positions, so\n");
        assertThat(text).contains("16 positions: 9 meet an input element, 7 meet the zero padding");
        assertThat(text).contains("of the 9 inside, 9 lie on paths from E to the weight (18 paths) and 0 on none");
        assertThat(text).contains("in the padding: a[0,0,0,3], a[0,0,1,3], a[0,0,2,3], a[0,0,3,0], a[0,0,3,1], a[0,0,3,2], a[0,0,3,3]\n");
        assertThat(text).contains("the 10 largest contributions of 16:");
        WeightSharing.Position top = s.top().get(0);
        assertThat(text).containsPattern("\n  " + java.util.regex.Pattern.quote(top.output()) + " +"
                + java.util.regex.Pattern.quote(top.input()) + " +" + java.util.regex.Pattern.quote(Num.s(top.upstream())));
        for (WeightSharing.Row r : s.rows()) {
            assertThat(text).containsPattern("\n  0 +" + r.row() + " +" + r.inPadding() + " +" + r.onPaths() + " +"
                    + java.util.regex.Pattern.quote(Num.full(r.sum())) + "\n");
        }
        assertThat(text).contains("paths through the largest contributions (showing 5 of 18;");
        assertThat(text).contains("\nsum over all 16 positions               " + Num.full(s.sum()));
        assertThat(text).contains("\nsum over all 18 paths                   " + Num.full(e.total()));
        assertThat(text.lines().filter(l -> l.startsWith("path ")).count()).isEqualTo(5);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(JsonReport.of(e));
        assertThat(json.get("groupedBy")).isEqualTo("a[n,0,y,x]");
        @SuppressWarnings("unchecked")
        Map<String, Object> sharing = (Map<String, Object>) json.get("sharing");
        assertThat(sharing.get("operation")).isEqualTo(s.operation());
        assertThat(num(sharing.get("positions"))).isEqualTo(16);
        assertThat(num(sharing.get("inPadding"))).isEqualTo(7);
        assertThat(num(sharing.get("onPaths"))).isEqualTo(9);
        assertThat(num(sharing.get("pathCount"))).isEqualTo(18);
        assertThat(((Json.Num) sharing.get("sum")).doubleValue()).isEqualTo(s.sum());
        assertThat((List<?>) sharing.get("padding")).hasSize(7);
        List<?> tops = (List<?>) sharing.get("top");
        assertThat(tops).hasSize(10);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) tops.get(0);
        assertThat(first.get("output")).isEqualTo(top.output());
        assertThat(first.get("input")).isEqualTo(top.input());
        assertThat(((Json.Num) first.get("contribution")).doubleValue()).isEqualTo(top.contribution());
        assertThat((List<?>) sharing.get("rows")).hasSize(4);
        assertThat(((List<?>) json.get("paths"))).hasSize(5);
    }

    private static int num(Object json) {
        return ((Json.Num) json).bigInteger().intValueExact();
    }

    /** The brute-force reference: every output position of channel o, with dE/dout from autodiff of the head alone. */
    private record Reference(double sum, int inPadding, List<String> paddingLabels, double[][] rowSums, double[] upstream,
                             double[] inputValue, double[] contribution, String[] inputLabel, List<Integer> positions) {
        static Reference of(Conv k, Tensor x, Tensor out, Function<Tensor, Tensor> head, String name) {
            int[] os = out.shape();
            Tensor leaf = Tensor.of(out.data().toDoubleArray(), os).requiresGrad();
            head.apply(leaf).backward(null, false);
            double[] g = leaf.grad().data().toDoubleArray();
            int[] e = k.element;
            int o = e[0];
            int cIn = o / (k.o / k.groups) * (k.c / k.groups) + e[1]; // the input channel in o's group
            double[] xs = x.data().toDoubleArray();
            int size = g.length;
            double[] upstream = new double[size];
            double[] value = new double[size];
            double[] contribution = new double[size];
            String[] label = new String[size];
            double[][] rows = new double[k.n][os[2]];
            List<String> padding = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            double sum = 0;
            int inPadding = 0;
            for (int n = 0; n < k.n; n++) {
                for (int y = 0; y < os[2]; y++) {
                    for (int q = 0; q < os[3]; q++) {
                        int a = ((n * os[1] + o) * os[2] + y) * os[3] + q;
                        int r = y * k.stride + e[2] * k.dilation - k.padding;
                        int col = q * k.stride + e[3] * k.dilation - k.padding;
                        boolean inside = r >= 0 && r < k.h && col >= 0 && col < k.w;
                        positions.add(a);
                        upstream[a] = g[a];
                        if (inside) {
                            value[a] = xs[((n * k.c + cIn) * k.h + r) * k.w + col];
                            label[a] = "x[" + n + "," + cIn + "," + r + "," + col + "]";
                        } else {
                            inPadding++;
                            padding.add(name + "[" + n + "," + o + "," + y + "," + q + "]");
                        }
                        contribution[a] = g[a] * value[a];
                        rows[n][y] += contribution[a];
                        sum += contribution[a];
                    }
                }
            }
            return new Reference(sum, inPadding, padding, rows, upstream, value, contribution, label, positions);
        }

        /** The flat output indices of channel o's positions with the largest |contribution|, ties in row-major order. */
        List<Integer> largest(int count) {
            return positions.stream().sorted(Comparator.comparingDouble((Integer a) -> -Math.abs(contribution[a])))
                    .limit(count).toList();
        }
    }
}
