package org.backprop4j.io;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.backprop4j.data.ClassNames;
import org.backprop4j.data.FeatureScaler;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Grad;
import org.backprop4j.tensor.Tensor;

/**
 * Classifies new rows with a {@link SavedModel}: applies its scaling, runs the network in evaluation
 * mode without recording a graph, and names the classes. It holds its own copy of the weights taken
 * when it was made, never changes afterwards, and may be shared by any number of threads.
 *
 * <pre>{@code
 * import java.nio.file.Path;
 * import org.backprop4j.io.ModelFile;
 * import org.backprop4j.io.Predictor;
 *
 * Predictor p = ModelFile.load(Path.of("iris.safetensors")).predictor();
 * int[] classes = p.predict(new float[]{5.1f, 3.5f, 1.4f, 0.2f}, new float[]{6.7f, 3.0f, 5.2f, 2.3f});
 * double[][] probabilities = p.predictProba(new float[]{5.1f, 3.5f, 1.4f, 0.2f});
 * System.out.println(p.className(classes[0]));
 * }</pre>
 */
public final class Predictor {
    private final Sequential model;
    private final DType dtype;
    private final List<String> classNames;
    private final FeatureScaler scaler; // null for none
    private final int inputs;

    /** A predictor of {@code saved}'s current weights; the model must take a fixed number of features. */
    Predictor(SavedModel saved) {
        this.inputs = saved.spec().inputs();
        if (inputs < 1) {
            throw new IllegalArgumentException("a predictor needs a model whose first layer takes a fixed number of "
                    + "features, got " + saved.spec());
        }
        Sequential source = saved.model();
        this.dtype = source.parameters().isEmpty() ? DType.FLOAT32 : source.parameters().get(0).dtype();
        this.model = saved.spec().build(new Rng(0), dtype).eval();
        this.model.loadStateDict(source.stateDict());
        this.classNames = saved.classNames();
        this.scaler = saved.scaling().scaler();
    }

    /**
     * The class (output index) of highest score for each row; ties go to the lowest index.
     *
     * @param rows one or more rows of raw (unscaled) features, as many as the model takes
     * @return the predicted class of each row
     * @throws IllegalArgumentException when there is no row or a row has the wrong number of features
     */
    public int[] predict(float[]... rows) {
        double[][] scores = run(rows, false);
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            for (int k = 1; k < scores[i].length; k++) {
                if (scores[i][k] > scores[i][out[i]]) {
                    out[i] = k;
                }
            }
        }
        return out;
    }

    /**
     * The class probabilities of each row: the softmax of the model's outputs.
     *
     * @param rows one or more rows of raw (unscaled) features, as many as the model takes
     * @return for each row, one probability per class, summing to 1
     * @throws IllegalArgumentException when there is no row or a row has the wrong number of features
     */
    public double[][] predictProba(float[]... rows) {
        return run(rows, true);
    }

    /**
     * The class names, one per output, or an empty list when the model's classes are unnamed.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The name of class {@code k}, or {@code k} as text when the classes are unnamed.
     *
     * @param k the class, an output index
     * @return the class's name
     */
    public String className(int k) {
        return ClassNames.name(classNames, k);
    }

    /** The model's outputs for the scaled rows (their softmax when {@code probabilities}), one array per row. */
    private double[][] run(float[][] rows, boolean probabilities) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("predict needs at least one row");
        }
        float[] x = new float[rows.length * inputs];
        for (int i = 0; i < rows.length; i++) {
            float[] row = Objects.requireNonNull(rows[i], "row " + i);
            if (row.length != inputs) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " features but the model takes "
                        + inputs);
            }
            System.arraycopy(scaler == null ? row : scaler.transform(row), 0, x, i * inputs, inputs);
        }
        double[] y;
        try (Grad.Scope noGrad = Grad.disabled()) {
            Tensor out = model.forward(Tensor.of(x, rows.length, inputs).to(dtype));
            y = (probabilities ? out.softmax(1) : out).toDoubleArray();
        }
        int k = y.length / rows.length;
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.copyOfRange(y, i * k, i * k + k);
        }
        return out;
    }
}
