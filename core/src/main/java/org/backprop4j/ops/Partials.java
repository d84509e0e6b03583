package org.backprop4j.ops;

/** Receives the local partial derivatives an op states (see {@link LocalDerivatives}). */
public interface Partials {
    /** Whether partials with respect to input {@code input} are wanted; an op may skip computing the others. */
    boolean wants(int input);

    /** Takes one partial derivative; partials to the same element are added up by the receiver. */
    void add(Partial p);
}
