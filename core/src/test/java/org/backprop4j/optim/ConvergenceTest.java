package org.backprop4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each optimiser minimises a least-squares quadratic built with tensor ops, {@code ||A x − b||²}
 * for a 3 x 2 matrix A, whose minimum is the solution of the normal equations AᵀA x = Aᵀb.
 */
class ConvergenceTest {
    private static final double[] A = {1, 2, 3, -1, 0.5, 4};
    private static final double[] B = {1, -2, 3};

    /** The least-squares solution, from the 2 x 2 normal equations by Cramer's rule. */
    private static double[] solution() {
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double r1 = 0;
        double r2 = 0;
        for (int i = 0; i < 3; i++) {
            double u = A[2 * i];
            double v = A[2 * i + 1];
            a11 += u * u;
            a12 += u * v;
            a22 += v * v;
            r1 += u * B[i];
            r2 += v * B[i];
        }
        double det = a11 * a22 - a12 * a12;
        return new double[]{(r1 * a22 - a12 * r2) / det, (a11 * r2 - a12 * r1) / det};
    }

    private static double[] minimise(DType dtype, Function<List<Tensor>, Optimizer> maker, LrSchedule schedule,
            int steps) {
        Tensor a = Tensor.of(A, 3, 2).to(dtype);
        Tensor b = Tensor.of(B, 3, 1).to(dtype);
        Tensor x = Tensor.zeros(dtype, 2, 1).requiresGrad();
        Optimizer opt = maker.apply(List.of(x));
        Scheduler sched = schedule == null ? null : new Scheduler(opt, schedule);
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            Tensor r = a.matmul(x).sub(b);
            r.mul(r).sum().backward();
            opt.step();
            if (sched != null) {
                sched.step();
            }
        }
        return x.toDoubleArray();
    }

    @Test
    void sgdWithMomentumReachesTheMinimum() {
        double[] x = minimise(DType.FLOAT64, ps -> SGD.builder(ps).lr(0.01).momentum(0.9).nesterov(true).build(),
                null, 500);
        assertThat(x).containsExactly(solution(), within(1e-9));
    }

    @Test
    void plainSgdReachesTheMinimum() {
        double[] x = minimise(DType.FLOAT64, ps -> SGD.builder(ps).lr(0.01).build(), null, 3000);
        assertThat(x).containsExactly(solution(), within(1e-9));
    }

    @Test
    void adamWithCosineAnnealingReachesTheMinimum() {
        double[] x = minimise(DType.FLOAT64, ps -> Adam.builder(ps).lr(0.1).build(),
                new LinearWarmup(20, 0.1, new CosineAnnealingLR(0.1, 1980, 0)), 2000);
        assertThat(x).containsExactly(solution(), within(1e-4));
    }

    @Test
    void adamWAndAmsgradReachTheMinimumInFloat32() {
        double[] x = minimise(DType.FLOAT32, ps -> AdamW.builder(ps).lr(0.1).weightDecay(0).amsgrad(true).build(),
                new CosineAnnealingLR(0.1, 2000, 0), 2000);
        assertThat(x).containsExactly(solution(), within(1e-3));
    }
}
