package org.backprop4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Split;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelFile;
import org.backprop4j.io.Predictor;
import org.backprop4j.io.Scaling;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Mlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.train.Trainer;

/** Trains an iris classifier, saves it, loads it into a fresh object and names the species of a new flower. */
public final class IrisExample {
    private IrisExample() {
    }

    /** Runs the example; the model is saved to {@code args[0]}, or to a temporary file. */
    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("iris", ".safetensors");

        // data: 150 flowers, 4 measurements in cm, 3 species; 20% held out, scaled with the training part's statistics
        Dataset iris = Datasets.iris();
        Split split = Split.stratifiedSplit(iris, 0.2, 42);
        Standardizer scaler = Standardizer.fit(split.train());
        Dataset train = scaler.transform(split.train());
        Dataset test = scaler.transform(split.test());

        // model and training
        Sequential model = Mlp.builder(4, 3).hidden(16).activation(Activation.TANH).rng(new Rng(42)).build();
        Optimizer optimizer = Adam.builder(model.parameters()).lr(0.01).build();
        Trainer trainer = Trainer.builder(model, optimizer).epochs(50).build();
        trainer.fit(DataLoader.builder(train).batchSize(16).shuffle(42).build(), test);
        System.out.printf("test accuracy: %.3f%n", trainer.evaluate(test).accuracy());

        // save, then load into a fresh object
        ModelFile.save(file, model, iris.classNames(), Scaling.of(scaler));
        Predictor predictor = ModelFile.load(file).predictor();

        // a new flower, raw measurements in cm (the predictor applies the saved scaling)
        float[] flower = {6.1f, 2.8f, 4.7f, 1.2f};
        int species = predictor.predict(flower)[0];
        System.out.println("predicted species: " + predictor.className(species));
    }
}
