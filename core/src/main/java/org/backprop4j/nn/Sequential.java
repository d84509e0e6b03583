package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.tensor.Tensor;

/**
 * Modules applied one after another, as PyTorch's {@code torch.nn.Sequential}; the children are
 * named {@code "0"}, {@code "1"}, ..., so parameters are named {@code 0.weight}, {@code 2.bias}, ...
 *
 * <p>Example: a 4-16-3 perceptron applied to a batch of 8 rows.
 * <pre>{@code
 * import org.backprop4j.ndarray.Rng;
 * import org.backprop4j.nn.Linear;
 * import org.backprop4j.nn.ReLU;
 * import org.backprop4j.nn.Sequential;
 * import org.backprop4j.tensor.Tensor;
 *
 * Sequential model = new Sequential(new Linear(4, 16), new ReLU(), new Linear(16, 3));
 * Tensor logits = model.forward(Tensor.randn(new Rng(0), 8, 4));   // shape [8, 3]
 * long weights = model.parameterCount();                           // 4*16 + 16 + 16*3 + 3 = 131
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();
    /** The per-sample shape flat rows are viewed as before the first layer, such as [C, H, W]; null: as given. */
    private int[] inputShape;
    /** Whether forward fuses layer pairs (Linear, ReLU) and (ReLU, MaxPool2d); off only in tests, to compare. */
    static boolean fuse = true;

    /**
     * A sequence of the given layers, in order.
     *
     * @param layers the layers; layer i gets the name {@code "i"}
     */
    public Sequential(Module... layers) {
        for (Module m : Objects.requireNonNull(layers, "layers")) {
            add(m);
        }
    }

    /**
     * Appends a layer, named by its position; returns this sequence.
     *
     * @param layer the layer to run last
     * @return this sequence
     */
    public Sequential add(Module layer) {
        Objects.requireNonNull(layer, "layer " + layers.size());
        registerModule(String.valueOf(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    /**
     * Views flat input rows [N, F] as [N, shape...] (such as images [N, C, H, W]) before the first
     * layer, so data kept as flat rows feeds a convolution; returns this sequence.
     *
     * @param shape the shape of one sample, such as {@code 1, 28, 28}; none to feed rows as they are
     * @return this sequence
     */
    public Sequential inputShape(int... shape) {
        inputShape = shape == null || shape.length == 0 ? null : shape.clone();
        return this;
    }

    /**
     * The per-sample shape flat rows are viewed as, or an empty array when rows go in as given.
     *
     * @return the per-sample input shape (a copy)
     */
    public int[] inputShape() {
        return inputShape == null ? new int[0] : inputShape.clone();
    }

    /**
     * Number of layers.
     *
     * @return the number of layers
     */
    public int size() {
        return layers.size();
    }

    /**
     * The layer at a position, counting from 0.
     *
     * @param index the position, from 0 to {@link #size()} - 1
     * @return the layer
     */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of "
                    + layers.size() + " layers");
        }
        return layers.get(index);
    }

    /**
     * Applies every layer in turn (the identity when there are none), after viewing flat rows in the
     * {@link #inputShape(int...) input shape} when one is set. A {@link Linear} directly
     * followed by a {@link ReLU}, and a {@link ReLU} directly followed by a {@link MaxPool2d}, run
     * as one fused op each; the result is the same.
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        if (inputShape != null && x.rank() == 2) {
            int[] shape = new int[inputShape.length + 1];
            shape[0] = x.dim(0);
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            y = x.reshape(shape);
        }
        for (int i = 0, n = layers.size(); i < n; i++) {
            Module m = layers.get(i);
            Module next = fuse && i + 1 < n ? layers.get(i + 1) : null;
            if (m instanceof Linear && next instanceof ReLU) {
                y = ((Linear) m).forward(y, true);
                i++;
            } else if (m instanceof ReLU && next instanceof MaxPool2d) {
                y = ((MaxPool2d) next).forward(y, true);
                i++;
            } else {
                y = m.forward(y);
            }
        }
        return y;
    }

    /** Training mode for every layer; returns this sequence (so {@code Sequential m = new Sequential(...).train()} compiles). */
    @Override
    public Sequential train() {
        super.train();
        return this;
    }

    /** Training (true) or evaluation (false) mode for every layer; returns this sequence. */
    @Override
    public Sequential train(boolean mode) {
        super.train(mode);
        return this;
    }

    /** Evaluation mode for every layer; returns this sequence. */
    @Override
    public Sequential eval() {
        super.eval();
        return this;
    }

    /** Converts every parameter to {@code dtype} (see {@link Module#to}); returns this sequence. */
    @Override
    public Sequential to(DType dtype) {
        super.to(dtype);
        return this;
    }
}
