package org.backprop4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.ImageAugmentation;
import org.backprop4j.data.Split;
import org.backprop4j.io.Checkpoint;
import org.backprop4j.io.CheckpointState;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.io.SavedModel;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.LrSchedule;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.EarlyStopping;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.NanPolicy;
import org.backprop4j.train.KernelWarmup;
import org.backprop4j.train.EvaluationSummary;
import org.backprop4j.train.StepExecutor;
import org.backprop4j.train.TableSplit;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingBackend;
import org.backprop4j.train.TrainingInterruptedException;
import org.backprop4j.train.TrainingPosition;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j train}: trains a classifier (an MLP, or a {@code --layers} network) on a data set and prints its test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a classifier (an MLP, or any network given with --layers) with softmax cross-entropy and print the test accuracy.",
            "Defaults depend on the data set: digits and iris are standardised; fashion-mnist and mnist use "
                    + "pixels/255, --hidden 256, --batch-size 128, --epochs 30, --schedule cosine.",
            "--arch cnn trains the convolutional network \"" + Arch.CNN_LAYERS + "\" for " + Arch.CNN_EPOCHS
                    + " epochs, its training images augmented: fashion-mnist with random horizontal flips (--augment flip), "
                    + "mnist with random shifts of up to 2 pixels (shift:2)."},
        footer = {"", "Examples:",
            "  backprop4j train                                  # digits, defaults",
            "  backprop4j train --dataset fashion-mnist --save model.safetensors --plot curves.png",
            "  backprop4j train --dataset fashion-mnist --arch cnn --save cnn.safetensors   # a CNN, test accuracy >= 0.93",
            "  backprop4j train --dataset iris --hidden 16 --epochs 100 --metrics-out iris.json",
            "  backprop4j train --csv data.csv --label species --standardize --early-stopping 5",
            "  backprop4j train --hidden 256,128 --optimizer sgd --lr 0.05 --momentum 0.9 --schedule step:10:0.5",
            "  backprop4j train --dataset fashion-mnist --epochs 15 --resume model.safetensors   # continue a run",
            "  backprop4j train --dataset digits --layers \"conv2d(8,3,padding=1) relu maxpool2d(2) flatten linear(32) relu linear\"",
            "  backprop4j train --spark local[2] --dataset digits                 # data-parallel on embedded Spark",
            "  backprop4j train --spark local[2] --spark-input data.parquet --label species --save model.safetensors"})
public final class TrainCommand implements Callable<Integer> {
    /**
     * The longest the first step waits, once the data is ready, for the warm-up to end its rounds
     * (it is stopped after that); this wait comes before the first epoch, so epoch times leave it out.
     */
    static final long WARMUP_WAIT_MILLIS = 500;

    @Mixin
    DataOptions data = new DataOptions();

    @ArgGroup(exclusive = true)
    ScalingChoice scaling;

    @Mixin
    SparkOptions spark = new SparkOptions();

    /** The mutually exclusive scaling flags. */
    static final class ScalingChoice {
        @Option(names = "--standardize", description = "Standardise features (mean 0, std 1 on the training split).")
        boolean standardize;

        @Option(names = "--minmax", description = "Scale features to [0, 1] (min and max of the training split).")
        boolean minmax;

        @Option(names = "--no-scaling", description = "Use the features as they are.")
        boolean none;
    }

    @Option(names = "--val-split", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Validation fraction of the training data, stratified; 0 for none (default: ${DEFAULT-VALUE}).")
    double valSplit;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only (quick tries).")
    Integer limit;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "mlp", description = "The network: mlp (the options "
            + "--hidden, --activation, --dropout) or cnn (a convolutional network for images, with its own --epochs and "
            + "--augment defaults, see above) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--augment", paramLabel = "SPEC", description = "Augment the training images: " + ImageAugmentation.FORMS
            + "; shift:N moves each image by up to N pixels along each axis (zero fill), flip mirrors it left-right with "
            + "probability 1/2; drawn per (seed, epoch, sample), so --resume stays exact; never applied to validation "
            + "or test data, nor with --spark (default: none; for --arch cnn flip on fashion-mnist, shift:2 on mnist).")
    String augment;

