package org.backprop4j.autograd;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
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

    /**
     * A checker with the given step (h = step · max(1, |x|)) and denominator floor 1e-6. A smaller step
     * than the default's suits a loss with kinks (ReLU, max pooling) near the point, at more round-off.
     */
    public static GradCheck withStep(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("the step must be positive, got " + step);
        }
        return new GradCheck(step, 1e-6);
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
        DoubleSupplier projected = () -> dot(f.apply(x).data(), v);
        Report worst = null;
        int checked = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i].requiresGradFlag()) {
                Report r = compare(x[i], i, projected, scaledFloor);
                checked += r.checked();
                worst = worse(worst, r);
            }
        }
        return worst == null ? new Report(0, -1, -1, 0, 0, 0) : worst.withChecked(checked);
    }

    /** Checks with the standard settings; see {@link #runOnParameters}. */
    public static Map<String, Report> checkParameters(Map<String, Tensor> params, Supplier<Tensor> loss) {
        return standard().runOnParameters(params, loss);
    }

    /**
     * Checks the gradients of a loss with respect to named float64 parameters (a module's
     * {@code namedParameters()}): autodiff through {@code loss.get().backward()}, then each element
     * perturbed in place and the loss recomputed without recording. Existing gradients are cleared.
     * Returns one report per parameter, in the map's order.
     */
    public Map<String, Report> runOnParameters(Map<String, Tensor> params, Supplier<Tensor> loss) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (e.getValue().dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " is " + e.getValue().dtype()
                        + "; gradient checks need float64 (convert the model with to(DType.FLOAT64))");
            }
            e.getValue().zeroGrad();
        }
        Tensor out = loss.get();
        NDArray v = projection(out.shape());
        double scaledFloor = floor * Math.max(1.0, Math.abs(dot(out.data(), v)));
        out.backward(Tensor.wrap(v));
        DoubleSupplier projected = () -> dot(loss.get().data(), v);
        Map<String, Report> reports = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            reports.put(e.getKey(), compare(e.getValue(), index++, projected, scaledFloor));
        }
        return reports;
    }

    /**
     * The numeric derivative of a one-element loss with respect to one element (flat index) of
     * {@code x}, by the sixth-order central difference quotient: {@code x} is perturbed in place and
     * restored, and the loss is recomputed without recording. Use float64 for a meaningful result.
     */
    public double numericDerivative(Supplier<Tensor> loss, Tensor x, int flatIndex) {
        NDArray data = x.data();
        if (flatIndex < 0 || flatIndex >= data.size()) {
            throw new IllegalArgumentException("element " + flatIndex + " is outside a tensor of " + data.size()
                    + " elements");
        }
        double x0 = data.get(flatIndex);
        double h = step * Math.max(1.0, Math.abs(x0));
        return sixthOrderDifference(() -> loss.get().item(), data, flatIndex, x0, h);
    }

    /** Compares every element of one tensor's autodiff gradient with the numeric derivative of {@code projected}. */
    private Report compare(Tensor t, int inputIndex, DoubleSupplier projected, double scaledFloor) {
        NDArray data = t.data();
        NDArray analytic = t.grad() == null ? data.zerosLike() : t.grad().data();
        Report worst = null;
        for (int e = 0; e < data.size(); e++) {
            double x0 = data.get(e);
            double h = step * Math.max(1.0, Math.abs(x0));
            double numeric = sixthOrderDifference(projected, data, e, x0, h);
            double a = analytic.get(e);
            double rel = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), scaledFloor);
            worst = worse(worst, new Report(rel, inputIndex, e, a, numeric, 1));
        }
        return worst == null ? new Report(0, inputIndex, -1, 0, 0, 0) : worst.withChecked(data.size());
    }

    private static Report worse(Report current, Report candidate) {
        if (current == null || Double.isNaN(candidate.maxRelativeError())
                || candidate.maxRelativeError() > current.maxRelativeError()) {
            return candidate;
        }
        return current;
    }

    /** Sixth-order central difference quotient of the projected function along element e. */
    private static double sixthOrderDifference(DoubleSupplier projected, NDArray data, int e, double x0, double h) {
        double[] coefficients = {1, -9, 45, -45, 9, -1};
        double[] offsets = {3, 2, 1, -1, -2, -3};
        double sum = 0;
        try (var g = Grad.disabled()) {
            for (int s = 0; s < 6; s++) {
                data.set(e, x0 + offsets[s] * h);
                sum += coefficients[s] * projected.getAsDouble();
            }
        } finally {
            data.set(e, x0);
        }
        return sum / (60 * h);
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
        Report withChecked(int n) {
            return new Report(maxRelativeError, input, index, analytic, numeric, n);
        }

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
