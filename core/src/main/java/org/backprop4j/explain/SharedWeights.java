package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.ops.FlatIndex;
import org.backprop4j.ops.LocalDerivatives;
import org.backprop4j.ops.Partial;
import org.backprop4j.ops.Partials;
import org.backprop4j.ops.Role;
import org.backprop4j.tensor.Tensor;

/**
 * Finds the convolution that shares a weight element and sums its gradient position by position
 * ({@link WeightSharing}). Which input element a position multiplies, or whether it meets the
 * padding, is read from the partials the convolution states for that position; {@code dE/dout} at a
 * position is the sum over the paths from E down to it ({@link ScalarGraph#totalFromRoot}).
 */
final class SharedWeights {
    private SharedWeights() {
    }

    /** The one convolution in the graph of {@code loss} that reads {@code param} as its weight, or null when there is not exactly one. */
    static Tensor convolutionOf(Tensor loss, Tensor param) {
        List<Tensor> found = new ArrayList<>();
        walk(loss, param, new IdentityHashMap<>(), found);
        return found.size() == 1 ? found.get(0) : null;
    }

    private static void walk(Tensor t, Tensor param, Map<Tensor, Boolean> seen, List<Tensor> found) {
        if (seen.put(t, true) != null) {
            return;
        }
        if (LocalRules.role(t) == Role.CONVOLUTION && t.inputs().get(1) == param) {
            found.add(t);
        }
        for (Tensor in : t.inputs()) {
            walk(in, param, seen, found);
        }
    }

    /** Every output position of {@code conv} that multiplies weight element {@code element}, summarised. */
    static WeightSharing of(ScalarGraph g, Tensor conv, int element) {
        int[] shape = conv.shape(); // [N, O, H, W]
        int o = FlatIndex.multi(conv.inputs().get(1).shape(), element)[0];
        LocalDerivatives d = LocalRules.derivatives(conv);
        NodeNames names = g.names();
        List<Candidate> all = new ArrayList<>();
        List<WeightSharing.Row> rows = new ArrayList<>();
        List<String> padding = new ArrayList<>();
        int inPadding = 0;
        int onPaths = 0;
        BigInteger paths = BigInteger.ZERO;
        double sum = 0;
        for (int n = 0; n < shape[0]; n++) {
            for (int y = 0; y < shape[2]; y++) {
                int rowPadding = 0;
                int rowPaths = 0;
                double rowSum = 0;
                for (int x = 0; x < shape[3]; x++) {
                    int a = FlatIndex.flat(shape, new int[]{n, o, y, x});
                    Node at = new Node(conv, a);
                    Partial p = weightPartial(d, a, element);
                    BigInteger count = g.countFromRoot(at);
                    double upstream = g.totalFromRoot(at);
                    double value = p == null ? 0 : p.value();
                    double contribution = upstream * value; // dE/dout * x, or 0 in the padding
                    if (p == null) {
                        rowPadding++;
                        if (padding.size() < WeightSharing.LISTED) {
                            padding.add(names.element(conv, a));
                        }
                    }
                    if (count.signum() > 0) {
                        rowPaths++;
                        paths = paths.add(count);
                    }
                    rowSum += contribution;
                    sum += contribution;
                    all.add(new Candidate(a, p, count, upstream, contribution));
                }
                inPadding += rowPadding;
                onPaths += rowPaths;
                rows.add(new WeightSharing.Row(n, y, shape[3], rowPadding, rowPaths, rowSum));
            }
        }
        List<WeightSharing.Position> top = new ArrayList<>();
        for (Candidate c : largest(all)) {
            top.add(new WeightSharing.Position(names.element(conv, c.a), c.a, c.p == null ? null : g.text(conv, c.p).substituted(),
                    c.upstream, c.p == null ? 0 : c.p.value(), c.contribution, c.paths));
        }
        String operation = names.of(conv) + " = conv2d(" + names.of(conv.inputs().get(0)) + ", "
                + names.of(conv.inputs().get(1)) + (conv.inputs().size() > 2 ? ", " + names.of(conv.inputs().get(2)) : "")
                + "), " + conv.op().describe();
        return new WeightSharing(operation, names.of(conv) + "[n," + o + ",y,x]", shape, all.size(), inPadding, padding,
                onPaths, paths, sum, top, rows);
    }

    /** The partial of output element {@code a} with respect to weight element {@code element}, or null when it meets the padding. */
    private static Partial weightPartial(LocalDerivatives d, int a, int element) {
        Partial[] found = new Partial[1];
        d.partials(a, false, new Partials() {
            @Override
            public boolean wants(int input) {
                return input == 1;
            }

            @Override
            public void add(Partial p) {
                if (p.input() == 1 && p.element() == element) {
                    found[0] = p;
                }
            }
        });
        return found[0];
    }

    /** One output position while all are summed: its flat index, the partial to the weight (null in the padding), paths and sums. */
    private record Candidate(int a, Partial p, BigInteger paths, double upstream, double contribution) {
    }

    /** The positions with the largest |contribution|, largest first (ties in row-major order), at most {@link WeightSharing#LISTED}. */
    private static List<Candidate> largest(List<Candidate> all) {
        List<Candidate> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble((Candidate c) -> Math.abs(c.contribution())).reversed());
        return sorted.subList(0, Math.min(WeightSharing.LISTED, sorted.size()));
    }
}
