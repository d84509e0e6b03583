package org.backprop4j.ops;

import static org.backprop4j.ops.MathText.number;
import static org.backprop4j.ops.MathText.text;

import java.util.Arrays;
import org.backprop4j.kernel.Parallel;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ndarray.Workspace;

/**
 * Fused, numerically stable softmax cross-entropy over logits [N,K] (or one sample [K]), with the
 * semantics of PyTorch's {@code torch.nn.functional.cross_entropy}.
 *
 * <p>Every option reduces to one effective target row T per sample (class weights folded in):
 * <ul>
 * <li>class index y with smoothing eps: {@code T_c = (1-eps) w_y [c=y] + (eps/K) w_c}, or a zero
 *     row when y is the ignored index;</li>
 * <li>probability targets t: {@code T_c = w_c ((1-eps) t_c + eps/K)}.</li>
 * </ul>
 * Then {@code loss_n = -sum_c T_c log o_c} with {@code log o_c = z_c - logsumexp(z)} (max shift),
 * and the backward pass is the closed form {@code dloss_n/dz_c = o_c tau_n - T_c},
 * {@code tau_n = sum_c T_c} (math note, "gradient with respect to the logits"): never a chain of
 * primitive backwards, and never assuming tau = 1.
 *
 * <p>Reduction: per-sample losses, their sum, or their sum divided by the total weight of the
 * counted samples (class indices: {@code sum w_{y_n}} over samples not ignored; probability
 * targets: N), which is PyTorch's mean.
 */
public final class SoftmaxCrossEntropy extends Op implements LocalDerivatives {
    private final int[] labels;
    private final double[] weights;
    private final double smoothing;
    private final int ignoreIndex;
    private final boolean reduce;
    private final boolean normalize;

    /** Forward rows are split over threads in parts of at least this many logits. */
    private static final int ROW_SPLIT_ELEMENTS = 512;

    private NDArray logits;
    private NDArray targets;
    private int n;
    private int k;
    private double[] probs;
    private double[] logSumExp;
    private double[] effectiveTargets;
    private double[] tau;
    private double divisor;

