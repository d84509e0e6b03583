package org.backprop4j.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * The arrays PyTorch computed for the conv, pooling and batch-norm tests, read from
 * {@code torch_reference.txt} (made by {@code core/src/test/python/conv_reference.py}).
 */
public final class TorchReference {
    private static final Map<String, Tensor> ARRAYS = load();

    private TorchReference() {
    }

    private static Map<String, Tensor> load() {
        Map<String, Tensor> out = new HashMap<>();
        try (InputStream in = TorchReference.class.getResourceAsStream("torch_reference.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                int[] shape = f[1].isEmpty() ? new int[0] : Arrays.stream(f[1].split(",")).mapToInt(Integer::parseInt).toArray();
                double[] v = Arrays.stream(f[2].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                out.put(f[0], Tensor.wrap(NDArray.wrap(v, shape)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A fresh float64 leaf holding the named array. */
    public static Tensor get(String name) {
        Tensor t = ARRAYS.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no array " + name + " in torch_reference.txt");
        }
        return Tensor.wrap(NDArray.wrap(t.toDoubleArray(), t.shape()));
    }
}
