package org.backprop4j.ops;

import java.util.function.IntUnaryOperator;
import org.backprop4j.kernel.Gemm;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Shape;

/**
 * Matrix product: [m,k]·[k,n] → [m,n]; batched [B,m,k]·[B,k,n] → [B,m,n]; and [B,m,k]·[k,n]
 * (one matrix shared by the batch). Transposes in backward are read in place by the kernel.
 */
public final class MatMul extends Op implements LocalDerivatives {
    /** The note on the partials of a product of two matrices. */
    static final String PRODUCT = "z = y W: z_j = sum_i y_i w_ij";

    private NDArray a;
    private NDArray b;
    private int batch;
    private int m;
    private int k;
    private int n;
    private boolean sharedB;

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 2, "MatMul");
        a = in[0];
        b = in[1];
        NDArray.requireSameDtype(a, b);
        int[] as = a.shape();
        int[] bs = b.shape();
        if (as.length == 2 && bs.length == 2) {
            batch = 1;
            sharedB = true;
        } else if (as.length == 3 && bs.length == 3 && as[0] == bs[0]) {
            batch = as[0];
            sharedB = false;
        } else if (as.length == 3 && bs.length == 2) {
            batch = as[0];
            sharedB = true;
        } else {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(bs)
                    + " are not [m,k]·[k,n], [B,m,k]·[B,k,n] or [B,m,k]·[k,n]");
        }
        m = as[as.length - 2];
        k = as[as.length - 1];
        n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shape.str(as) + " and " + Shape.str(bs));
        }
        int[] outShape = as.length == 2 ? new int[]{m, n} : new int[]{batch, m, n};
        NDArray c = NDArray.zeros(a.dtype(), outShape);
        for (int p = 0; p < batch; p++) {
            gemm(false, false, m, n, k, a, p * m * k, b, sharedB ? 0 : p * k * n, c, p * m * n, false);
        }
        return c;
    }

    // C = A·B:  dA = G·B^T,  dB = A^T·G  (summed over the batch when B is shared)
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray ga = null;
        NDArray gb = null;
        if (needsGrad[0]) {
            ga = a.zerosLike();
            for (int p = 0; p < batch; p++) {
                gemm(false, true, m, k, n, g, p * m * n, b, sharedB ? 0 : p * k * n, ga, p * m * k, false);
            }
        }
        if (needsGrad[1]) {
            gb = b.zerosLike();
            if (sharedB) {
                // Treat [B,m,k] as [B*m,k]: the batch sum becomes part of the inner dimension.
                gemm(true, false, k, n, batch * m, a, 0, g, 0, gb, 0, false);
            } else {
                for (int p = 0; p < batch; p++) {
                    gemm(true, false, k, n, m, a, p * m * k, g, p * m * n, gb, p * k * n, false);
                }
            }
        }
        return new NDArray[]{ga, gb};
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, NDArray a, int aOff, NDArray b, int bOff,
                             NDArray c, int cOff, boolean acc) {
        if (a.dtype() == DType.FLOAT32) {
            Gemm.gemm(ta, tb, m, n, k, a.floatData(), aOff, b.floatData(), bOff, c.floatData(), cOff, acc);
        } else {
            Gemm.gemm(ta, tb, m, n, k, a.doubleData(), aOff, b.doubleData(), bOff, c.doubleData(), cOff, acc);
        }
    }

    // z = y W on matrices, z_j = sum_i y_i w_ij:  dz_j/dy_i = w_ij,  dz_j/dw_ij = y_i; batched products are read from backward
    @Override
    public boolean partials(int at, boolean expand, Partials out) {
        if (a.rank() != 2 || b.rank() != 2) {
            return false;
        }
        productPartials(at / n, k, i -> i * n + at % n, a, b, MathText.of(MathText.text(PRODUCT)), out);
        return true;
    }

    @Override
    public Role role() {
        return Role.MATRIX_PRODUCT;
    }

    /**
     * The partials of {@code z_j = sum_i y_i w_ij} in row {@code r}: {@code dz_j/dy_i = w_ij} and
     * {@code dz_j/dw_ij = y_i}, where y (input 0) has {@code inner} columns and w_ij is element
     * {@code wIndex(i)} of input 1.
     */
    static void productPartials(int r, int inner, IntUnaryOperator wIndex, NDArray y, NDArray w, MathText note, Partials out) {
        for (int i = 0; i < inner; i++) {
            int yi = r * inner + i;
            int wi = wIndex.applyAsInt(i);
            if (out.wants(0)) {
                out.add(new Partial(0, yi, w.get(wi), "w_ij", MathText.of(MathText.element(1, wi)), note));
            }
            if (out.wants(1)) {
                out.add(new Partial(1, wi, y.get(yi), "y_i", MathText.of(MathText.element(0, yi)), note));
            }
        }
    }
}
