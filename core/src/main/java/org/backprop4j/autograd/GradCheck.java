package org.backprop4j.autograd;

import java.util.Locale;
import java.util.function.Function;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * Checks autodiff gradients against float64 central differences
 * {@code (f(x + h) - f(x - h)) / 2h}, with h = {@code step · max(1, |x|)}, element by element, and
 * reports the worst relative error {@code |a - n| / max(|a|, |n|, floor)} (math note, "checking a
 * gradient").
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

    /** A checker with step 1e-6 and denominator floor 1e-12. */
    public static GradCheck standard() {
        return new GradCheck(1e-6, 1e-12);
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
                data.set(e, x0 + h);
                double plus = projected(f, x, v);
                data.set(e, x0 - h);
                double minus = projected(f, x, v);
                data.set(e, x0);
                double numeric = (plus - minus) / (2 * h);
                double a = analytic.get(e);
                double rel = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), floor);
                checked++;
                if (rel > worst.maxRelativeError() || worst.input() < 0 || Double.isNaN(rel)) {
                    worst = new Report(rel, i, e, a, numeric, 0);
                }
            }
        }
        return new Report(worst.maxRelativeError(), worst.input(), worst.index(), worst.analytic(), worst.numeric(),
                checked);
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] x, NDArray v) {
        try (var g = Grad.disabled()) {
            NDArray out = f.apply(x).data();
            double s = 0;
            for (int i = 0; i < out.size(); i++) {
                s += out.get(i) * v.get(i);
            }
            return s;
        }
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
