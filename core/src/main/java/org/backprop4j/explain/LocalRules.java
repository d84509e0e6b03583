package org.backprop4j.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ops.LinearOp;
import org.backprop4j.ops.LocalDerivatives;
import org.backprop4j.ops.MathText;
import org.backprop4j.ops.Partial;
import org.backprop4j.ops.Partials;
import org.backprop4j.ops.Role;
import org.backprop4j.tensor.Tensor;

/**
 * The local partial derivatives {@code d out[a] / d in[b]} of one scalar node, with the textbook
 * formula of each, as the ops state them ({@link LocalDerivatives}). A dense layer
 * {@code Add(MatMul(y, W), b)} on matrices is read as one affine node {@code z_j = sum_i y_i w_ij + b_j};
 * ops that only move elements (reshape, transpose, slice) are passed through to the element they read;
 * a fused op is expanded through its intermediate value when it has one (always for Linear+ReLU, in the
 * textbook {@link LossForm} for the softmax cross-entropy). An op that states no partials is asked for
 * one row of its Jacobian: its {@code backward} applied to a one-hot output gradient.
 */
final class LocalRules {
    private static final MathText AFFINE = MathText.of(MathText.text(LinearOp.AFFINE));

    private final NodeNames names;
    private final LossForm form;
    private final Predicate<Tensor> reaches;

    LocalRules(NodeNames names, LossForm form, Predicate<Tensor> reaches) {
        this.names = names;
        this.form = form;
        this.reaches = reaches;
    }

    /** The op of {@code t} as stated local derivatives, or null when it states none (or {@code t} is a leaf). */
    static LocalDerivatives derivatives(Tensor t) {
        return t.op() instanceof LocalDerivatives d ? d : null;
    }

    /** The role of the op of {@code t} in the textbook picture; {@link Role#OTHER} for leaves and ops that state none. */
    static Role role(Tensor t) {
        LocalDerivatives d = derivatives(t);
        return d == null ? Role.OTHER : d.role();
    }

    /** The edges from {@code n} to the elements it reads directly, restricted to tensors that reach the target. */
    List<Edge> edges(Node n) {
        List<Edge> raw = new ArrayList<>();
        if (n.owner() instanceof Node.Inner in) {
            derivatives(in.of()).innerPartials(n.index(), new Collector(in.of(), raw, null, k -> true));
        } else {
            Tensor t = (Tensor) n.owner();
            if (t.op() != null) {
                local(t, n.index(), raw);
            }
        }
        return merge(raw);
    }

    private void local(Tensor t, int a, List<Edge> out) {
        LocalDerivatives d = derivatives(t);
        if (isAffine(t)) { // z_j = sum_i y_i w_ij + b_j: the product's partials and the bias, one node
            Tensor product = t.inputs().get(0);
            derivatives(product).partials(a, false, new Collector(product, out, AFFINE, k -> true));
            d.partials(a, false, new Collector(t, out, AFFINE, k -> k == 1));
        } else if (d == null || !d.partials(a, form == LossForm.TEXTBOOK, new Collector(t, out, null, k -> true))) {
            jacobianRow(t, a, out);
        }
    }

    /** True for {@code Add(MatMul(y, W), b)} on matrices, read as one affine map. */
    private static boolean isAffine(Tensor t) {
        if (role(t) != Role.ADDITION) {
            return false;
        }
        Tensor m = t.inputs().get(0);
        return t.rank() == 2 && role(m) == Role.MATRIX_PRODUCT && m.rank() == 2 && m.inputs().get(0).rank() == 2
                && m.inputs().get(1).rank() == 2 && java.util.Arrays.equals(m.shape(), t.shape());
    }

    /** Turns the partials an op states into edges, with its numbers and input elements formatted for the reader when shown. */
    private final class Collector implements Partials {
        private final Tensor t;
        private final List<Edge> out;
        private final MathText note;
        private final IntPredicate inputs;

