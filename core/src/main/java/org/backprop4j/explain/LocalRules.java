package org.backprop4j.explain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.Add;
import org.backprop4j.ops.Div;
import org.backprop4j.ops.Exp;
import org.backprop4j.ops.LinearOp;
import org.backprop4j.ops.Log;
import org.backprop4j.ops.MatMul;
import org.backprop4j.ops.Mean;
import org.backprop4j.ops.Mul;
import org.backprop4j.ops.Neg;
import org.backprop4j.ops.Op;
import org.backprop4j.ops.Relu;
import org.backprop4j.ops.Reshape;
import org.backprop4j.ops.Sigmoid;
import org.backprop4j.ops.Slice;
import org.backprop4j.ops.Softmax;
import org.backprop4j.ops.SoftmaxCrossEntropy;
import org.backprop4j.ops.Sub;
import org.backprop4j.ops.Sum;
import org.backprop4j.ops.Tanh;
import org.backprop4j.ops.Transpose;
import org.backprop4j.ops.UnaryOp;
import org.backprop4j.tensor.Tensor;

/**
 * The local partial derivatives {@code d out[a] / d in[b]} of one scalar node, with the textbook
 * formula of each. Exact sparse formulas cover the ops of a perceptron: a dense layer
 * {@code Add(MatMul(y, Transpose(W)), b)} is read as one affine node {@code z_j = sum_i y_i w_ij + b_j},
 * element-wise arithmetic and activations, softmax, sums and the fused softmax cross-entropy (in
 * either {@link LossForm}). Reshape, Transpose and Slice only move elements, so edges pass through
 * them to the element they read. Any other op is asked for one row of its Jacobian: its
 * {@code backward} applied to a one-hot output gradient.
 */
final class LocalRules {
    private final NodeNames names;
    private final LossForm form;
    private final Predicate<Tensor> reaches;
    private final Map<Tensor, int[]> moves = new IdentityHashMap<>();
    private final Map<Tensor, double[]> diagonals = new IdentityHashMap<>();

    LocalRules(NodeNames names, LossForm form, Predicate<Tensor> reaches) {
        this.names = names;
        this.form = form;
        this.reaches = reaches;
    }

    /** The edges from {@code n} to the elements it reads directly, restricted to tensors that reach the target. */
    List<Edge> edges(Node n) {
        List<Edge> raw = new ArrayList<>();
        if (n.owner() instanceof Node.Probabilities p) {
            softmaxOfLoss(p, n.index(), raw);
        } else if (n.owner() instanceof Node.PreActivation p) {
            linear(p.layer(), n.index(), raw);
        } else {
            Tensor t = (Tensor) n.owner();
            if (t.op() != null) {
                local(t, n.index(), raw);
            }
        }
        return merge(raw);
    }

    private void local(Tensor t, int a, List<Edge> out) {
        Op op = t.op();
        List<Tensor> in = t.inputs();
        if (op instanceof SoftmaxCrossEntropy ce) {
            crossEntropy(t, ce, a, out);
        } else if (op instanceof LinearOp l && l.relu()) {
            fusedRelu(t, a, out);
        } else if (op instanceof LinearOp) {
            linear(t, a, out);
        } else if (op instanceof Add && isAffine(t)) {
            affine(t, in.get(0), in.get(1), a, out);
        } else if (op instanceof MatMul && t.rank() == 2 && in.get(0).rank() == 2 && in.get(1).rank() == 2) {
            affine(t, t, null, a, out);
        } else if (op instanceof Add || op instanceof Sub || op instanceof Mul || op instanceof Div) {
            arithmetic(t, op, a, out);
        } else if (op instanceof Softmax s) {
            softmax(t, s, a, out);
        } else if (op instanceof Sum s && s.describe().startsWith("all")) {
            double scale = op instanceof Mean ? 1.0 / in.get(0).size() : 1.0;
            String f = op instanceof Mean ? "1/n" : "1";
            for (int b = 0; b < in.get(0).size(); b++) {
                add(out, in.get(0), b, scale, f, op instanceof Mean ? "1/" + in.get(0).size() : "",
                        op instanceof Mean ? "mean of n = " + in.get(0).size() + " elements" : "sum");
            }
        } else if (op instanceof Relu) {
            double xv = t.inputs().get(0).data().get(a);
            boolean on = xv > 0;
            add(out, t.inputs().get(0), a, on ? 1 : 0, reluFormula(xv), "", reluNote(xv));
        } else if (op instanceof UnaryOp u) {
            unary(t, u, a, out);
        } else {
            jacobianRow(t, a, out);
        }
    }

    // ---------------------------------------------------------------- cross-entropy and softmax

