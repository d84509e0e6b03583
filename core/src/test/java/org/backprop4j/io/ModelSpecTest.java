package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.MinMaxScaler;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Flatten;
import org.backprop4j.nn.GELU;
import org.backprop4j.nn.Identity;
import org.backprop4j.nn.LayerConfig;
import org.backprop4j.nn.LayerRegistry;
import org.backprop4j.nn.LeakyReLU;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.LogSoftmax;
import org.backprop4j.nn.Module;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Sigmoid;
import org.backprop4j.nn.Softmax;
import org.backprop4j.nn.Tanh;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static final Path FILE = Path.of("model.safetensors");

    @Test
    void parameterCountEqualsTheBuiltNetworksWithoutBuildingIt() {
        for (ModelSpec spec : new ModelSpec[]{new ModelSpec(4, new int[0], 3, "relu", 0),
            new ModelSpec(784, new int[]{256, 128}, 10, "gelu", 0.1), new ModelSpec(1, new int[]{1, 1, 1}, 1, "tanh", 0.5),
            ModelSpec.of(new Sequential(new Flatten(), new Linear(6, 5, false, new Rng(1), DType.FLOAT32), new ReLU(),
                    new Linear(5, 2)))}) {
            long built = 0;
            for (org.backprop4j.tensor.Tensor t : spec.build(new org.backprop4j.ndarray.Rng(0),
                    org.backprop4j.ndarray.DType.FLOAT32).parameters()) {
                built += t.data().size();
            }
            assertThat(spec.parameterCount()).as(spec.toString()).isEqualTo(built);
        }
        // 2^31-1 inputs into 2^31-1 units, twice: counted in long arithmetic, never built
        int big = Integer.MAX_VALUE;
        assertThat(new ModelSpec(big, new int[]{big}, big, "relu", 0).parameterCount())
                .isEqualTo(2 * ((long) big * big + big));
    }

    /** Every image layer type, with non-default attributes where it has them. */
    private static Sequential imageModel() {
        Rng rng = new Rng(4);
        return new Sequential(
                org.backprop4j.nn.Conv2d.builder(2, 4, 3).kernel(3, 2).stride(2, 1).padding(1, 0).dilation(1, 2)
                        .groups(2).bias(false).rng(rng).build(),
                new org.backprop4j.nn.BatchNorm2d(4, 1e-3, 0.2, DType.FLOAT32),
                new org.backprop4j.nn.MaxPool2d(3, 2, 1), new org.backprop4j.nn.AvgPool2d(2, 1, 1),
                new org.backprop4j.nn.AdaptiveAvgPool2d(1), new Flatten(), new org.backprop4j.nn.BatchNorm1d(4),
                new Linear(4, 3));
    }

    @Test
    void metadataRoundTripOfTheImageLayers() {
        ModelSpec spec = ModelSpec.of(imageModel());
        ModelSpec back = ModelSpec.fromMetadata(spec.toMetadata(), FILE);
        assertThat(back).isEqualTo(spec);
        Sequential rebuilt = back.build(new Rng(2), DType.FLOAT64);
        assertThat(ModelSpec.of(rebuilt)).isEqualTo(spec);
        assertThat(rebuilt.stateDict().keySet()).contains("0.weight", "1.running_var", "1.num_batches_tracked",
                "6.running_mean").doesNotContain("0.bias");
        assertThat(rebuilt.toString()).isEqualTo(imageModel().toString());
    }

    @Test
    void metadataRoundTripOfEveryLayerType() {
        Rng rng = new Rng(1);
        Sequential model = new Sequential(new Flatten(), new Linear(6, 5, false, rng, DType.FLOAT32), new LeakyReLU(0.2),
                new Dropout(0.125, rng), new Linear(5, 4), new GELU(), new Sigmoid(), new Identity(), new Tanh(),
                new ReLU(), new Linear(4, 3), new Softmax(1), new LogSoftmax(-1));
        ModelSpec spec = ModelSpec.of(model);
        assertThat(spec.layers()).hasSize(13);
        java.util.List<String> types = new java.util.ArrayList<>(spec.layers().stream().map(LayerConfig::type).toList());
        types.addAll(ModelSpec.of(imageModel()).layers().stream().map(LayerConfig::type).toList());
        assertThat(types.stream().distinct()).as("this test and the image-layer one cover every registered type")
                .containsExactlyInAnyOrderElementsOf(new java.util.ArrayList<>(LayerRegistry.types()));
        Map<String, String> meta = spec.toMetadata();
        ModelSpec back = ModelSpec.fromMetadata(meta, FILE);
        assertThat(back).isEqualTo(spec).hasSameHashCodeAs(spec);
        assertThat(ModelSpec.of(back.build(new Rng(2), DType.FLOAT64))).isEqualTo(spec);
        assertThat(spec.inputs()).isEqualTo(6);
        assertThat(spec.outputs()).isEqualTo(3);
        assertThat(spec.toString()).startsWith("Flatten() -> Linear(in_features=6, out_features=5, bias=false) -> "
                + "LeakyReLU(negative_slope=0.2) -> Dropout(p=0.125)");
    }

    @Test
    void theMlpFormIsTheLayersMlpBuilds() {
        ModelSpec spec = new ModelSpec(4, new int[]{8}, 3, "GELU", 0.1);
        assertThat(spec).isEqualTo(ModelSpec.of(new Sequential(new Linear(4, 8), new GELU(), new Dropout(0.1),
                new Linear(8, 3))));
        Sequential s = spec.build(new Rng(1), DType.FLOAT64);
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias");
        assertThat(s.namedParameters().get("0.weight").shape()).containsExactly(8, 4);
        assertThat(s.namedParameters().get("0.weight").dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void invalidFieldsAreRejected() {
        assertThatThrownBy(() -> new ModelSpec(0, new int[0], 1, "relu", 0)).hasMessageContaining("got 0 and 1");
        assertThatThrownBy(() -> new ModelSpec(1, new int[]{0}, 1, "relu", 0)).hasMessageContaining("hidden");
        assertThatThrownBy(() -> new ModelSpec(1, new int[0], 1, "swish", 0)).hasMessageContaining("swish");
        assertThatThrownBy(() -> new ModelSpec(1, new int[0], 1, "relu", 1.5)).hasMessageContaining("dropout");
        assertThatThrownBy(() -> new ModelSpec(List.of())).hasMessageContaining("at least one layer");
    }

    /** A layer the model format cannot describe. */
    private static final class Doubler extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.mul(2.0);
        }
    }

    @Test
    void aModelTheFormatCannotDescribeIsRefusedNamingTheLayer() {
        assertThatThrownBy(() -> ModelSpec.of(new Sequential(new Linear(2, 2), new Doubler())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot save layer 1 (Doubler): a model file can describe only the layer types "
                        + "Linear, ReLU");
        assertThatThrownBy(() -> ModelSpec.of(new Doubler())).hasMessageStartingWith("cannot save a Doubler: a model file "
                + "holds a Sequential");
        assertThatThrownBy(() -> ModelSpec.of(new Sequential(new Sequential(new Linear(2, 2)))))
                .hasMessageStartingWith("cannot save layer 0 (Sequential)");
    }

    @Test
    void badMetadataNamesTheFileAndKey() {
        Map<String, String> meta = new LinkedHashMap<>(new ModelSpec(2, new int[]{3}, 4, "relu", 0).toMetadata());
        String layers = meta.get("layers");
        meta.put("layers", "[3]");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).isInstanceOf(SafeTensorsException.class)
                .hasMessage("model.safetensors: metadata \"layers\" must be an array of objects with a string \"type\"");
        meta.put("layers", layers.replace("\"bias\":true", "\"bias\":\"yes\""));
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).isInstanceOf(SafeTensorsException.class)
                .hasMessage("model.safetensors: invalid architecture in the metadata: Linear attribute 'bias' must be a "
                        + "number or a boolean, got yes");
        meta.remove("layers");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).hasMessageContaining("\"inputs\" is missing");
    }

    @Test
    void unknownTypesAndAttributesAreRefusedWhenBuilding() {
        assertThatThrownBy(() -> new ModelSpec(List.of(LayerConfig.of("Swish"))).build(new Rng(1), DType.FLOAT32))
                .hasMessageStartingWith("unknown layer type 'Swish'; known types are Linear, ReLU");
        assertThatThrownBy(() -> new ModelSpec(List.of(LayerConfig.of("ReLU", "inplace", true))).build(new Rng(1),
                DType.FLOAT32)).hasMessage("ReLU(inplace=true) has attributes that ReLU does not use; it is ReLU()");
        assertThatThrownBy(() -> new ModelSpec(List.of(LayerConfig.of("Linear", "in_features", 2.5, "out_features", 1,
                "bias", true))).build(new Rng(1), DType.FLOAT32)).hasMessage("Linear needs a whole number 'in_features', "
                + "got 2.5");
    }

    @Test
    void scalingConvertsToAndFromTheScalers() {
        Standardizer st = new Standardizer(new double[]{1, 2}, new double[]{3, 4});
        Scaling s = Scaling.of(st);
        assertThat(s.kind()).isEqualTo("standardize");
        assertThat(s.toStandardizer().mean()).containsExactly(1, 2);
        assertThat(s.toStandardizer().std()).containsExactly(3, 4);
        Scaling m = Scaling.of(new MinMaxScaler(new double[]{0, -1}, new double[]{1, 1}));
        assertThat(m.toMinMaxScaler().max()).containsExactly(1, 1);
        assertThat(Scaling.none().isNone()).isTrue();
        assertThatThrownBy(s::toMinMaxScaler).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Scaling("zscore", new double[]{1}, new double[]{1}))
                .hasMessageContaining("zscore");
        assertThatThrownBy(() -> new Scaling("standardize", new double[]{1}, new double[]{0}))
                .hasMessageContaining("std");
    }

    @Test
    void aSpecThatDoesNotDescribeTheModelIsRefused() {
        ModelSpec says = new ModelSpec(2, new int[]{3}, 2, "relu", 0);
        Sequential model = new Sequential(new Linear(2, 3), new Tanh(), new Linear(3, 2));
        assertThatThrownBy(() -> new SavedModel(says, model, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not describe the model").hasMessageContaining("ReLU()")
                .hasMessageContaining("Tanh()");
        assertThat(new SavedModel(model, null, null).spec().layers().get(1).type()).isEqualTo("Tanh");
    }

    @Test
    void savedModelChecksNamesAndScalingAgainstTheSpec() {
        ModelSpec spec = new ModelSpec(2, new int[0], 3, "relu", 0);
        Sequential model = spec.build(new Rng(1), DType.FLOAT32);
        assertThatThrownBy(() -> new SavedModel(spec, model, java.util.List.of("a", "b"), null))
                .hasMessageContaining("2 class names").hasMessageContaining("3 outputs");
        assertThatThrownBy(() -> new SavedModel(spec, model, null,
                new Scaling("minmax", new double[]{0}, new double[]{1}))).hasMessageContaining("1 features");
        assertThat(new SavedModel(spec, model, null, null).scaling().isNone()).isTrue();
    }

    @Test
    void optimizerSpecRebuildsEachKind() {
        Sequential model = new ModelSpec(2, new int[0], 3, "relu", 0).build(new Rng(1), DType.FLOAT32);
        for (OptimizerSpec o : new OptimizerSpec[]{new OptimizerSpec("sgd", Map.of("lr", 0.1, "momentum", 0.9, "dampening", 0, "nesterov", true, "weight_decay", 1e-4)),
            new OptimizerSpec("adam", Map.of("lr", 1e-3, "beta1", 0.8, "beta2", 0.99, "eps", 1e-6, "weight_decay", 0, "amsgrad", true)), new OptimizerSpec("adamw", Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.01, "amsgrad", false))}) {
            assertThat(OptimizerSpec.of(o.build(model.parameters()))).isEqualTo(o);
        }
        assertThatThrownBy(() -> new OptimizerSpec("rmsprop", Map.of()))
                .hasMessageContaining("rmsprop");
    }
}
