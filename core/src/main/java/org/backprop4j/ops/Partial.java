package org.backprop4j.ops;

/**
 * One local partial derivative {@code d out[a] / d in[element]} of an op, with its textbook
 * formula, the formula with the numbers substituted ({@code shown}, may be empty) and a note naming
 * the rule or case. {@code input} is the index of the op's input, or {@link #INNER} for the
 * intermediate value of a fused op (see {@link LocalDerivatives#innerPartials}).
 */
public record Partial(int input, int element, double value, String formula, MathText shown, MathText note) {
    /** The input index that stands for the intermediate value inside a fused op. */
    public static final int INNER = -1;
}