    private void crossEntropy(Tensor t, SoftmaxCrossEntropy ce, int a, List<Edge> out) {
        Tensor z = t.inputs().get(0);
        int k = z.shape()[z.rank() - 1];
        int n = z.size() / k;
        double[] o = ce.probabilities();
        double[] tt = ce.effectiveTargets();
        double[] tau = ce.tau();
        double d = ce.divisor();
        boolean perSample = t.size() == n && n > 1;
        String div = d == 1 ? "" : "/N";
        String divNote = d == 1 ? "" : "; N = " + Num.s(d) + " is the divisor of the mean";
        for (int r = 0; r < n; r++) {
            if (perSample && r != a) {
                continue;
            }
            for (int c = 0; c < k; c++) {
                int i = r * k + c;
                if (form == LossForm.FUSED) {
                    add(out, z, i, (o[i] * tau[r] - tt[i]) / d, "(o_k*tau - t_k)" + div,
                            "(" + Num.s(o[i]) + "*" + Num.s(tau[r]) + " - " + Num.s(tt[i]) + ")" + (d == 1 ? "" : "/" + Num.s(d)),
                            "fused softmax cross-entropy, tau = sum_j t_j = " + Num.s(tau[r]) + divNote);
                } else if (tt[i] != 0) { // E = -sum_j t_j log o_j has no term for a class with t_j = 0
                    Node p = new Node(new Node.Probabilities(t), i);
                    out.add(new Edge(p, -tt[i] / (o[i] * d), "-t_j/o_j" + div,
                            "-" + Num.s(tt[i]) + "/" + Num.s(o[i]) + (d == 1 ? "" : "/" + Num.s(d)),
                            "E = -sum_j t_j log o_j" + divNote));
                }
            }
        }
    }

    private void softmaxOfLoss(Node.Probabilities p, int a, List<Edge> out) {
        Tensor z = p.loss().inputs().get(0);
        SoftmaxCrossEntropy ce = (SoftmaxCrossEntropy) p.loss().op();
        int k = z.shape()[z.rank() - 1];
        int row = a / k * k;
        double[] o = ce.probabilities();
        for (int c = 0; c < k; c++) {
            jacobianEntry(out, z, row + c, a - row, c, o[a], o[row + c]);
        }
    }

    private void softmax(Tensor t, Softmax s, int a, List<Edge> out) {
        Tensor z = t.inputs().get(0);
        int[] shape = t.shape();
        int axis = Shape.axis(Integer.parseInt(s.describe().substring("dim=".length())), shape);
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int len = shape[axis];
        int j = a / inner % len;
        int base = a - j * inner;
        NDArray o = t.data();
        for (int c = 0; c < len; c++) {
            jacobianEntry(out, z, base + c * inner, j, c, o.get(a), o.get(base + c * inner));
        }
    }

    // do_j/dz_k = o_j (delta_jk - o_k)
    private void jacobianEntry(List<Edge> out, Tensor z, int zIndex, int j, int k, double oj, double ok) {
        if (j == k) {
            add(out, z, zIndex, oj * (1 - oj), "o_j(1 - o_j)", Num.s(oj) + "*(1 - " + Num.s(oj) + ")",
                    "softmax Jacobian o_j(delta_jk - o_k), case j = k");
        } else {
            add(out, z, zIndex, -oj * ok, "-o_j*o_k", "-" + Num.s(oj) + "*" + Num.s(ok),
                    "softmax Jacobian o_j(delta_jk - o_k), case j != k");
        }
    }

    // ---------------------------------------------------------------- dense layers

    /** True for {@code Add(MatMul(y, W'), b)} on matrices, read as one affine map. */
    private static boolean isAffine(Tensor t) {
        Tensor m = t.inputs().get(0);
        return t.rank() == 2 && m.op() instanceof MatMul && m.rank() == 2 && m.inputs().get(0).rank() == 2
                && m.inputs().get(1).rank() == 2 && java.util.Arrays.equals(m.shape(), t.shape());
    }

    // z_j = sum_i y_i w_ij + b_j:  dz_j/dy_i = w_ij,  dz_j/dw_ij = y_i,  dz_j/db_j = 1
    private void affine(Tensor t, Tensor product, Tensor bias, int a, List<Edge> out) {
        Tensor y = product.inputs().get(0);
        Tensor bm = product.inputs().get(1);
        boolean transposed = bm.op() instanceof Transpose && bm.inputs().get(0).rank() == 2;
        Tensor w = transposed ? bm.inputs().get(0) : bm;
        int cols = t.shape()[1];
        int inner = y.shape()[1];
        int r = a / cols;
        int j = a % cols;
        String note = bias == null ? "z = y W: z_j = sum_i y_i w_ij" : "z_j = sum_i y_i w_ij + b_j";
        boolean yReaches = reaches.test(y);
        boolean wReaches = reaches.test(w);
        for (int i = 0; i < inner; i++) {
            int yi = r * inner + i;
            int wi = transposed ? j * inner + i : i * cols + j;
            double yv = y.data().get(yi);
            double wv = w.data().get(wi);
            if (yReaches) {
                add(out, y, yi, wv, "w_ij", names.element(w, wi), note);
            }
            if (wReaches) {
                add(out, w, wi, yv, "y_i", names.element(y, yi), note);
            }
        }
        if (bias != null && reaches.test(bias)) {
            add(out, bias, Indexing.broadcast(t.shape(), bias.shape(), a), 1, "1", "", note);
        }
    }

