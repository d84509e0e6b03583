package org.backprop4j.ops;

import java.util.Locale;
import org.backprop4j.ndarray.NDArray;

/**
 * An element-wise function {@code y = f(x)}. Subclasses give {@code f} and its derivative
 * {@code f'(x)} (which may use the already computed {@code y}); backward is {@code g · f'(x)}, and
 * the local partial {@code dy[a]/dx[a]} is {@code f'(x[a])}, shown with its textbook formula where
 * the subclass gives one ({@link #partial}).
 */
public abstract class UnaryOp extends Op implements LocalDerivatives {
    private NDArray x;
    private NDArray y;

    /** {@code f(x)}. */
    protected abstract double value(double x);

    /** {@code f'(x)}, given also {@code y = f(x)}. */
    protected abstract double derivative(double x, double y);

    @Override
    public NDArray forward(NDArray... inputs) {
        arity(inputs, 1, name());
        x = inputs[0];
        y = x.map(this::value);
        return y;
    }

    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        NDArray gx = g.zerosLike();
        for (int i = 0, n = gx.size(); i < n; i++) {
            gx.set(i, g.get(i) * derivative(x.get(i), y.get(i)));
        }
        return new NDArray[]{gx};
    }

    @Override
    public final boolean partials(int a, boolean expand, Partials out) {
        out.add(partial(a, x.get(a), y.get(a)));
        return true;
    }

    /**
     * The partial {@code dy[a]/dx[a]} at {@code x} with {@code y = f(x)}: by default {@code f'(u)}
     * with no substituted numbers; subclasses override it to show their textbook formula.
     */
    protected Partial partial(int a, double x, double y) {
        return new Partial(0, a, derivative(x, y), name().toLowerCase(Locale.ROOT) + "'(u)", MathText.EMPTY,
                MathText.of(MathText.text(name() + (describe().isEmpty() ? "" : "(" + describe() + ")")
                        + ", derivative from its backward")));
    }
}
