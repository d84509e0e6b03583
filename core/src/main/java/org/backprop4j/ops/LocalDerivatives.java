package org.backprop4j.ops;

/**
 * Optional for an {@link Op}: its local partial derivatives {@code d out[a] / d in_k[b]} at the
 * values of its last forward pass, each with its textbook formula, for the explain tool. An op that
 * does not implement this (or returns false from {@link #partials}) is read as rows of its Jacobian
 * from {@code backward} with a one-hot gradient, which is always right but shows no formula.
 *
 * <p>Example, element-wise {@code out = u * v} (see {@link Mul}): output element {@code a} reads
 * {@code u[a]} and {@code v[a]}, so it states two partials:
 * <pre>{@code
 * public boolean partials(int a, boolean expand, Partials out) {
 *     out.add(new Partial(0, a, v.get(a), "d(uv)/du = v", MathText.of(element(1, a)), NOTE));
 *     out.add(new Partial(1, a, u.get(a), "d(uv)/dv = u", MathText.of(element(0, a)), NOTE));
 *     return true;
 * }
 * }</pre>
 */
public interface LocalDerivatives {

    /**
     * States every partial derivative of output element {@code a} (flat, row-major) that may be
     * nonzero, to {@code out}, and returns true; or returns false, stating nothing, when this op cannot
     * state them in its present configuration. A fused op with a textbook reading through an
     * intermediate value (softmax probabilities inside a cross-entropy, the pre-activation inside a
     * Linear+ReLU) states partials with respect to {@link Partial#INNER} instead: always, or only when
     * {@code expand} asks for the textbook steps rather than the fused formula.
     */
    boolean partials(int a, boolean expand, Partials out);

    /** The partials of element {@code b} of the intermediate value with respect to the inputs. */
    default void innerPartials(int b, Partials out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no intermediate value");
    }

    /** The shape of the intermediate value, or null (the default) when the op states no partials to one. */
    default int[] innerShape() {
        return null;
    }

    /** What the op is in the textbook picture of a network; {@link Role#OTHER} unless overridden. */
    default Role role() {
        return Role.OTHER;
    }
}