        /** Edges from element nodes of {@code t} into {@code out}; {@code note} (if not null) replaces the op's notes. */
        Collector(Tensor t, List<Edge> out, MathText note, IntPredicate inputs) {
            this.t = t;
            this.out = out;
            this.note = note;
            this.inputs = inputs;
        }

        @Override
        public boolean wants(int input) {
            return inputs.test(input) && reaches.test(t.inputs().get(input));
        }

        @Override
        public void add(Partial p) {
            Supplier<Edge.Text> text = text(t, p, note);
            if (p.input() == Partial.INNER) {
                out.add(new Edge(new Node(new Node.Inner(t), p.element()), p.value(), text));
            } else if (inputs.test(p.input())) {
                Node source = source(t.inputs().get(p.input()), p.element());
                if (reaches.test((Tensor) source.owner())) {
                    out.add(new Edge(source, p.value(), text));
                }
            }
        }
    }

    /** How partial {@code p} of the op of {@code t} reads; {@code note} (if not null) replaces the op's note. */
    Supplier<Edge.Text> text(Tensor t, Partial p, MathText note) {
        return () -> {
            Formatter f = new Formatter(t);
            return new Edge.Text(p.formula(), p.shown().render(f), (note == null ? p.note() : note).render(f));
        };
    }

    /** Numbers and the input elements of the op of {@code t}, as the reader sees them. */
    private final class Formatter implements MathText.Format {
        private final Tensor t;

        Formatter(Tensor t) {
            this.t = t;
        }

        @Override
        public String number(double value) {
            return Num.s(value);
        }

        @Override
        public String factor(double value) {
            return Num.p(value);
        }

        @Override
        public String element(int input, int index) {
            return names.label(source(t.inputs().get(input), index));
        }

        @Override
        public String input(int input) {
            return names.of(t.inputs().get(input));
        }
    }

    /** Element {@code b} of {@code c}, followed through ops that only move elements to the element it copies. */
    private static Node source(Tensor c, int b) {
        while (role(c) == Role.MOVE) {
            int[] from = new int[1];
            derivatives(c).partials(b, false, new Partials() {
                @Override
                public boolean wants(int input) {
                    return true;
                }

                @Override
                public void add(Partial p) {
                    from[0] = p.element();
                }
            });
            b = from[0];
            c = c.inputs().get(0);
        }
        return new Node(c, b);
    }

    private void jacobianRow(Tensor t, int a, List<Edge> out) {
        List<Tensor> in = t.inputs();
        boolean[] needs = new boolean[in.size()];
        for (int k = 0; k < needs.length; k++) {
            needs[k] = reaches.test(in.get(k));
        }
        NDArray g = t.data().zerosLike();
        g.set(a, 1);
        NDArray[] rows = t.op().backward(g, needs);
        Edge.Text text = new Edge.Text("J[a,b]", "", "row of the Jacobian of " + t.op().name()
                + ", from its backward with a one-hot gradient");
        for (int k = 0; k < needs.length; k++) {
            if (!needs[k] || rows[k] == null) {
                continue;
            }
            for (int b = 0; b < rows[k].size(); b++) {
                double v = rows[k].get(b);
                Node source = source(in.get(k), b);
                if (v != 0 && reaches.test((Tensor) source.owner())) {
                    out.add(new Edge(source, v, () -> text));
                }
            }
        }
    }

    /** Merges edges to the same node (an input used twice by one op), adding their values. */
    private static List<Edge> merge(List<Edge> raw) {
        Map<Node, Edge> byChild = new LinkedHashMap<>();
        for (Edge e : raw) {
            byChild.merge(e.child(), e, (p, q) -> new Edge(p.child(), p.value() + q.value(), () -> {
                Edge.Text a = p.text().get();
                Edge.Text b = q.text().get();
                return new Edge.Text(a.formula() + " + " + b.formula(), a.shown() + " + " + b.shown(), a.note());
            }));
        }
        return new ArrayList<>(byChild.values());
    }
}
