package org.backprop4j.explain;

import org.backprop4j.internal.Json;
import org.backprop4j.ops.SoftmaxCrossEntropy;
import org.backprop4j.tensor.Tensor;

/**
 * The numbers of the derivation of {@code dE/dz_k} for one sample of a fused softmax cross-entropy
 * (math note docs/softmax-cross-entropy.md), computed once: {@link SoftmaxDerivation} prints them as
 * text and {@link #toJson()} serialises them for the explain page.
 *
 * @param sample   the sample n of the batch
 * @param z        the logits
 * @param o        the probabilities {@code o = softmax(z)}
 * @param t        the targets
 * @param tau      {@code sum_j t_j}
 * @param divisor  the batch-mean divisor N of the loss (1 for one sample)
 * @param dEdo     {@code dE/do_j = -t_j / o_j}
 * @param jacobian {@code do_j/dz_k = o_j(delta_jk - o_k)}, indexed [j][k]
 * @param terms    {@code (dE/do_j)(do_j/dz_k) = -t_j(delta_jk - o_k)}, indexed [k][j]
 * @param sums     {@code dE/dz_k} as the sum over j of {@code terms[k]}
 * @param fused    {@code o_k tau - t_k}, the closed form of the same sum
 * @param wrong    {@code t_k(o_k - 1)}: the j = k term alone, the classic mistake
 */
public record SoftmaxNumbers(int sample, double[] z, double[] o, double[] t, double tau, double divisor,
                             double[] dEdo, double[][] jacobian, double[][] terms, double[] sums,
                             double[] fused, double[] wrong) {

    /** The numbers for sample {@code n} of a loss made by the fused softmax cross-entropy. */
    public static SoftmaxNumbers of(Tensor loss, int n) {
        if (!(loss.op() instanceof SoftmaxCrossEntropy ce)) {
            throw new IllegalArgumentException("--derive needs a softmax cross-entropy loss, the loss was made by "
                    + (loss.op() == null ? "no op" : loss.op().name()));
        }
        Tensor zt = loss.inputs().get(0);
        int k = zt.shape()[zt.rank() - 1];
        if (n < 0 || n >= zt.size() / k) {
            throw new IllegalArgumentException("sample " + n + " is outside the batch of " + zt.size() / k);
        }
        double[] z = new double[k];
        double[] o = new double[k];
        double[] t = new double[k];
        double[] all = ce.probabilities();
        double[] targets = ce.effectiveTargets();
        for (int c = 0; c < k; c++) {
            z[c] = zt.data().get(n * k + c);
            o[c] = all[n * k + c];
            t[c] = targets[n * k + c];
        }
        double tau = ce.tau()[n];
        double[] dEdo = new double[k];
        double[][] jacobian = new double[k][k];
        double[][] terms = new double[k][k];
        double[] sums = new double[k];
        double[] fused = new double[k];
        double[] wrong = new double[k];
        for (int j = 0; j < k; j++) {
            dEdo[j] = -t[j] / o[j];
            for (int c = 0; c < k; c++) {
                jacobian[j][c] = j == c ? o[j] * (1 - o[j]) : -o[j] * o[c];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                terms[c][j] = -t[j] * ((j == c ? 1 : 0) - o[c]);
                sums[c] += terms[c][j];
            }
            fused[c] = o[c] * tau - t[c];
            wrong[c] = t[c] * (o[c] - 1);
        }
        return new SoftmaxNumbers(n, z, o, t, tau, ce.divisor(), dEdo, jacobian, terms, sums, fused, wrong);
    }

    /** The number of classes K. */
    public int classes() {
        return z.length;
    }

    /** The numbers as one JSON object whose fields are this record's components. */
    public String toJson() {
        return "{\"sample\": " + sample + ", \"z\": " + vec(z) + ", \"o\": " + vec(o) + ", \"t\": " + vec(t)
                + ", \"tau\": " + Json.numberOrNull(tau) + ", \"divisor\": " + Json.numberOrNull(divisor)
                + ", \"dEdo\": " + vec(dEdo) + ", \"jacobian\": " + mat(jacobian) + ", \"terms\": " + mat(terms)
                + ", \"sums\": " + vec(sums) + ", \"fused\": " + vec(fused) + ", \"wrong\": " + vec(wrong) + "}";
    }

    private static String vec(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Json.numberOrNull(v[i]));
        }
        return sb.append(']').toString();
    }

    private static String mat(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            sb.append(i > 0 ? ", " : "").append(vec(m[i]));
        }
        return sb.append(']').toString();
    }
}
