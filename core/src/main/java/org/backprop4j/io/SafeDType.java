package org.backprop4j.io;

import java.util.Set;
import org.backprop4j.ndarray.DType;

/** The safetensors dtype names this package reads and writes, and the others it recognises to reject clearly. */
final class SafeDType {
    /** Every dtype name of the safetensors specification. */
    static final Set<String> KNOWN = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3",
            "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "C64");

    private SafeDType() {
    }

    /** The safetensors name of a dtype. */
    static String name(DType d) {
        return d == DType.FLOAT32 ? "F32" : "F64";
    }

    /** The dtype of a safetensors name, or null when it is not F32 or F64. */
    static DType of(String name) {
        switch (name) {
            case "F32":
                return DType.FLOAT32;
            case "F64":
                return DType.FLOAT64;
            default:
                return null;
        }
    }

    /** Bytes per element. */
    static int size(DType d) {
        return d == DType.FLOAT32 ? Float.BYTES : Double.BYTES;
    }
}
