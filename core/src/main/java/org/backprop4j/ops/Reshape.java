package org.backprop4j.ops;

import org.backprop4j.ndarray.NDArray;

/** The same values seen with another shape of the same size (one dimension may be -1). */
public final class Reshape extends Op implements LocalDerivatives {
    private final int[] requested;
    private int[] inShape;

    /** Reshapes to {@code shape}. */
    public Reshape(int... shape) {
        this.requested = shape.clone();
    }

    @Override
    public NDArray forward(NDArray... in) {
        arity(in, 1, "Reshape");
        inShape = in[0].shape();
        return in[0].reshape(requested);
    }

    // the Jacobian is the identity: the gradient is reshaped back
    @Override
    public NDArray[] backward(NDArray g, boolean[] needsGrad) {
        return new NDArray[]{g.reshape(inShape)};
    }

    /** Output element a is input element a: the same values in the same row-major order. */
    @Override
    public boolean partials(int a, boolean expand, Partials out) {
        out.add(new Partial(0, a, 1, "1", MathText.EMPTY, MathText.of(MathText.text("copy"))));
        return true;
    }

    @Override
    public Role role() {
        return Role.MOVE;
    }

    @Override
    public String describe() {
        return java.util.Arrays.toString(requested);
    }
}
