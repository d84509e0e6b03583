package org.backprop4j.autograd;

import java.util.Locale;
import java.util.function.Function;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * Checks autodiff gradients against float64 central differences, element by element, and reports
 * the worst relative error {@code |a - n| / max(|a|, |n|, floor · max(1, |L|))} (math note,
 * "checking a gradient"), where L is the checked scalar.
 *
 * <p>The difference quotient is the sixth-order central one,
 * {@code (f(x+3h) - 9 f(x+2h) + 45 f(x+h) - 45 f(x-h) + 9 f(x-2h) - f(x-3h)) / 60h} with
 * h = {@code step · max(1, |x|)}. With the default step 5e-3 its truncation error (O(h^6)) is near
 * 1e-16 and its round-off near 1e-13 · |L|, where the two-point quotient {@code (f(x+h) - f(x-h)) / 2h}
 * with h = 1e-6 leaves about 1e-10: small gradient entries keep a relative error near 1e-9 instead of
 * 1e-5. Entries below the floor (default 1e-6, scaled by |L|) are at the round-off level of any
 * difference quotient; for them the reported error is absolute, divided by the floor.
 *
 * <p>The function may return any shape: it is reduced to the scalar {@code sum(f(x) · v)} with a
 * fixed random v, so every row of the Jacobian takes part. Inputs are copied to float64; only those
 * marked {@code requiresGrad()} are perturbed. A random function (dropout) must seed its own
 * generator so that every call draws the same values.
 */
public final class GradCheck {
    private final double step;
    private final double floor;

    private GradCheck(double step, double floor) {
        this.step = step;
        this.floor = floor;
    }

    /** A checker with step 5e-3 and denominator floor 1e-6. */
    public static GradCheck standard() {
        return new GradCheck(5e-3, 1e-6);
    }

    /** A checker with the given relative step and denominator floor. */
    public static GradCheck of(double step, double floor) {
        if (!(step > 0) || !(floor > 0)) {
            throw new IllegalArgumentException("step and floor must be positive, got " + step + ", " + floor);
        }
        return new GradCheck(step, floor);
    }

    /** Checks with the standard settings; see {@link #run}. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return standard().run(f, inputs);
    }

    /** Compares autodiff and numeric gradients of {@code f} at {@code inputs}. */
    public Report run(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] x = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            x[i] = inputs[i].to(DType.FLOAT64).requiresGrad(inputs[i].requiresGradFlag());
        }
        Tensor out = f.apply(x);
        NDArray v = projection(out.shape());
        double scaledFloor = floor * Math.max(1.0, Math.abs(dot(out.data(), v)));
        out.backward(Tensor.wrap(v));

        Report worst = new Report(0, -1, -1, 0, 0, 0);
        int checked = 0;
        for (int i = 0; i < x.length; i++) {
            if (!x[i].requiresGradFlag()) {
                continue;
            }
            NDArray data = x[i].data();
            NDArray analytic = x[i].grad() == null ? data.zerosLike() : x[i].grad().data();
            for (int e = 0; e < data.size(); e++) {
                double x0 = data.get(e);
                double h = step * Math.max(1.0, Math.abs(x0));
                double numeric = sixthOrderDifference(f, x, v, data, e, x0, h);
                double a = analytic.get(e);
                double rel = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), scaledFloor);
                checked++;
                if (rel > worst.maxRelativeError() || worst.input() < 0 || Double.isNaN(rel)) {
                    worst = new Report(rel, i, e, a, numeric, 0);
                }
            }
        }
        return new Report(worst.maxRelativeError(), worst.input(), worst.index(), worst.analytic(), worst.numeric(),
                checked);
    }

    /** Sixth-order central difference quotient of the projected function along element e. */
    private static double sixthOrderDifference(Function<Tensor[], Tensor> f, Tensor[] x, NDArray v, NDArray data,
                                               int e, double x0, double h) {
        double[] coefficients = {1, -9, 45, -45, 9, -1};
        double[] offsets = {3, 2, 1, -1, -2, -3};
        double sum = 0;
        for (int s = 0; s < 6; s++) {
            data.set(e, x0 + offsets[s] * h);
            sum += coefficients[s] * projected(f, x, v);
        }
        data.set(e, x0);
        return sum / (60 * h);
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] x, NDArray v) {
        try (var g = Grad.disabled()) {
            return dot(f.apply(x).data(), v);
        }
    }

    private static double dot(NDArray a, NDArray b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    private static NDArray projection(int[] shape) {
        NDArray v = NDArray.zeros(DType.FLOAT64, shape);
        if (v.size() == 1) {
            v.set(0, 1.0);
            return v;
        }
        Rng rng = new Rng(0x5EED);
        for (int i = 0; i < v.size(); i++) {
            v.set(i, 0.5 + rng.nextDouble());
        }
        return v;
    }

    /**
     * The outcome of a check: the worst relative error, where it occurred (input number and flat
     * element index), the two values there, and how many elements were checked.
     */
    public record Report(double maxRelativeError, int input, int index, double analytic, double numeric,
                         int checked) {
        /** True when the worst relative error is at most {@code tolerance} (and not NaN). */
        public boolean passed(double tolerance) {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "worst relative error %.3e at input %d element %d (autodiff %.10g, numeric %.10g), %d elements checked",
                    maxRelativeError, input, index, analytic, numeric, checked);
        }
    }
}
