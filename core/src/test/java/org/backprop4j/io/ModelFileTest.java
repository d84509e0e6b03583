package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static SavedModel sample(DType dtype, Scaling scaling) {
        ModelSpec spec = new ModelSpec(4, new int[]{5, 3}, 2, "tanh", 0.25);
        Sequential model = spec.build(new Rng(7), dtype);
        return new SavedModel(spec, model, List.of("cat", "dög \"q\""), scaling);
    }

    @Test
    void roundTripKeepsEverythingExactly() {
        Scaling scaling = new Scaling(Scaling.STANDARDIZE, new double[]{0.1, -1e-300, 3.0, Math.PI},
                new double[]{1.0 / 3, 2, 4.9e-324, 1e300});
        SavedModel saved = sample(DType.FLOAT32, scaling);
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, saved);
        SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.spec()).isEqualTo(saved.spec());
        assertThat(loaded.classNames()).isEqualTo(saved.classNames());
        assertThat(loaded.scaling()).isEqualTo(scaling);
        Map<String, NDArray> a = saved.model().stateDict();
        Map<String, NDArray> b = loaded.model().stateDict();
        assertThat(b.keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias");
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        a.forEach((k, v) -> {
            assertThat(b.get(k).shape()).isEqualTo(v.shape());
            assertThat(b.get(k).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(b.get(k).floatData()).isEqualTo(v.floatData());
        });
    }

    @Test
    void tensorsAreThePyTorchStateDict() {
        SavedModel saved = sample(DType.FLOAT64, Scaling.none());
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, saved);
        SafeTensorsFile f = SafeTensorsFile.read(file);
        assertThat(f.tensors().keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias");
        assertThat(f.tensors().get("0.weight").shape()).containsExactly(5, 4);
        assertThat(f.tensors().get("3.weight").shape()).containsExactly(3, 5);
        assertThat(f.tensors().get("6.bias").shape()).containsExactly(2);
        assertThat(f.metadata()).containsEntry("format", "backprop4j-model").containsEntry("hidden", "[5,3]")
                .containsEntry("inputs", "4").containsEntry("outputs", "2").containsEntry("activation", "tanh")
                .containsEntry("dropout", "0.25").containsEntry("scaler", "none")
                .containsEntry("class_names", "[\"cat\",\"dög \\\"q\\\"\"]");
        assertThat(ModelFile.load(file).model().stateDict().get("0.weight").dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void shapesThatDoNotFitTheSpecAreNamedWithBothShapes() {
        SavedModel saved = sample(DType.FLOAT32, Scaling.none());
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, saved);
        SafeTensorsFile f = SafeTensorsFile.read(file);
        Map<String, String> meta = new java.util.LinkedHashMap<>(f.metadata());
        meta.put("hidden", "[6,3]");
        new SafeTensorsFile(f.tensors(), meta).write(file);
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("\"0.weight\" has shape [5, 4]")
                .hasMessageContaining("needs [6, 4]").hasMessageNotContaining("\n");
    }

    /** The sample model saved and read back as a plain safetensors file, to be tampered with. */
    private SafeTensorsFile savedSample() {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, sample(DType.FLOAT32, Scaling.none()));
        return SafeTensorsFile.read(file);
    }

    @Test
    void metadataClaimingMoreParametersThanTheTensorsHoldIsRefusedBeforeBuilding() {
        SafeTensorsFile f = savedSample();
        Map<String, String> meta = new java.util.LinkedHashMap<>(f.metadata());
        meta.put(ModelSpec.HIDDEN, "[400000000]");
        Path liar = dir.resolve("liar.safetensors");
        new SafeTensorsFile(f.tensors(), meta).write(liar);
        long values = f.tensors().values().stream().mapToLong(NDArray::size).sum();
        ModelSpec claimed = ModelSpec.fromMetadata(meta, liar);
        assertThatThrownBy(() -> ModelFile.load(liar)).isInstanceOf(SafeTensorsException.class)
                .hasMessage(liar + ": the architecture " + claimed + " has " + claimed.parameterCount()
                        + " parameters but the file's tensors hold only " + values + " values");
    }

    @Test
    void manyUnexpectedTensorsAreCountedNotListed() {
        SafeTensorsFile f = savedSample();
        Map<String, NDArray> tensors = new java.util.LinkedHashMap<>(f.tensors());
        for (int i = 0; i < 1000; i++) {
            tensors.put("extra." + i, NDArray.wrap(new float[]{i}, 1));
        }
        Path crowded = dir.resolve("crowded.safetensors");
        new SafeTensorsFile(tensors, f.metadata()).write(crowded);
        assertThatThrownBy(() -> ModelFile.load(crowded)).hasMessageContaining("unexpected tensor \"extra.4\"")
                .hasMessageNotContaining("\"extra.5\"").hasMessageEndingWith("; and 995 more");
    }
}
