package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Supplier;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.FlatIndex;
import org.backprop4j.ops.Role;
import org.backprop4j.tensor.Tensor;

/**
 * Explains one element of a gradient by the chain rule: every path in the graph from a scalar loss
 * E down to the element {@code w}, the local factor on each edge, the product along each path, and
 * the sum over all paths (math note, "paths in the computational graph"), next to the autodiff
 * gradient and a float64 numeric derivative.
 *
 * <p>The count and the sum cover every path exactly, by dynamic programming over the scalar nodes;
 * at most {@code maxPaths} paths are listed. When there are several branches, paths are grouped by
 * the node where they first split (each group with its own exact count and sum). A convolution weight
 * is shared by every output position of its channel: its explanation sums the gradient position by
 * position ({@link Explanation#sharing()}) and groups the listed paths by the output position they pass
 * through, largest contribution first. Build the loss in float64 for the three numbers to agree to
 * about 1e-10 or better.
 *
 * <pre>{@code
 * Explanation e = PathExplainer.standard().explain(() -> ce.apply(model.forward(x), labels), w, 0, 1);
 * System.out.print(TextReport.of(e));
 * }</pre>
 */
public final class PathExplainer {
    /** The default number of listed paths. */
    public static final int DEFAULT_MAX_PATHS = 64;

    /** The numeric derivative's step for a weight shared by a convolution. */
    static final double SHARED_STEP = 1e-5;

    private final LossForm form;
    private final int maxPaths;

    private PathExplainer(LossForm form, int maxPaths) {
        this.form = form;
        this.maxPaths = maxPaths;
    }

    /** The textbook form with at most {@value #DEFAULT_MAX_PATHS} listed paths. */
    public static PathExplainer standard() {
        return new PathExplainer(LossForm.TEXTBOOK, DEFAULT_MAX_PATHS);
    }

    /** An explainer with the given form of a fused cross-entropy and limit of listed paths (at least 0). */
    public static PathExplainer of(LossForm form, int maxPaths) {
        if (maxPaths < 0) {
            throw new IllegalArgumentException("--max-paths must be at least 0, got " + maxPaths);
        }
        return new PathExplainer(java.util.Objects.requireNonNull(form, "form"), maxPaths);
    }