    // z_j = sum_i y_i w_ij + b_j for the fused op LinearOp(x, W [out,in], b): W is read transposed in place
    private void linear(Tensor t, int a, List<Edge> out) {
        List<Tensor> in = t.inputs();
        Tensor x = in.get(0);
        Tensor w = in.get(1);
        Tensor bias = in.size() > 2 ? in.get(2) : null;
        int cols = t.shape()[1];
        int inner = x.shape()[1];
        int r = a / cols;
        int j = a % cols;
        String note = bias == null ? "z = y W: z_j = sum_i y_i w_ij" : "z_j = sum_i y_i w_ij + b_j";
        boolean xReaches = reaches.test(x);
        boolean wReaches = reaches.test(w);
        for (int i = 0; i < inner; i++) {
            int xi = r * inner + i;
            int wi = j * inner + i;
            if (xReaches) {
                add(out, x, xi, w.data().get(wi), "w_ij", names.element(w, wi), note);
            }
            if (wReaches) {
                add(out, w, wi, x.data().get(xi), "y_i", names.element(x, xi), note);
            }
        }
        if (bias != null && reaches.test(bias)) {
            add(out, bias, j, 1, "1", "", note);
        }
    }

    // h = relu(a) of a fused Linear+ReLU, through its pre-activation a = x W^T + b (a virtual node)
    private void fusedRelu(Tensor t, int a, List<Edge> out) {
        double pre = preActivation(t, a);
        boolean on = pre > 0;
        out.add(new Edge(new Node(new Node.PreActivation(t), a), on ? 1 : 0, reluFormula(pre), "", reluNote(pre)));
    }

    // relu'(a) = 1 for a > 0, else 0 (0 at a = 0, as in PyTorch)
    private static String reluFormula(double pre) {
        return pre > 0 ? "relu'(a) = 1" : "relu'(a) = 0";
    }

    private static String reluNote(double pre) {
        return "relu, a = " + Num.s(pre) + (pre > 0 ? " > 0" : " <= 0: this path carries nothing");
    }

    /** a_j = sum_i x_i w_ji + b_j of a fused Linear+ReLU output element, recomputed in double. */
    private static double preActivation(Tensor t, int a) {
        List<Tensor> in = t.inputs();
        Tensor x = in.get(0);
        Tensor w = in.get(1);
        int cols = t.shape()[1];
        int inner = x.shape()[1];
        int r = a / cols;
        int j = a % cols;
        double s = in.size() > 2 ? in.get(2).data().get(j) : 0;
        for (int i = 0; i < inner; i++) {
            s += x.data().get(r * inner + i) * w.data().get(j * inner + i);
        }
        return s;
    }

    // ---------------------------------------------------------------- element-wise

    private void arithmetic(Tensor t, Op op, int a, List<Edge> out) {
        Tensor x = t.inputs().get(0);
        Tensor y = t.inputs().get(1);
        int xi = Indexing.broadcast(t.shape(), x.shape(), a);
        int yi = Indexing.broadcast(t.shape(), y.shape(), a);
        double xv = x.data().get(xi);
        double yv = y.data().get(yi);
        String xl = names.element(x, xi);
        String yl = names.element(y, yi);
        String note = op.name() + " " + names.of(x) + ", " + names.of(y);
        if (op instanceof Add) {
            add(out, x, xi, 1, "1", "", note);
            add(out, y, yi, 1, "1", "", note);
        } else if (op instanceof Sub) {
            add(out, x, xi, 1, "1", "", note);
            add(out, y, yi, -1, "-1", "", note);
        } else if (op instanceof Mul) {
            add(out, x, xi, yv, "d(uv)/du = v", yl, note);
            add(out, y, yi, xv, "d(uv)/dv = u", xl, note);
        } else {
            add(out, x, xi, 1 / yv, "d(u/v)/du = 1/v", "1/" + Num.p(yv), note);
            add(out, y, yi, -xv / (yv * yv), "d(u/v)/dv = -u/v^2", "-" + Num.p(xv) + "/" + Num.p(yv) + "^2", note);
        }
    }

