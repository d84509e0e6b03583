package org.backprop4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.NDArray;

/**
 * Structured mutation of a valid model file: its metadata keys are removed, added or given hostile
 * values (extreme integers, huge or negative hidden sizes, wrong JSON types, long arrays), and its
 * tensors are dropped, added, reshaped or changed in dtype. The result is a well-formed safetensors
 * file whose content lies, which byte-level fuzzing rarely reaches.
 */
final class MetadataMutator {
    /** The decisions a mutation takes; backed by Jazzer's data provider or by a seeded generator. */
    interface Choices {
        /** An int in [min, max]. */
        int choose(int min, int max);

        /** Arbitrary text of at most {@code maxLength} characters. */
        String text(int maxLength);
    }

    /** The valid model the mutations start from: the model file of the safetensors seed corpus. */
    static final SafeTensorsFile VALID = loadSeed();

    private static final List<String> KEYS = List.of(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, ModelSpec.INPUTS,
            ModelSpec.HIDDEN, ModelSpec.OUTPUTS, ModelSpec.ACTIVATION, ModelSpec.DROPOUT, ModelFile.CLASS_NAMES,
            ModelFile.SCALER, "scaler.mean", "scaler.std", "scaler.min", "scaler.max");
    private static final List<String> VALUES = List.of("0", "-1", "1", "3", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "1e309", "NaN", "0.5", "1.0", "[]", "[0]", "[400000000]", "[50000000]", "[-5]",
            "[1,2,3]", "[2147483647,2147483647]", "[1.5]", "[\"a\",\"b\"]", "[\"a\",\"a\"]", "{}", "[", "\"relu\"", "relu",
            "gelu", "nosuch", "", "standardize", "minmax", "none", "backprop4j-model", "backprop4j-checkpoint",
            "[" + "1,".repeat(5000) + "1]", "[" + "\"x\",".repeat(5000) + "\"x\"]");

    private MetadataMutator() {
    }

    /** Writes a mutation of {@link #VALID} chosen by {@code c} to {@code file}. */
    static void writeMutant(Choices c, Path file) {
        Map<String, String> meta = new LinkedHashMap<>(VALID.metadata());
        Map<String, NDArray> tensors = new LinkedHashMap<>(VALID.tensors());
        int edits = c.choose(1, 6);
        for (int i = 0; i < edits; i++) {
            switch (c.choose(0, 7)) {
                case 0 -> meta.remove(pick(c, KEYS));
                case 1 -> meta.put(pick(c, KEYS), pick(c, VALUES));
                case 2 -> meta.put(pick(c, KEYS), c.text(40));
                case 3 -> meta.put(pick(c, KEYS), Long.toString((long) c.choose(Integer.MIN_VALUE, Integer.MAX_VALUE) * c.choose(-3, 3)));
                case 4 -> tensors.remove(pick(c, new ArrayList<>(tensors.keySet().isEmpty() ? List.of("") : tensors.keySet())));
                case 5 -> tensors.put(c.choose(0, 1) == 0 ? "extra." + c.choose(0, 9) : pick(c, new ArrayList<>(
                        VALID.tensors().keySet())), NDArray.zeros(c.choose(0, 1) == 0 ? org.backprop4j.ndarray.DType.FLOAT32
                        : org.backprop4j.ndarray.DType.FLOAT64, c.choose(0, 5), c.choose(1, 5)));
                case 6 -> {
                    for (int k = c.choose(0, 300); k > 0; k--) {
                        tensors.put("extra." + k, NDArray.wrap(new float[]{k}, 1));
                    }
                }
                default -> meta.put(c.text(12), c.text(40));
            }
        }
        new SafeTensorsFile(tensors, meta).write(file);
    }

    private static String pick(Choices c, List<String> from) {
        return from.get(c.choose(0, from.size() - 1));
    }

    private static SafeTensorsFile loadSeed() {
        try (InputStream in = MetadataMutator.class.getResourceAsStream("SafeTensorsFuzzTestInputs/read/model")) {
            Path tmp = Files.createTempFile("backprop4j-seed", ".safetensors");
            try {
                Files.write(tmp, in.readAllBytes());
                return SafeTensorsFile.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
