package org.backprop4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.data.Batch;
import org.backprop4j.data.DataLoader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.Standardizer;
import org.backprop4j.io.ModelSpec;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.Module;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Tensor;

/** Small data, models and the single-process reference loop for the Spark tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** The first {@code n} standardised digits. */
    static Dataset digits(int n) {
        Dataset all = Datasets.digits();
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        return Standardizer.fit(all).transform(all.subset(first));
    }

    /** A 64-32-10 ReLU MLP recipe. */
    static ModelRecipe mlp(DType dtype) {
        return ModelRecipe.of(new ModelSpec(64, new int[]{32}, 10, "relu", 0), dtype);
    }

    /** A loader of {@code data} in batches of {@code batch}, shuffled from {@code seed}. */
    static DataLoader loader(Dataset data, int batch, long seed) {
        return DataLoader.builder(data).batchSize(batch).shuffle(seed).build();
    }

    /** Single-process training with the mean loss over each whole batch: the reference. */
    static void trainLocally(Module model, Optimizer opt, DataLoader loader, int epochs) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        DType dtype = model.parameters().get(0).dtype();
        for (int e = 0; e < epochs; e++) {
            for (Batch b : loader) {
                opt.zeroGrad();
                Tensor x = dtype == DType.FLOAT64 ? b.x().to(DType.FLOAT64) : b.x();
                loss.apply(model.forward(x), b.y()).backward();
                opt.step();
            }
        }
    }

    /** The largest absolute difference between the parameters of two models of the same architecture. */
    static double maxDifference(Module a, Module b) {
        List<NDArray> pa = new ArrayList<>(a.stateDict().values());
        List<NDArray> pb = new ArrayList<>(b.stateDict().values());
        double worst = 0;
        for (int i = 0; i < pa.size(); i++) {
            double[] x = pa.get(i).toDoubleArray();
            double[] y = pb.get(i).toDoubleArray();
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(x[j] - y[j]));
            }
        }
        return worst;
    }

    /** Two models with the same initial weights from {@code seed}. */
    static Module[] twins(ModelRecipe recipe, long seed) {
        return new Module[]{recipe.create(new Rng(seed)), recipe.create(new Rng(seed))};
    }
}
