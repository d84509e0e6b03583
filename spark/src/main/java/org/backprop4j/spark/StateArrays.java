package org.backprop4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * A serialisable copy of named arrays (a model's or an optimiser's state dict), float32 values kept
 * as {@code float[]} so that broadcasting float32 parameters costs 4 bytes per value.
 */
final class StateArrays implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> names = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private StateArrays() {
    }

    /** A copy of {@code state}. */
    static StateArrays of(Map<String, NDArray> state) {
        StateArrays s = new StateArrays();
        state.forEach((k, a) -> {
            s.names.add(k);
            s.shapes.add(a.shape());
            s.values.add(a.dtype() == DType.FLOAT32 ? a.toFloatArray() : a.toDoubleArray());
        });
        return s;
    }

    /** The arrays by name, in the original order (fresh arrays, safe to hand to {@code loadStateDict}). */
    Map<String, NDArray> toMap() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object v = values.get(i);
            out.put(names.get(i), v instanceof float[] f ? NDArray.wrap(f.clone(), shapes.get(i))
                    : NDArray.wrap(((double[]) v).clone(), shapes.get(i)));
        }
        return out;
    }

    /** The number of values held. */
    long valueCount() {
        long n = 0;
        for (Object v : values) {
            n += v instanceof float[] f ? f.length : ((double[]) v).length;
        }
        return n;
    }
}
