package org.backprop4j.explain;

import java.util.Locale;
import org.backprop4j.tensor.Tensor;

/**
 * The derivation of {@code dE/dz_k} for softmax cross-entropy (math note, "gradient with respect
 * to the logits"), with the numbers of one sample of a recorded fused loss substituted at each step,
 * ending with the classic mistake of dropping the {@code j != k} terms.
 */
public final class SoftmaxDerivation {
    private SoftmaxDerivation() {
    }

    /** The derivation for sample {@code n} of a loss made by the fused softmax cross-entropy, as text. */
    public static String of(Tensor loss, int n) {
        SoftmaxNumbers d = SoftmaxNumbers.of(loss, n);
        int k = d.classes();
        double[] z = d.z();
        double[] o = d.o();
        double[] t = d.t();
        double tau = d.tau();
        StringBuilder sb = new StringBuilder();
        sb.append("Derivation of dE/dz_k for softmax cross-entropy, sample ").append(d.sample()).append(", K = ").append(k)
                .append(" classes (math note: docs/softmax-cross-entropy.md)\n\n");
        sb.append("  z = ").append(vec(z)).append("   logits\n");
        sb.append("  o = softmax(z) = ").append(vec(o)).append("   o_j = exp(z_j) / sum_k exp(z_k)\n");
        sb.append("  t = ").append(vec(t)).append("   tau = sum_j t_j = ").append(Num.s(tau)).append('\n');
        sb.append("  E = -sum_j t_j log o_j");
        if (d.divisor() != 1) {
            sb.append("   (per sample; the mean over the batch divides every gradient by N = ").append(Num.s(d.divisor())).append(')');
        }
        sb.append("\n\n1. Every o_j depends on every z_k, so the chain rule sums over all outputs j:\n");
        sb.append("     dE/dz_k = sum_j (dE/do_j)(do_j/dz_k)\n\n");
        sb.append("2. dE/do_j = -t_j/o_j:\n");
        for (int j = 0; j < k; j++) {
            sb.append(f("     dE/do_%d = -%s/%s = %s%n", j, Num.s(t[j]), Num.s(o[j]), Num.s(d.dEdo()[j])));
        }
        sb.append("\n3. The softmax Jacobian do_j/dz_k = o_j(delta_jk - o_k) has two cases:\n");
        sb.append("     j = k:  o_j(1 - o_j)        j != k:  -o_j o_k\n");
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < k; c++) {
                sb.append(j == c ? f("     do_%d/dz_%d = %s*(1 - %s) = %s   (j = k)%n", j, c, Num.s(o[j]), Num.s(o[j]),
                        Num.s(d.jacobian()[j][c]))
                        : f("     do_%d/dz_%d = -%s*%s = %s   (j != k)%n", j, c, Num.s(o[j]), Num.s(o[c]),
                        Num.s(d.jacobian()[j][c])));
            }
        }
        sb.append("\n4. Multiply and sum over j: (-t_j/o_j) o_j(delta_jk - o_k) = -t_j(delta_jk - o_k), so\n");
        sb.append("     dE/dz_k = sum_j -t_j(delta_jk - o_k) = -t_k + o_k sum_j t_j = o_k*tau - t_k\n");
        for (int c = 0; c < k; c++) {
            StringBuilder terms = new StringBuilder();
            for (int j = 0; j < k; j++) {
                terms.append(j > 0 ? " + " : "").append(Num.p(d.terms()[c][j])).append(j == c ? " [j=k]" : " [j=" + j + "]");
            }
            sb.append(f("     k = %d: %s = %s;   o_k*tau - t_k = %s*%s - %s = %s%n", c, terms, Num.s(d.sums()[c]), Num.s(o[c]),
                    Num.s(tau), Num.s(t[c]), Num.s(d.fused()[c])));
        }
        sb.append(tau == 1 ? "     Here tau = 1, so this is the familiar o_k - t_k.\n"
                : "     Here tau = " + Num.s(tau) + " != 1: the targets do not sum to one, and o_k - t_k would be wrong.\n");
        sb.append("\n5. The classic mistake: keeping only the j = k term (forgetting that E depends on z_k through every o_j)\n");
        sb.append("     gives (dE/do_k)(do_k/dz_k) = -t_k(1 - o_k) = t_k(o_k - 1):\n");
        for (int c = 0; c < k; c++) {
            sb.append(f("     k = %d: wrong %s*(%s - 1) = %s   right %s%s%n", c, Num.s(t[c]), Num.s(o[c]),
                    Num.s(d.wrong()[c]), Num.s(d.fused()[c]), t[c] == 0 ? "   <- t_k = 0: the wrong gradient is exactly 0" : ""));
        }
        sb.append("     The weights into z_k get dE/dw_ik = y_i dE/dz_k (math note), so with the mistake every class with\n");
        sb.append("     t_k = 0 gets a zero update: the logits of wrong classes are never pushed down. The dropped\n");
        sb.append("     j != k terms add o_k sum_{j != k} t_j = o_k(tau - t_k), exactly the difference between the two.\n");
        return sb.toString();
    }

    private static String vec(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Num.s(v[i]));
        }
        return sb.append(']').toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