    private SoftmaxCrossEntropy(int[] labels, double[] weights, double smoothing, int ignoreIndex,
                                boolean reduce, boolean normalize) {
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1], got " + smoothing);
        }
        this.labels = labels == null ? null : labels.clone();
        this.weights = weights == null ? null : weights.clone();
        this.smoothing = smoothing;
        this.ignoreIndex = ignoreIndex;
        this.reduce = reduce;
        this.normalize = normalize;
    }

    /**
     * Cross-entropy against class indices; its single input is the logits.
     *
     * @param labels      one class index per sample
     * @param weights     one weight per class, or null for all ones
     * @param smoothing   label smoothing epsilon in [0, 1]
     * @param ignoreIndex a label value whose samples give neither loss nor gradient
     * @param reduce      false for one loss per sample
     * @param normalize   with {@code reduce}, divide by the total weight of the counted samples
     */
    public static SoftmaxCrossEntropy forLabels(int[] labels, double[] weights, double smoothing, int ignoreIndex,
                                                boolean reduce, boolean normalize) {
        return new SoftmaxCrossEntropy(labels, weights, smoothing, ignoreIndex, reduce, normalize);
    }

    /**
     * Cross-entropy against probability targets, which need not sum to one; its inputs are the
     * logits and the targets (of the logits' shape).
     */
    public static SoftmaxCrossEntropy forProbabilities(double[] weights, double smoothing, boolean reduce,
                                                       boolean normalize) {
        return new SoftmaxCrossEntropy(null, weights, smoothing, 0, reduce, normalize);
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, labels != null ? 1 : 2, "SoftmaxCrossEntropy");
        logits = in[0];
        int[] s = logits.shape();
        if (s.length != 1 && s.length != 2) {
            throw new IllegalArgumentException("cross-entropy expects logits [N, K] or [K], got " + Shape.str(s));
        }
        n = s.length == 2 ? s[0] : 1;
        k = s[s.length - 1];
        if (k == 0) {
            throw new IllegalArgumentException("cross-entropy needs at least one class, logits are " + Shape.str(s));
        }
        if (weights != null && weights.length != k) {
            throw new IllegalArgumentException("class weights have " + weights.length + " entries but logits "
                    + Shape.str(s) + " have " + k + " classes");
        }
        effectiveTargets = Workspace.doubles(n * k);
        double counted;
        if (labels != null) {
            counted = labelTargets(s);
        } else {
            targets = in[1];
            NDArray.requireSameDtype(logits, targets);
            if (!Arrays.equals(s, targets.shape())) {
                throw new IllegalArgumentException("probability targets " + Shape.str(targets.shape())
                        + " must have the shape of the logits " + Shape.str(s));
            }
            counted = probabilityTargets();
        }
        divisor = reduce && normalize ? counted : 1.0;

        probs = Workspace.doubles(n * k);
        logSumExp = Workspace.doubles(n);
        tau = Workspace.doubles(n);
        double[] losses = Workspace.doubles(n);
        // rows are independent: split over the kernel pool (same bits for any thread count)
        Parallel.forRange(n, Math.max(1, ROW_SPLIT_ELEMENTS / k), (r0, r1) -> forwardRows(r0, r1, losses));
        return LossOutput.of(losses, reduce, divisor, logits.dtype(), s.length == 2);
    }

    /** Rows [r0, r1) of the forward pass: probabilities, log-sum-exp, tau and each row's loss. */
    private void forwardRows(int r0, int r1, double[] losses) {
        for (int r = r0; r < r1; r++) {
            int row = r * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, logits.get(row + c));
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(logits.get(row + c) - m);
                probs[row + c] = e;
                sum += e;
            }
            double lse = m + Math.log(sum);
            logSumExp[r] = lse;
            double loss = 0;
            double t = 0;
            for (int c = 0; c < k; c++) {
                probs[row + c] /= sum;
                double tc = effectiveTargets[row + c];
                if (tc != 0) { // skip zero targets: 0 · log 0 counts as 0
                    loss += tc * (lse - logits.get(row + c));
                    t += tc;
                }
            }
            losses[r] = loss;
            tau[r] = t;
        }
    }

    /** Fills T from class indices; returns the total weight of the samples not ignored. */
    private double labelTargets(int[] shape) {
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels given for logits " + Shape.str(shape)
                    + " (" + n + " samples)");
        }
        double counted = 0;
        for (int r = 0; r < n; r++) {
            int y = labels[r];
            if (y == ignoreIndex) {
                continue;
            }
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " of sample " + r + " is outside [0, " + k
                        + ") and is not the ignore index " + ignoreIndex);
            }
            double wy = weight(y);
            counted += wy;
            int row = r * k;
            effectiveTargets[row + y] += (1 - smoothing) * wy;
            if (smoothing > 0) {
                for (int c = 0; c < k; c++) {
                    effectiveTargets[row + c] += smoothing / k * weight(c);
                }
            }
        }
        return counted;
    }

    /** Fills T from probability targets; returns N, PyTorch's divisor for them. */
    private double probabilityTargets() {
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                int i = r * k + c;
                effectiveTargets[i] = weight(c) * ((1 - smoothing) * targets.get(i) + smoothing / k);
            }
        }
        return n;
    }

    private double weight(int c) {
        return weights == null ? 1.0 : weights[c];
    }

    // dloss_n/dz_c = o_c tau_n - T_c  (math note: "the central result");
    // dloss_n/dt_c = -w_c (1 - eps) log o_c  for probability targets
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gz = null;
        NDArray gt = null;
        if (needsGrad[0]) {
            gz = logits.zerosLike();
            for (int r = 0; r < n; r++) {
                double scale = (reduce ? g.get(0) : g.get(r)) / divisor;
                int row = r * k;
                for (int c = 0; c < k; c++) {
                    gz.set(row + c, scale * (probs[row + c] * tau[r] - effectiveTargets[row + c]));
                }
            }
        }
        if (needsGrad.length > 1 && needsGrad[1]) {
            gt = targets.zerosLike();
            for (int r = 0; r < n; r++) {
                double scale = (reduce ? g.get(0) : g.get(r)) / divisor;
                int row = r * k;
                for (int c = 0; c < k; c++) {
                    double logProb = logits.get(row + c) - logSumExp[r];
                    gt.set(row + c, -scale * weight(c) * (1 - smoothing) * logProb);
                }
            }
        }
        return labels != null ? new NDArray[]{gz} : new NDArray[]{gz, gt};
    }

    /** The softmax probabilities o of the last forward pass, row-major [N, K]. */
    public double[] probabilities() {
        return probs.clone();
    }

    /** The effective targets T of the last forward pass (weights and smoothing folded in), [N, K]. */
    public double[] effectiveTargets() {
        return effectiveTargets.clone();
    }

    /** tau_n = sum_c T_nc for each sample of the last forward pass. */
    public double[] tau() {
        return tau.clone();
    }

    /** The divisor of the reduction (1 unless reducing with normalisation). */
    public double divisor() {
        return divisor;
    }

    /**
     * The fused partial {@code dE/dz_k = (o_k tau - t_k)/N}; with {@code expand}, the textbook
     * {@code dE/do_j = -t_j/(o_j N)} to the probabilities o (the intermediate value), for classes with t_j != 0.
     */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        double d = divisor;
        String div = d == 1 ? "" : "/N";
        MathText.Part per = MathText.text(d == 1 ? "" : "/");
        MathText.Part by = d == 1 ? per : MathText.number(d);
        MathText.Part divNote = d == 1 ? per : f -> "; N = " + f.number(d) + " is the divisor of the mean";
        for (int r = 0; r < n; r++) {
            if (!reduce && n > 1 && r != a) { // one loss per sample: output a reads row a only
                continue;
            }
            for (int c = 0; c < k; c++) {
                int i = r * k + c;
                double o = probs[i];
                double t = effectiveTargets[i];
                if (!expand) {
                    out.add(new Partial(0, i, (o * tau[r] - t) / d, "(o_k*tau - t_k)" + div,
                            MathText.of(text("("), number(o), text("*"), number(tau[r]), text(" - "), number(t), text(")"), per, by),
                            MathText.of(text("fused softmax cross-entropy, tau = sum_j t_j = "), number(tau[r]), divNote)));
                } else if (t != 0) { // E = -sum_j t_j log o_j has no term for a class with t_j = 0
                    out.add(new Partial(Partial.INNER, i, -t / (o * d), "-t_j/o_j" + div,
                            MathText.of(text("-"), number(t), text("/"), number(o), per, by),
                            MathText.of(text("E = -sum_j t_j log o_j"), divNote)));
                }
            }
        }
        return true;
    }

    /** The softmax Jacobian {@code do_j/dz_k = o_j (delta_jk - o_k)} of probability {@code b} within its row. */
    @Override
    public void innerPartials(int b, Partials out) {
        int row = b / k * k;
        for (int c = 0; c < k; c++) {
            out.add(Softmax.jacobianEntry(0, row + c, b - row, c, probs[b], probs[row + c]));
        }
    }

    /** The probabilities o, shaped like the logits. */
    @Override
    public int[] innerShape() {
        return logits.shape();
    }

    @Override
    public Role role() {
        return Role.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public String describe() {
        return (labels != null ? "labels" : "probabilities") + (weights != null ? ", weighted" : "")
                + (smoothing > 0 ? ", smoothing=" + smoothing : "")
                + (reduce ? (normalize ? ", mean" : ", sum") : ", none");
    }
}