    @Option(names = "--hidden", split = ",", paramLabel = "SIZES", description = "Hidden layer sizes, comma separated (default: 128; 256 for fashion-mnist and mnist).")
    int[] hidden;

    @Option(names = "--activation", description = "Hidden activation: " + Mlp.ACTIVATIONS + " (default: relu).")
    String activationOption;

    @Option(names = "--layers", paramLabel = "SPEC", description = "The network as torch.nn-like layers instead of the MLP options, "
            + "e.g. \"conv2d(8,3,padding=1) relu maxpool2d(2) flatten linear(32) relu linear\" (a last linear without size: one output per class).")
    String layers;

    @Option(names = "--input-shape", split = ",", paramLabel = "C,H,W", description = "View each row as an image of this shape "
            + "for --layers (default: 1,8,8 for digits, 1,28,28 for mnist and fashion-mnist, flat features otherwise).")
    int[] inputShape;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout probability after each hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: 0.1 for sgd, 0.001 for adam and adamw).")
    Double lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", description = "Weight decay (default: 0; 0.01 for adamw).")
    Double weightDecay;

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (default: 32; 16 for iris, 128 for fashion-mnist and mnist).")
    Integer batchSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default: 30; 100 for iris).")
    Integer epochs;

    @Option(names = "--schedule", paramLabel = "SPEC", description = "Learning-rate schedule per epoch: " + Schedules.FORMS
            + " (default: constant; cosine for fashion-mnist and mnist).")
    String schedule;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the validation loss has not improved for PATIENCE epochs.")
    Integer patience;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed for splits, initialisation, dropout and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads of the compute kernels (default: the available processors); "
            + "results are bit-identical for any count.")
    Integer threads;

    @Option(names = "--save", paramLabel = "FILE", description = "Save a checkpoint (model, optimiser, epoch, random state) after every epoch; "
            + "evaluate, predict and --resume read it.")
    Path save;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in a checkpoint (give the same data and model options), "
            + "also one written on Ctrl-C, SIGTERM or SIGHUP in the middle of an epoch; the result is bit-identical "
            + "to an uninterrupted run.")
    Path resume;

    @Option(names = "--init", paramLabel = "FILE", description = "Fine-tune: start from the architecture and weights of this "
            + "model (safetensors, or ONNX such as PyTorch exports, see export), with the data, scaling and a new optimiser "
            + "of this run; its inputs and outputs must fit the data.")
    Path init;

    @Option(names = "--on-nan", paramLabel = "POLICY", defaultValue = "stop",
            description = "When the loss or a gradient is NaN or infinite: stop (keep the last good checkpoint and "
                    + "exit with status 2) or skip-batch (drop that batch and go on) (default: ${DEFAULT-VALUE}).")
    String onNan;

    @Option(names = "--metrics-out", paramLabel = "FILE.json", description = "Write per-epoch and test metrics as JSON.")
    Path metricsOut;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Plot the training curves to FILE.png and the test confusion matrix to FILE-confusion.png.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        validate();
        Threads.configure(threads);
        // the warm-up compiles the run's step while the data loads; train finishes it before the first step
        try (KernelWarmup warmup = startWarmup(); TrainingBackend backend = spark.start(seed)) {
            return train(backend, warmup);
        }
    }

    /**
     * Starts the warm-up of this run's step: its architecture and optimiser, on the sample shape of
     * --input-shape or the data set's (flat for an MLP), before the data is read. Where the data set
     * does not tell (a CSV file) the shape and the class count are guesses; they only choose the
     * warm-up's small shapes.
     */
    private KernelWarmup startWarmup() {
        Preset preset = data.preset();
        int[] known = inputShape != null ? inputShape : preset.sampleShape.length > 0 ? preset.sampleShape
                : new int[]{preset == Preset.IRIS ? 4 : 64};
        int classes = preset == Preset.IRIS ? 3 : 10;
        double rate = lr != null ? lr : Optimizers.defaultLr(optimizer);
        Function<List<Tensor>, Optimizer> optimizers =
                params -> Optimizers.create(optimizer, params, rate, momentum, weightDecay);
        int batch = batchSize != null ? batchSize : preset.batchSize;
        String spec = layerSpec();
        if (spec != null) {
            return KernelWarmup.start(known, classes, batch, (shape, k, r) -> LayerModel.build(spec, shape, k, r), optimizers);
        }
        int[] hiddenSizes = hidden != null ? hidden : preset.hidden;
        int features = Arrays.stream(known).reduce(1, Math::multiplyExact);
        return KernelWarmup.start(new int[]{features}, classes, batch, (shape, k, r) ->
                new ModelSpec(shape[0], hiddenSizes, k, activation(), dropout).build(r, DType.FLOAT32), optimizers);
    }

    /** The run, on {@code backend} (Spark) or in this process when it is null; stops {@code warmup} before training. */
    private int train(TrainingBackend backend, KernelWarmup warmup) throws Exception {
        if (spark.input != null) {
            data.useTable(spark.input);
        }
        Preset preset = data.preset();
        int[] hiddenSizes = hidden != null ? hidden : preset.hidden;
        int epochCount = epochCount(preset);
        int batch = batchSize != null ? batchSize : preset.batchSize;
        double learningRate = lr != null ? lr : Optimizers.defaultLr(optimizer);
        LrSchedule lrSchedule = Schedules.parse(schedule != null ? schedule : preset.schedule, learningRate, epochCount);

        RunData rd = spark.input != null
                ? RunData.remote(backend.readTable(spark.input, data.label, new TableSplit(data.testSplit, valSplit,
                        limit == null ? 0 : limit, scalingKind(preset).name().toLowerCase(Locale.ROOT), seed)))
                : localData(preset);
        try {
            return train(backend, rd, preset, hiddenSizes, epochCount, batch, learningRate, lrSchedule, warmup);
        } finally {
            rd.close();
        }
    }

    /** The data of --dataset or --csv in this process: the test split, --limit, the validation split and the scaling. */
    private RunData localData(Preset preset) {
        Split outer = data.load(seed);
        Dataset trainAll = limited(outer.train());
        Dataset trainRaw = trainAll;
        Dataset validationRaw = null;
        if (valSplit > 0) {
            Split inner = Split.stratifiedSplit(trainAll, valSplit, seed + 1);
            trainRaw = inner.train();
            validationRaw = inner.test();
        }
        Scaler scaler = Scaler.fit(scalingKind(preset), trainRaw);
        return RunData.local(trainAll, scaler.apply(trainRaw), validationRaw == null ? null : scaler.apply(validationRaw),
                scaler.apply(outer.test()), outer.test(), scaler);
    }

    private int train(TrainingBackend backend, RunData rd, Preset preset, int[] hiddenSizes, int epochCount, int batch,
                      double learningRate, LrSchedule lrSchedule, KernelWarmup warmup) throws Exception {
        Scaler scaler = rd.scaler;
        List<String> classNames = rd.classNames;

        // only a checkpoint written or resumed needs the fingerprint (a pass over all the data)
        String fingerprint = save != null || resume != null ? rd.fingerprint() : "";
        int[] shape = LayerModel.sampleShape(inputShape, preset, rd.numFeatures, data.name());
        ImageAugmentation augmentation = augmentation(preset, shape);
        Map<String, String> runOptions = runOptions(fingerprint, hiddenSizes, batch, learningRate, scalingKind(preset), augmentation);
        Rng rng;
        SavedModel saved;
        Optimizer opt;
        List<EpochResult> history = new ArrayList<>();
        TrainingPosition from = TrainingPosition.startOf(1);
        if (resume != null) {
            CheckpointState st = Checkpoint.load(resume);
            RunIdentity.requireSame(resume, st.options(), runOptions);
            rng = st.rng(CheckpointState.MODEL_RNG);
            saved = new SavedModel(st.model().spec(), st.model().model(), classNames, scaler.toSaved());
            opt = st.restoreOptimizer();
            history.addAll(st.history());
            from = st.resumePosition();
            System.out.printf(Locale.ROOT, "resuming %s after epoch %d%s%n", resume, st.epoch(), from.atEpochStart() ? ""
                    : String.format(Locale.ROOT, ", step %d of epoch %d", from.step(), from.epoch()));
        } else {
            rng = new Rng(seed);
            if (init != null) {
                saved = new SavedModel(initialModel(rd.numFeatures, rd.numClasses), classNames, scaler.toSaved());
            } else if (layerSpec() != null) {
                Sequential net = LayerModel.build(layerSpec(), shape, rd.numClasses, rng);
                saved = new SavedModel(ModelSpec.of(net), net, classNames, scaler.toSaved());
            } else {
                ModelSpec spec = new ModelSpec(rd.numFeatures, hiddenSizes, rd.numClasses, activation(), dropout);
                OptionChecks.modelFits("--hidden " + join(hiddenSizes), spec);
                saved = new SavedModel(spec, spec.build(rng, DType.FLOAT32), classNames, scaler.toSaved());
            }
            opt = Optimizers.create(optimizer, saved.model().parameters(), learningRate, momentum, weightDecay);
        }
        Sequential model = saved.model();
        System.out.printf(Locale.ROOT, "%s: %d train, %d validation, %d test samples, %d features, %d classes; features %s%n",
                data.name(), rd.trainSize, rd.validationSize, rd.testSize, rd.numFeatures, rd.numClasses, scaler);
        System.out.println(model);
        if (augmentation != null) {
            System.out.println("training images augmented: " + augmentation + " (--augment " + augmentation.spec() + ")");
        }


        EarlyStopping stopper = patience == null ? null : new EarlyStopping(patience);
        CtrlC ctrlC = CtrlC.install();
        Trainer.Builder tb = Trainer.builder(model, opt).epochs(epochCount).schedule(lrSchedule)
                .onNan(nanPolicy()).interrupt(ctrlC::requested)
                .listener(ProgressBarPrinter.forConsole(System.out)).listener(new SkipReporter());
        if (stopper != null) {
            stopper.replay(history);
            tb.listener(stopper);
        }
        if (save != null) {
            tb.listener(new Checkpointer(save, saved, opt, rng, runOptions, history, ctrlC));
        }
        StepExecutor executor = rd.executor(backend, saved.spec().toMetadata(), model.parameters().get(0).dtype());
        if (executor != null) {
            tb.executor(executor);
        }
        Trainer trainer = tb.listener(TrainingStartEvent.listener()).build();
        DataLoader loader = rd.loader(batch, rng, augmentation);
        double warmupWaitSeconds = warmup.finish(WARMUP_WAIT_MILLIS);
        if (from.epoch() <= epochCount && (stopper == null || !stopper.shouldStop())) {
            try (ctrlC) {
                history.addAll(trainer.fit(loader, rd.validation, from));
            } catch (TrainingInterruptedException e) {
                System.err.println(e.getMessage());
                return ctrlC.exitStatus();
            }
        }
        ctrlC.close();
        boolean stoppedEarly = stopper != null && stopper.shouldStop() && history.size() < epochCount;
        if (stoppedEarly) {
            System.out.printf(Locale.ROOT, "early stopping after epoch %d: validation loss has not improved for %d epochs "
                    + "(best %.4f at epoch %d)%n", history.get(history.size() - 1).epoch(), patience, stopper.bestLoss(),
                    stopper.bestEpoch());
        }
        if (save != null) {
            System.out.println("checkpoint saved to " + save + " (evaluate and predict read it)");
        }
        EvaluationSummary result = rd.test.evaluate(model, trainer.loss());
        double seconds = history.stream().mapToDouble(EpochResult::seconds).sum();
        System.out.printf(Locale.ROOT, "training time %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f (test loss %.4f, %d samples)%n", result.accuracy(), result.loss(),
                rd.testSize);
        if (metricsOut != null) {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("dataset", data.name());
            info.put("model", layerSpec() != null ? layerSpec()
                    : "MLP " + rd.numFeatures + "-" + join(hiddenSizes) + "-" + rd.numClasses + " " + activation());
            info.put("optimizer", optimizer);
            String json = MetricsJson.of(info, history, result.accuracy(), result.loss(), stoppedEarly, warmupWaitSeconds);
            Output.write(metricsOut, out -> out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            System.out.println("metrics written to " + metricsOut);
        }
        if (plot != null) {
            Output.write(plot, out -> TrainingPlots.write(history, data.name(), out));
            Path cm = Output.sibling(plot, "-confusion");
            Output.write(cm, out -> ConfusionHeatMap.write(result.confusionMatrix(), classNames,
                    data.name() + ": test confusion matrix", out));
            System.out.println("plots written to " + plot + " and " + cm);
        }
        return 0;
    }

    /** The --layers network, or --arch's, or null for the MLP. */
    private String layerSpec() {
        return layers != null ? layers : Arch.named(arch).layers;
    }

    /** --epochs, else the default of --arch cnn, else the data set's. */
    private int epochCount(Preset preset) {
        if (epochs != null) {
            return epochs;
        }
        Arch a = Arch.named(arch);
        return a.epochs > 0 ? a.epochs : preset.epochs;
    }

    /** The augmentation of --augment (by default the data set's for --arch cnn, else none) for samples of {@code shape}, or null. */
    private ImageAugmentation augmentation(Preset preset, int[] shape) {
        boolean cnnDefault = augment == null && Arch.named(arch) == Arch.CNN && !spark.enabled(); // Spark workers do not augment
        String spec = augment != null ? augment : cnnDefault ? preset.cnnAugment : "none";
        if (spec.trim().equalsIgnoreCase("none")) {
            return null;
        }
        if (shape.length != 3) {
            throw new IllegalArgumentException("--augment " + spec + " needs images, but " + data.name()
                    + " has flat features; give --input-shape C,H,W with --layers");
        }
        return ImageAugmentation.parse(spec, shape[0], shape[1], shape[2], seed);
    }

    /** The hidden activation of the MLP: --activation, or relu. */
    private String activation() {
        return activationOption != null ? activationOption : "relu";
    }

    /**
     * Checks every option before any data is read or memory allocated: values and ranges, output
     * paths that can be written, and no output that overwrites an input or another output.
     */
    private void validate() {
        Preset preset;
        if (spark.input != null) {
            data.useTable(spark.input);
            preset = data.preset();
            OptionChecks.strictFraction("--test-split", data.testSplit);
        } else {
            preset = data.preset();
            data.validate();
        }
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.atLeast("--limit", limit, 1);
        OptionChecks.atLeast("--early-stopping", patience, 1);
        OptionChecks.hiddenSizes("--hidden", hidden);
        OptionChecks.fraction("--dropout", dropout);
        OptionChecks.positive("--lr", lr);
        OptionChecks.nonNegative("--momentum", momentum);
        OptionChecks.nonNegative("--weight-decay", weightDecay);
        OptionChecks.fraction("--val-split", valSplit);
        if (patience != null && !(valSplit > 0)) {
            throw new IllegalArgumentException("--early-stopping needs validation data; give --val-split > 0");
        }
        nanPolicy();
        Arch chosen = Arch.named(arch);
        if (layers != null && chosen != Arch.MLP) {
            throw new IllegalArgumentException("give either --layers or --arch " + arch + ", not both");
        }
        String network = layers != null ? "--layers" : "--arch " + arch;
        if (layerSpec() != null && (hidden != null || activationOption != null || dropout > 0)) {
            throw new IllegalArgumentException(network + " describes the whole network; leave out --hidden, --activation and --dropout"
                    + (layers != null ? " (put relu, dropout(p) ... into the layer list)" : ""));
        }
        if (inputShape != null && layerSpec() == null) {
            throw new IllegalArgumentException("--input-shape is for --layers or --arch cnn; an MLP takes the rows as flat features");
        }
        if (augment != null && spark.enabled() && !augment.trim().equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("--augment is not available with --spark: the workers gather their shares "
                    + "of each batch from their shards as they are");
        }
        if (augment != null) {
            ImageAugmentation.parse(augment, 1, 1 << 12, 1 << 12, seed); // the syntax; the shift is checked against the images later
        }
        LayerModel.validateShape(inputShape);
        Mlp.activation(activation());
        int[] hiddenSizes = hidden != null ? hidden : preset.hidden;
        double learningRate = lr != null ? lr : Optimizers.defaultLr(optimizer);
        Schedules.parse(schedule != null ? schedule : preset.schedule, learningRate, epochCount(preset));
        // the smallest network these hidden sizes allow (1 feature, 2 classes); the real one is checked before it is built
        OptionChecks.modelFits("--hidden " + join(hiddenSizes), new ModelSpec(1, hiddenSizes, 2, activation(), dropout));
        OptionChecks.regularFile("--resume", resume);
        if (init != null && (resume != null || layers != null || hidden != null)) {
            throw new IllegalArgumentException("--init gives the network; leave out --resume, --layers and --hidden");
        }
        OptionChecks.regularFile("--init", init);
        Path confusion = plot == null ? null : Output.sibling(plot, "-confusion");
        OptionChecks.writable("--save", save, false);
        OptionChecks.writable("--metrics-out", metricsOut, false);
        OptionChecks.writable("--plot", plot, false);
        OptionChecks.writable("--plot (its confusion matrix)", confusion, false);
        new PathClash().input("--csv", data.csv).input("--test-csv", data.testCsv).input("--resume", resume).input("--init", init)
                .input("--spark-input", spark.localInput()).output("--save", save).output("--metrics-out", metricsOut)
                .output("--plot", plot).output("--plot (its confusion matrix)", confusion).allow("--save", "--resume")
                .check();
    }

    /** The --init model (safetensors or ONNX), which must take {@code features} inputs and give {@code classes} outputs. */
    private Sequential initialModel(int features, int classes) {
        SavedModel start = SavedModels.load("--init", init);
        ModelSpec spec = start.spec();
        if (spec.inputs() != features || spec.outputs() != classes) {
            throw new IllegalArgumentException("--init " + init + ": the model takes " + spec.inputs() + " features and gives "
                    + spec.outputs() + " outputs, but the data has " + features + " features and " + classes + " classes");
        }
        return start.model();
    }

    private NanPolicy nanPolicy() {
        switch (onNan.toLowerCase(Locale.ROOT)) {
            case "stop":
                return NanPolicy.STOP;
            case "skip-batch":
                return NanPolicy.SKIP_BATCH;
            default:
                throw new IllegalArgumentException("--on-nan must be stop or skip-batch, got " + onNan);
        }
    }

    /**
     * The options that make a run what it is, with the fingerprint of its data; a resumed run must
     * have the same (all but the number of epochs).
     */
    private Map<String, String> runOptions(String dataFingerprint, int[] hiddenSizes, int batch, double learningRate,
                                           Preset.Scaling scalingKind, ImageAugmentation augmentation) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(RunIdentity.DATA, dataFingerprint);
        o.put("label", String.valueOf(data.label));
        o.put("test-split", Double.toString(data.testSplit));
        o.put("val-split", Double.toString(valSplit));
        o.put("limit", String.valueOf(limit));
        o.put("scaling", scalingKind.name().toLowerCase(Locale.ROOT));
        o.put("hidden", join(hiddenSizes));
        o.put("activation", activation().toLowerCase(Locale.ROOT));
        o.put("layers", String.valueOf(layerSpec()));
        o.put("augment", augmentation == null ? "none" : augmentation.spec());
        o.put("input-shape", inputShape == null ? "null" : LayerModel.text(inputShape));
        o.put("dropout", Double.toString(dropout));
        o.put("optimizer", optimizer.toLowerCase(Locale.ROOT));
        o.put("lr", Double.toString(learningRate));
        o.put("momentum", Double.toString(momentum));
        o.put("weight-decay", String.valueOf(weightDecay));
        o.put("batch-size", Integer.toString(batch));
        o.put("schedule", schedule != null ? schedule : data.preset().schedule);
        o.put("early-stopping", String.valueOf(patience));
        o.put("seed", Long.toString(seed));
        return o;
    }

    private Dataset limited(Dataset d) {
        if (limit == null || limit >= d.size()) {
            return d;
        }
        int[] first = new int[limit];
        for (int i = 0; i < limit; i++) {
            first[i] = i;
        }
        return d.subset(first);
    }

    private Preset.Scaling scalingKind(Preset preset) {
        if (scaling == null) {
            return preset.scaling;
        }
        if (scaling.standardize) {
            return Preset.Scaling.STANDARDIZE;
        }
        return scaling.minmax ? Preset.Scaling.MINMAX : Preset.Scaling.NONE;
    }

    /** The hidden sizes joined by '-' (for the metrics' model description). */
    private static String join(int[] h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            sb.append(i > 0 ? "-" : "").append(h[i]);
        }
        return sb.toString();
    }
}
