package org.backprop4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/** Writes a {@link SafeTensorsFile}: header with offsets in map order, padded to 8 bytes, then the little-endian data. */
final class SafeTensorsWriter {
    private static final int CHUNK = 1 << 16;

    private SafeTensorsWriter() {
    }

    static void write(Path file, SafeTensorsFile content) {
        byte[] header = header(content);
        AtomicFiles.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (NDArray a : content.tensors().values()) {
                data(out, a);
            }
        });
    }

    /** The UTF-8 header, padded with spaces to a multiple of 8 bytes so that the buffer (at 8 + N) is 8-aligned. */
    static byte[] header(SafeTensorsFile content) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        if (!content.metadata().isEmpty()) {
            sb.append(Json.quote(SafeTensorsFile.METADATA_KEY)).append(':').append(Json.stringObject(content.metadata()));
            first = false;
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : content.tensors().entrySet()) {
            NDArray a = e.getValue();
            long bytes = (long) a.size() * SafeDType.size(a.dtype());
            sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(":{\"dtype\":\"")
                    .append(SafeDType.name(a.dtype())).append("\",\"shape\":")
                    .append(Arrays.toString(a.shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
            first = false;
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        if (padded > SafeTensorsFile.MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("the safetensors header would have " + padded + " bytes, more than the limit of "
                    + SafeTensorsFile.MAX_HEADER_SIZE + " (too many tensors or too much metadata)");
        }
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void data(OutputStream out, NDArray a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        if (a.dtype() == DType.FLOAT32) {
            float[] f = a.floatData();
            int per = CHUNK / Float.BYTES;
            for (int i = 0; i < f.length; i += per) {
                int n = Math.min(per, f.length - i);
                buf.clear();
                buf.asFloatBuffer().put(f, i, n);
                out.write(buf.array(), 0, n * Float.BYTES);
            }
        } else {
            double[] d = a.doubleData();
            int per = CHUNK / Double.BYTES;
            for (int i = 0; i < d.length; i += per) {
                int n = Math.min(per, d.length - i);
                buf.clear();
                buf.asDoubleBuffer().put(d, i, n);
                out.write(buf.array(), 0, n * Double.BYTES);
            }
        }
    }
}
