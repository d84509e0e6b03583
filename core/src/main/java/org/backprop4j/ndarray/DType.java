package org.backprop4j.ndarray;

/** Element type of an {@link NDArray}. */
public enum DType {
    /** 32-bit IEEE float: the training default. */
    FLOAT32("float32"),
    /** 64-bit IEEE double: for gradient checking and for users who ask for it. */
    FLOAT64("float64");

    private final String label;

    DType(String label) {
        this.label = label;
    }

    /** The NumPy / PyTorch style name, such as {@code float32}. */
    @Override
    public String toString() {
        return label;
    }
}