    /**
     * Explains {@code dE/d param[index]}, where E is the one-element loss that {@code loss} computes
     * (it is called once to record the graph and again for the numeric derivative). As a side
     * effect, the gradients of the leaves are recomputed by one backward pass.
     */
    public Explanation explain(Supplier<Tensor> loss, Tensor param, int... index) {
        int[] shape = param.shape();
        if (index.length != shape.length) {
            throw new IllegalArgumentException("parameter " + param.name() + " has shape " + Shape.str(shape) + ", so it needs "
                    + shape.length + " indices, got " + index.length);
        }
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IllegalArgumentException("index " + index[d] + " is out of range for dimension " + d
                        + " of parameter " + param.name() + " with shape " + Shape.str(shape));
            }
        }
        int element = FlatIndex.flat(shape, index);
        Tensor e = loss.get();
        if (e.size() != 1) {
            throw new IllegalArgumentException("the loss must be a single number, its shape is " + Shape.str(e.shape()));
        }
        if (!ScalarGraph.reaches(e, param, new IdentityHashMap<>())) {
            throw new IllegalArgumentException("parameter " + param.name() + " does not influence the loss: no path "
                    + "in the recorded graph leads from the loss to it");
        }
        NodeNames names = new NodeNames(e);
        ScalarGraph graph = new ScalarGraph(e, param, element, names, form);
        Explanation.OtherForm other = null;
        if (LocalRules.role(e) == Role.SOFTMAX_CROSS_ENTROPY) {
            LossForm o = form == LossForm.TEXTBOOK ? LossForm.FUSED : LossForm.TEXTBOOK;
            ScalarGraph og = new ScalarGraph(e, param, element, names, o);
            other = new Explanation.OtherForm(o, og.count(og.root()), og.total(og.root()));
        }
        Tensor conv = SharedWeights.convolutionOf(e, param);
        WeightSharing sharing = conv == null ? null : SharedWeights.of(graph, conv, element);
        Grouping grouping = sharing == null ? group(graph) : byPosition(graph, conv, sharing);

        param.zeroGrad();
        e.backward(null, true);
        double autodiff = param.grad() == null ? 0 : param.grad().data().get(element);
        // a shared weight moves every output position at once, so the default step (up to 3h = 0.015)
        // would cross ReLU and max-pooling kinks far more often: a smaller step (round-off ~1e-11 relative)
        double numeric = (sharing == null ? GradCheck.standard() : GradCheck.withStep(SHARED_STEP))
                .numericDerivative(loss, param, element);
        return new Explanation(names.element(param, element), e.item(), form, graph.count(graph.root()),
                graph.total(graph.root()), grouping.via, grouping.groups, other, autodiff, numeric, sharing);
    }

    private record Grouping(String via, List<PathGroup> groups) {
    }

    /** Follows the single-branch trunk from the loss, then makes one group per branch where it first splits. */
    private Grouping group(ScalarGraph g) {
        List<String> nodes = new ArrayList<>(List.of(g.label(g.root())));
        List<Factor> factors = new ArrayList<>();
        double product = 1;
        Node n = g.root();
        while (!n.equals(g.target()) && g.edges(n).size() == 1) {
            Edge e = g.edges(n).get(0);
            factors.add(g.factor(n, e));
            nodes.add(g.label(e.child()));
            product *= e.value();
            n = e.child();
        }
        if (n.equals(g.target())) {
            List<Path> one = new ArrayList<>();
            if (maxPaths > 0) {
                one.add(new Path(nodes, factors, product));
            }
            return new Grouping(null, List.of(new PathGroup(null, BigInteger.ONE, product, one)));
        }
        List<Edge> branches = g.edges(n);
        int[] quota = quotas(branches.stream().map(b -> g.count(b.child())).toList(), maxPaths);
        List<PathGroup> groups = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            Edge b = branches.get(i);
            List<Path> shown = new ArrayList<>();
            List<String> ns = new ArrayList<>(nodes);
            ns.add(g.label(b.child()));
            List<Factor> fs = new ArrayList<>(factors);
            fs.add(g.factor(n, b));
            g.enumerate(b.child(), ns, fs, product * b.value(), quota[i], shown);
            groups.add(new PathGroup(g.label(b.child()), g.count(b.child()), product * b.value() * g.total(b.child()),
                    shown));
        }
        return new Grouping(g.label(n), groups);
    }

    /**
     * For a shared convolution weight: one group per output position among the largest contributions
     * that lie on paths, in that order, each listing its paths while the limit lasts.
     */
    private Grouping byPosition(ScalarGraph g, Tensor conv, WeightSharing sharing) {
        List<PathGroup> groups = new ArrayList<>();
        int left = maxPaths;
        for (WeightSharing.Position p : sharing.top()) {
            if (p.paths().signum() == 0) {
                continue;
            }
            List<Path> shown = new ArrayList<>();
            if (left > 0) {
                g.enumerateThrough(new Node(conv, p.index()), left, shown);
                left -= shown.size();
            }
            groups.add(new PathGroup(p.output(), p.paths(), p.contribution(), shown));
        }
        return new Grouping(sharing.output(), groups);
    }

    /** Shares {@code budget} listed paths among groups of the given sizes as evenly as their sizes allow, in order. */
    static int[] quotas(List<BigInteger> sizes, int budget) {
        int[] q = new int[sizes.size()];
        int left = budget;
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int i = 0; i < q.length && left > 0; i++) {
                if (sizes.get(i).compareTo(BigInteger.valueOf(q[i])) > 0) {
                    q[i]++;
                    left--;
                    progress = true;
                }
            }
        }
        return q;
    }
}
