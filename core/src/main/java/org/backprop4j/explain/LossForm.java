package org.backprop4j.explain;

/** How a fused softmax cross-entropy loss is shown in an explanation. */
public enum LossForm {
    /** Expanded into cross-entropy and softmax: {@code E -> o_j -> z_k} with {@code -t_j/o_j} and {@code o_j(delta_jk - o_k)}. */
    TEXTBOOK,
    /** As the fused op computes it: {@code E -> z_k} with the single factor {@code o_k*tau - t_k}. */
    FUSED;

    /** The lower-case name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
