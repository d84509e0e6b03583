package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.data.MinMaxScaler;
import org.backprop4j.data.Standardizer;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static final Path FILE = Path.of("model.safetensors");

    @Test
    void parameterCountEqualsTheBuiltNetworksWithoutBuildingIt() {
        for (ModelSpec spec : new ModelSpec[]{new ModelSpec(4, new int[0], 3, "relu", 0),
            new ModelSpec(784, new int[]{256, 128}, 10, "gelu", 0.1), new ModelSpec(1, new int[]{1, 1, 1}, 1, "tanh", 0.5)}) {
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

    @Test
    void metadataRoundTrip() {
        ModelSpec spec = new ModelSpec(784, new int[]{256, 128}, 10, "GELU", 0.1);
        assertThat(spec.activation()).isEqualTo("gelu");
        Map<String, String> meta = spec.toMetadata();
        assertThat(meta).containsExactly(Map.entry("inputs", "784"), Map.entry("hidden", "[256,128]"),
                Map.entry("outputs", "10"), Map.entry("activation", "gelu"), Map.entry("dropout", "0.1"));
        assertThat(ModelSpec.fromMetadata(meta, FILE)).isEqualTo(spec).hasSameHashCodeAs(spec);
        assertThat(ModelSpec.fromMetadata(new ModelSpec(2, new int[0], 3, "relu", 0).toMetadata(), FILE).hidden()).isEmpty();
    }

    @Test
    void buildGivesPyTorchLayout() {
        Sequential s = new ModelSpec(4, new int[]{8}, 3, "relu", 0).build(new Rng(1), DType.FLOAT64);
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(s.namedParameters().get("0.weight").shape()).containsExactly(8, 4);
        assertThat(s.namedParameters().get("0.weight").dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void hiddenIsCopied() {
        int[] hidden = {3};
        ModelSpec spec = new ModelSpec(1, hidden, 1, "tanh", 0);
        hidden[0] = 99;
        spec.hidden()[0] = 98;
        assertThat(spec.hidden()).containsExactly(3);
    }

    @Test
    void invalidFieldsAreRejected() {
        assertThatThrownBy(() -> new ModelSpec(0, new int[0], 1, "relu", 0)).hasMessageContaining("inputs 0");
        assertThatThrownBy(() -> new ModelSpec(1, new int[]{0}, 1, "relu", 0)).hasMessageContaining("hidden");
        assertThatThrownBy(() -> new ModelSpec(1, new int[0], 1, "swish", 0)).hasMessageContaining("swish");
        assertThatThrownBy(() -> new ModelSpec(1, new int[0], 1, "relu", 1.5)).hasMessageContaining("dropout");
    }

    @Test
    void badMetadataNamesTheFileAndKey() {
        Map<String, String> meta = new LinkedHashMap<>(new ModelSpec(2, new int[]{3}, 4, "relu", 0).toMetadata());
        meta.put("hidden", "[3,\"x\"]");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).isInstanceOf(SafeTensorsException.class)
                .hasMessageStartingWith("model.safetensors: metadata \"hidden\"");
        meta.remove("hidden");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).hasMessageContaining("\"hidden\" is missing");
        meta.put("hidden", "[3]");
        meta.put("outputs", "-4");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(meta, FILE)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("invalid architecture");
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
        for (OptimizerSpec o : new OptimizerSpec[]{OptimizerSpec.sgd(0.1, 0.9, 0, true, 1e-4),
            OptimizerSpec.adam(1e-3, 0.8, 0.99, 1e-6, 0, true), OptimizerSpec.adamw(1e-3, 0.9, 0.999, 1e-8, 0.01, false)}) {
            assertThat(OptimizerSpec.of(o.build(model.parameters()))).isEqualTo(o);
        }
        assertThatThrownBy(() -> new OptimizerSpec("rmsprop", 1, 0, 0, false, 0, 0, 0, 0, false))
                .hasMessageContaining("rmsprop");
    }
}
