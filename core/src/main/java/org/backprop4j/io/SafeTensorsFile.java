package org.backprop4j.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.ndarray.NDArray;

/**
 * The content of a safetensors file, the open tensor format of Hugging Face that PyTorch reads with
 * {@code safetensors.torch.load_file}: named tensors and optional string metadata. See the format
 * specification at <a href="https://github.com/huggingface/safetensors#format">github.com/huggingface/safetensors</a>:
 *
 * <ul>
 *   <li>8 bytes: N, the header size, an unsigned little-endian 64-bit integer (at most 100,000,000,
 *       the reference implementation's limit);</li>
 *   <li>N bytes: a UTF-8 JSON object mapping each tensor name to
 *       {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}}, with the optional key
 *       {@code "__metadata__"} mapping to an object of string values; it may end with spaces so that
 *       the byte buffer starts 8-byte aligned (this writer pads so);</li>
 *   <li>the byte buffer: each tensor's elements, row-major and little-endian, at its offsets
 *       (relative to the start of the buffer); the tensors are contiguous, do not overlap and cover
 *       the buffer exactly.</li>
 * </ul>
 *
 * <p>This class reads and writes F32 (float32) and F64 (float64) tensors. Tensors keep their order
 * (the header's order when read, the map's order when written); arrays are held, not copied.
 *
 * @param tensors the tensors by name, in order (an unmodifiable copy of the map; the arrays are shared)
 * @param metadata the {@code __metadata__} strings, in order (an unmodifiable copy; empty for none)
 */
public record SafeTensorsFile(Map<String, NDArray> tensors, Map<String, String> metadata) {

    /** The key of the metadata object in the header, which no tensor may have as its name. */
    public static final String METADATA_KEY = "__metadata__";

    /** The largest header size accepted, in bytes: that of the reference implementation. */
    public static final long MAX_HEADER_SIZE = 100_000_000L;

    /** Checks the names and copies both maps (keeping their order); null metadata means none. */
    public SafeTensorsFile {
        Objects.requireNonNull(tensors, "tensors");
        Map<String, NDArray> t = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            Objects.requireNonNull(k, "tensor name");
            Objects.requireNonNull(v, () -> "tensor " + k);
            if (k.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            t.put(k, v);
        });
        Map<String, String> m = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                Objects.requireNonNull(k, "metadata key");
                m.put(k, Objects.requireNonNull(v, () -> "metadata value of " + k));
            });
        }
        tensors = Collections.unmodifiableMap(t);
        metadata = Collections.unmodifiableMap(m);
    }

    /** Tensors without metadata. */
    public SafeTensorsFile(Map<String, NDArray> tensors) {
        this(tensors, Map.of());
    }

    /**
     * Reads and validates a safetensors file. The header is checked completely (JSON syntax, dtypes,
     * shapes, offsets within the file, no overlap, full coverage of the buffer) before any tensor is
     * allocated. Throws a {@link SafeTensorsException} (an {@link IllegalArgumentException}) whose
     * one-line message names the file and the problem, or an {@link java.io.UncheckedIOException}
     * when the file cannot be read.
     */
    public static SafeTensorsFile read(Path file) {
        return SafeTensorsReader.read(file);
    }

    /**
     * Writes this content as a safetensors file, atomically (see {@link AtomicFiles}): the tensors in
     * this map's order, the header padded with spaces so that the buffer starts 8-byte aligned.
     */
    public void write(Path file) {
        SafeTensorsWriter.write(file, this);
    }
}
