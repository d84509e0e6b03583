package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backprop4j.autograd.GradCheck;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backprop4j gradcheck}: compares autodiff with float64 central differences on a small MLP, a {@code --layers} network or a saved model. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check the gradients of a small float64 MLP (or a --layers network, or with --model a saved model or ONNX "
                + "file) with softmax cross-entropy against central differences.",
        footer = {"", "Examples:",
            "  backprop4j gradcheck",
            "  backprop4j gradcheck --hidden 8,6 --activation gelu --targets soft --label-smoothing 0.1",
            "  backprop4j gradcheck --layers \"conv2d(3,3,padding=1) batchnorm2d tanh maxpool2d(2) flatten linear\" --input-shape 2,6,6",
            "  backprop4j gradcheck --model model.onnx"})
public final class GradcheckCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "Check this saved model (safetensors or ONNX) in float64 "
            + "instead of a new MLP; --hidden, --activation, --inputs and --classes then come from it.")
    Path modelFile;

    @Option(names = "--hidden", split = ",", defaultValue = "5,4", description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "tanh", description = "Hidden activation: " + Mlp.ACTIVATIONS + " (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--inputs", defaultValue = "6", description = "Input features (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--layers", paramLabel = "SPEC", description = "A network in train's layer language instead of the MLP "
            + "(in training mode: batch norm uses the batch statistics; dropout is refused, its masks change at every evaluation).")
    String layers;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W", description = "The inputs as images of this shape for --layers "
            + "(instead of --inputs flat features).")
    int[] inputShape;

    @Option(names = "--classes", defaultValue = "3", description = "Output classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--batch", defaultValue = "4", description = "Samples in the batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--targets", defaultValue = "labels", description = "labels, or soft for unnormalised probability targets (tau != 1) (default: ${DEFAULT-VALUE}).")
    String targets;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "Label smoothing epsilon (default: ${DEFAULT-VALUE}).")
    double smoothing;

    @Option(names = "--tolerance", description = "Largest relative error that passes (default: 1e-7 for the MLP; 1e-4 for --layers, "
            + "whose small step leaves a round-off near 1e-11 |L| / h on gradient entries that are 0, such as a convolution's "
            + "bias before batch norm).")
    Double tolerance;

    @Option(names = "--step", paramLabel = "H", description = "Relative step h of the difference quotient (default: 5e-3 for "
            + "the MLP, 1e-5 for --layers, whose max pooling and ReLU have kinks that a wide step would cross).")
    Double step;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        validate();
        Rng rng = new Rng(seed);
        Sequential model;
        String what;
        int[] shape = inputShape != null ? inputShape : new int[]{inputs};
        if (modelFile != null) {
            SavedModel saved = SavedModels.load("--model", modelFile);
            inputs = saved.spec().inputs();
            shape = new int[]{inputs};
            classes = saved.spec().outputs();
            // evaluation mode: Dropout off and batch norm on its running statistics, so the loss is a fixed function
            model = saved.model().to(DType.FLOAT64).eval();
            what = modelFile + " (" + saved.spec() + ")";
        } else if (layers != null) {
            model = layerModel(shape, rng); // training mode: batch norm on the batch statistics
            model.train();
            what = "\"" + layers + "\" on inputs " + LayerModel.text(shape);
        } else {
            model = Mlp.of(inputs, hidden, classes, activation, 0, rng, DType.FLOAT64);
            what = String.format(Locale.ROOT, "MLP %d-%s-%d (%s)", inputs, joined(hidden), classes, activation);
        }
        int features = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, batch, features);
        CrossEntropyLoss ce = CrossEntropyLoss.builder().labelSmoothing(smoothing).build();
        boolean soft = targets.equalsIgnoreCase("soft");
        Tensor softTargets = Tensor.uniform(rng, DType.FLOAT64, 0, 1, batch, classes);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        System.out.printf(Locale.ROOT, "gradcheck: %s, batch %d, %s targets, float64, sixth-order central differences%n",
                what, batch, soft ? "soft (rows do not sum to 1)" : "class-index");
        double h = step != null ? step : layers != null ? 1e-5 : 5e-3;
        Map<String, GradCheck.Report> reports = GradCheck.of(h, 1e-6).runOnParameters(model.namedParameters(),
                () -> soft ? ce.apply(model.forward(x), softTargets) : ce.apply(model.forward(x), labels));
        double worst = 0;
        for (Map.Entry<String, GradCheck.Report> e : reports.entrySet()) {
            GradCheck.Report r = e.getValue();
            System.out.printf(Locale.ROOT, "  %-10s %-10s worst relative error %.3e  (autodiff %+.10e, numeric %+.10e)%n",
                    e.getKey(), Arrays.toString(model.namedParameters().get(e.getKey()).shape()), r.maxRelativeError(),
                    r.analytic(), r.numeric());
            worst = Math.max(worst, r.maxRelativeError());
        }
        double tol = tolerance != null ? tolerance : layers != null ? 1e-4 : 1e-7;
        boolean ok = worst <= tol;
        System.out.printf(Locale.ROOT, "worst relative error over all parameters: %.3e (%s, tolerance %.0e, step %.0e)%n", worst,
                ok ? "PASS" : "FAIL", tol, h);
        return ok ? 0 : 1;
    }

    /** The --layers network in float64; dropout is refused, since a gradient check needs the same function at every evaluation. */
    private Sequential layerModel(int[] shape, Rng rng) {
        Sequential model = LayerModel.build(layers, shape, classes, rng, DType.FLOAT64);
        for (int i = 0; i < model.size(); i++) {
            if (model.get(i) instanceof Dropout) {
                throw new IllegalArgumentException("--layers: layer " + (i + 1) + " is dropout, which draws new masks at every "
                        + "evaluation of the loss; leave it out of a gradient check");
            }
        }
        return model;
    }

    /** Checks every option before anything is built. */
    private void validate() {
        OptionChecks.hiddenSizes("--hidden", hidden);
        OptionChecks.atLeast("--inputs", inputs, 1);
        OptionChecks.atLeast("--classes", classes, 2);
        OptionChecks.atLeast("--batch", batch, 1);
        if (!targets.equalsIgnoreCase("labels") && !targets.equalsIgnoreCase("soft")) {
            throw new IllegalArgumentException("--targets must be labels or soft, got '" + targets + "'");
        }
        OptionChecks.fraction("--label-smoothing", smoothing);
        OptionChecks.positive("--tolerance", tolerance);
        OptionChecks.positive("--step", step);
        Mlp.activation(activation);
        LayerModel.validateShape(inputShape);
        if (modelFile != null && layers != null) {
            throw new IllegalArgumentException("give either --model or --layers, not both");
        }
        if (inputShape != null && layers == null) {
            throw new IllegalArgumentException("--input-shape is for --layers; an MLP takes flat --inputs");
        }
        OptionChecks.modelFits("--inputs, --hidden and --classes", new ModelSpec(inputs, hidden, classes, activation, 0));
    }

    private static String joined(int[] h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            sb.append(i > 0 ? "-" : "").append(h[i]);
        }
        return sb.toString();
    }
}
