package org.backprop4j.kernel;

/**
 * The scalar reference GEMM: the textbook loops that the fast kernels of {@link Gemm} are tested
 * against. Row-major {@code C = op(A) · op(B)} (or {@code C += ...}), where {@code op(X)} is X or
 * its transpose, read in place without making a transposed copy.
 *
 * <p>Shapes: {@code op(A)} is m x k, {@code op(B)} is k x n, C is m x n. A transposed A is
 * stored as k x m, a transposed B as n x k. Every element of C is summed over k in ascending
 * order, so results do not depend on how the work is split.
 */
final class GemmReference {
    private GemmReference() {
    }

    /** Single precision; {@code accumulate} adds into C instead of overwriting it. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, float[] b, int bOff,
                            float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        if (!transA && !transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                int ai = aOff + i * k;
                for (int p = 0; p < k; p++) {
                    float aip = a[ai + p];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        } else if (!transA) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * k;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p] * b[bj + p];
                    }
                    c[cOff + i * n + j] += s;
                }
            }
        } else if (!transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                for (int p = 0; p < k; p++) {
                    float api = a[aOff + p * m + i];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += api * b[bp + j];
                    }
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[aOff + p * m + i] * b[bj + p];
                    }
                    c[cOff + i * n + j] += s;
                }
            }
        }
    }

    /** Double precision; {@code accumulate} adds into C instead of overwriting it. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, double[] b, int bOff,
                            double[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0d);
        }
        if (!transA && !transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                int ai = aOff + i * k;
                for (int p = 0; p < k; p++) {
                    double aip = a[ai + p];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        } else if (!transA) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * k;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * k;
                    double s = 0d;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p] * b[bj + p];
                    }
                    c[cOff + i * n + j] += s;
                }
            }
        } else if (!transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                for (int p = 0; p < k; p++) {
                    double api = a[aOff + p * m + i];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += api * b[bp + j];
                    }
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * k;
                    double s = 0d;
                    for (int p = 0; p < k; p++) {
                        s += a[aOff + p * m + i] * b[bj + p];
                    }
                    c[cOff + i * n + j] += s;
                }
            }
        }
    }
}