    private void unary(Tensor t, UnaryOp op, int a, List<Edge> out) {
        Tensor x = t.inputs().get(0);
        double xv = x.data().get(a);
        double yv = t.data().get(a);
        if (op instanceof Tanh) {
            add(out, x, a, 1 - yv * yv, "tanh'(a) = 1 - h^2", "1 - " + Num.p(yv) + "^2", "tanh");
        } else if (op instanceof Sigmoid) {
            add(out, x, a, yv * (1 - yv), "sigmoid'(a) = h(1 - h)", Num.s(yv) + "*(1 - " + Num.s(yv) + ")", "sigmoid");
        } else if (op instanceof Log) {
            add(out, x, a, 1 / xv, "log'(u) = 1/u", "1/" + Num.p(xv), "log");
        } else if (op instanceof Exp) {
            add(out, x, a, yv, "exp'(u) = e^u", "e^" + Num.p(xv), "exp");
        } else if (op instanceof Neg) {
            add(out, x, a, -1, "-1", "", "negation");
        } else {
            double[] d = diagonals.computeIfAbsent(t, LocalRules::diagonal);
            String f = op.name().toLowerCase(java.util.Locale.ROOT) + "'(u)";
            add(out, x, a, d[a], f, "", op.name() + (op.describe().isEmpty() ? "" : "(" + op.describe() + ")")
                    + ", derivative from its backward");
        }
    }

    /** The derivative of an element-wise op at every element: its backward applied to a gradient of ones. */
    private static double[] diagonal(Tensor t) {
        NDArray ones = t.data().zerosLike();
        ones.fillInPlace(1);
        return t.op().backward(ones, new boolean[]{true})[0].toDoubleArray();
    }

    // ---------------------------------------------------------------- any other op

    private void jacobianRow(Tensor t, int a, List<Edge> out) {
        List<Tensor> in = t.inputs();
        boolean[] needs = new boolean[in.size()];
        for (int k = 0; k < needs.length; k++) {
            needs[k] = reaches.test(in.get(k));
        }
        NDArray g = t.data().zerosLike();
        g.set(a, 1);
        NDArray[] rows = t.op().backward(g, needs);
        for (int k = 0; k < needs.length; k++) {
            if (!needs[k] || rows[k] == null) {
                continue;
            }
            for (int b = 0; b < rows[k].size(); b++) {
                double v = rows[k].get(b);
                if (v != 0) {
                    add(out, in.get(k), b, v, "J[a,b]", "", "row of the Jacobian of " + t.op().name()
                            + ", from its backward with a one-hot gradient");
                }
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** Adds an edge to element b of tensor c, passing through ops that only move elements. */
    private void add(List<Edge> out, Tensor c, int b, double value, String formula, String substituted, String note) {
        while (isMove(c)) {
            b = moves.computeIfAbsent(c, LocalRules::sourceIndex)[b];
            c = c.inputs().get(0);
        }
        if (!reaches.test(c)) {
            return;
        }
        out.add(new Edge(new Node(c, b), value, formula, substituted, note));
    }

    private static boolean isMove(Tensor t) {
        Op op = t.op();
        return op instanceof Reshape || op instanceof Transpose || op instanceof Slice;
    }

    /** For each output element of a Reshape, Transpose or Slice, the input element it copies. */
    private static int[] sourceIndex(Tensor t) {
        if (t.op() instanceof Reshape) {
            int[] id = new int[t.size()];
            for (int i = 0; i < id.length; i++) {
                id[i] = i;
            }
            return id;
        }
        // backward of an op that only moves elements carries the value i+1 from output i to its source
        NDArray g = t.data().zerosLike();
        for (int i = 0; i < g.size(); i++) {
            g.set(i, i + 1);
        }
        NDArray back = t.op().backward(g, new boolean[]{true})[0];
        int[] source = new int[t.size()];
        for (int b = 0; b < back.size(); b++) {
            int v = (int) Math.round(back.get(b));
            if (v > 0) {
                source[v - 1] = b;
            }
        }
        return source;
    }

    /** Merges edges to the same node (an input used twice by one op), adding their values. */
    private static List<Edge> merge(List<Edge> raw) {
        Map<Node, Edge> byChild = new LinkedHashMap<>();
        for (Edge e : raw) {
            byChild.merge(e.child(), e, (p, q) -> new Edge(p.child(), p.value() + q.value(),
                    p.formula() + " + " + q.formula(), shown(p) + " + " + shown(q), p.note()));
        }
        return new ArrayList<>(byChild.values());
    }

    private static String shown(Edge e) {
        return e.substituted().isEmpty() ? e.formula() : e.substituted();
    }
}
