package org.backprop4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.internal.Json;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;

/**
 * Reads a safetensors file: validates the whole header against the specification and the real file
 * length first, and only then allocates and reads the tensors.
 */
final class SafeTensorsReader {
    private static final int CHUNK = 1 << 16;
    private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

    /** One tensor's header entry, validated. */
    private record Entry(String name, DType dtype, int[] shape, int count, long begin, long end) {
    }

    private final Path file;

    private SafeTensorsReader(Path file) {
        this.file = file;
    }

    static SafeTensorsFile read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new SafeTensorsReader(file).read(ch);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private SafeTensorsException fail(String problem) {
        return new SafeTensorsException(file, problem);
    }

    private SafeTensorsFile read(FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw fail("not a safetensors file: it has " + fileSize + " bytes, fewer than the 8-byte header size"
                    + " (empty or truncated)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (Long.compareUnsigned(n, SafeTensorsFile.MAX_HEADER_SIZE) > 0) {
            throw fail("header size " + Long.toUnsignedString(n) + " (bytes 0-7) exceeds the limit of "
                    + SafeTensorsFile.MAX_HEADER_SIZE + " bytes; not a safetensors file or corrupt");
        }
        if (8 + n > fileSize) {
            throw fail("header size " + n + " (bytes 0-7) runs past the end of the file, which has " + fileSize
                    + " bytes (truncated or corrupt)");
        }
        if (n < 2) {
            throw fail("header size " + n + " is too small for a JSON object");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        readFully(ch, headerBuf, 8);
        byte[] header = headerBuf.array();
        if (header[0] != '{') {
            throw fail("the header (byte 8) must start with '{' but starts with "
                    + String.format("byte 0x%02X", header[0] & 0xFF) + "; not a safetensors file");
        }
        Object json;
        try {
            json = Json.parse(header, 0, header.length);
        } catch (Json.SyntaxError e) {
            throw fail("malformed header JSON at byte " + (8 + e.offset) + ": " + e.reason);
        }
        if (!(json instanceof Map)) {
            throw fail("the header is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) json;
        long bufferSize = fileSize - 8 - n;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals(SafeTensorsFile.METADATA_KEY)) {
                metadata = metadata(e.getValue());
            } else {
                entries.add(entry(e.getKey(), e.getValue(), bufferSize));
            }
        }
        checkLayout(entries, bufferSize);
        // everything is valid: allocate and read
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        long base = 8 + n;
        for (Entry en : entries) {
            tensors.put(en.name, data(ch, en, base));
        }
        return new SafeTensorsFile(tensors, metadata);
    }

    private Map<String, String> metadata(Object value) {
        if (!(value instanceof Map)) {
            throw fail(SafeTensorsFile.METADATA_KEY + " must be a JSON object of strings, got " + kind(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw fail(SafeTensorsFile.METADATA_KEY + " entry " + Json.quote((String) e.getKey())
                        + " must be a string, got " + kind(e.getValue()));
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private Entry entry(String name, Object value, long bufferSize) {
        String t = "tensor " + Json.quote(name);
        if (!(value instanceof Map)) {
            throw fail(t + ": expected an object with dtype, shape and data_offsets, got " + kind(value));
        }
        Map<?, ?> info = (Map<?, ?>) value;
        for (Object k : info.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw fail(t + ": unexpected key " + Json.quote((String) k) + " (expected dtype, shape and data_offsets)");
            }
        }
        Object dt = info.get("dtype");
        if (!(dt instanceof String)) {
            throw fail(t + ": dtype must be a string, got " + kind(dt));
        }
        String dtName = (String) dt;
        DType dtype = SafeDType.of(dtName);
        if (dtype == null) {
            throw fail(t + (SafeDType.KNOWN.contains(dtName)
                    ? " has dtype " + dtName + ", which backprop4j does not read (only F32 and F64)"
                    : " has unknown dtype " + Json.quote(dtName)));
        }
        List<BigInteger> dims = integers(info.get("shape"), t + ": shape");
        int[] shape = new int[dims.size()];
        BigInteger count = BigInteger.ONE;
        for (int i = 0; i < shape.length; i++) {
            BigInteger d = dims.get(i);
            if (d.signum() < 0) {
                throw fail(t + ": shape " + dims + " has a negative dimension");
            }
            if (d.compareTo(MAX_INT) > 0) {
                throw fail(t + ": shape " + dims + " has a dimension larger than " + Integer.MAX_VALUE);
            }
            shape[i] = d.intValue();
            count = count.multiply(d);
        }
        List<BigInteger> offs = integers(info.get("data_offsets"), t + ": data_offsets");
        if (offs.size() != 2) {
            throw fail(t + ": data_offsets must be [begin, end], got " + offs);
        }
        BigInteger begin = offs.get(0);
        BigInteger end = offs.get(1);
        if (begin.signum() < 0 || end.compareTo(begin) < 0) {
            throw fail(t + ": data_offsets " + offs + " must satisfy 0 <= begin <= end");
        }
        if (end.compareTo(BigInteger.valueOf(bufferSize)) > 0) {
            throw fail(t + ": data_offsets " + offs + " run past the end of the data buffer, which has " + bufferSize
                    + " bytes (truncated file or corrupt header)");
        }
        BigInteger bytes = count.multiply(BigInteger.valueOf(SafeDType.size(dtype)));
        if (!bytes.equals(end.subtract(begin))) {
            throw fail(t + ": shape " + dims + " of " + dtName + " needs " + bytes + " bytes but data_offsets " + offs
                    + " span " + end.subtract(begin));
        }
        if (count.compareTo(MAX_INT.subtract(BigInteger.valueOf(8))) > 0) {
            throw fail(t + ": " + count + " elements are too many for one Java array");
        }
        return new Entry(name, dtype, shape, count.intValue(), begin.longValue(), end.longValue());
    }

    private List<BigInteger> integers(Object value, String what) {
        if (!(value instanceof List)) {
            throw fail(what + " must be an array of integers, got " + kind(value));
        }
        List<BigInteger> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof Json.Num) || !((Json.Num) o).isInteger()) {
                throw fail(what + " must be an array of integers, found " + kind(o));
            }
            out.add(((Json.Num) o).bigInteger());
        }
        return out;
    }

    /** Tensors must tile the buffer exactly: sorted by offset, each starts where the previous ended, the last ends at the end. */
    private void checkLayout(List<Entry> entries, long bufferSize) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < at) {
                throw fail("tensors " + Json.quote(previous.name) + " " + range(previous) + " and " + Json.quote(e.name) + " "
                        + range(e) + " overlap");
            }
            if (e.begin > at) {
                throw fail("bytes [" + at + ", " + e.begin + ") of the data buffer belong to no tensor (a gap before "
                        + Json.quote(e.name) + ")");
            }
            at = e.end;
            previous = e;
        }
        if (at != bufferSize) {
            throw fail("the tensors cover " + at + " bytes but the data buffer has " + bufferSize
                    + " (trailing bytes after the last tensor)");
        }
    }

    private static String range(Entry e) {
        return "[" + e.begin + ", " + e.end + ")";
    }

    private NDArray data(FileChannel ch, Entry e, long base) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, e.end - e.begin)))
                .order(ByteOrder.LITTLE_ENDIAN);
        long pos = base + e.begin;
        if (e.dtype == DType.FLOAT32) {
            float[] f = new float[e.count];
            int per = buf.capacity() / Float.BYTES;
            for (int i = 0; i < f.length; i += per) {
                int k = Math.min(per, f.length - i);
                buf.clear().limit(k * Float.BYTES);
                readFully(ch, buf, pos);
                buf.flip();
                buf.asFloatBuffer().get(f, i, k);
                pos += (long) k * Float.BYTES;
            }
            return NDArray.wrap(f, e.shape);
        }
        double[] d = new double[e.count];
        int per = buf.capacity() / Double.BYTES;
        for (int i = 0; i < d.length; i += per) {
            int k = Math.min(per, d.length - i);
            buf.clear().limit(k * Double.BYTES);
            readFully(ch, buf, pos);
            buf.flip();
            buf.asDoubleBuffer().get(d, i, k);
            pos += (long) k * Double.BYTES;
        }
        return NDArray.wrap(d, e.shape);
    }

    private void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw new EOFException(file + ": file ended at byte " + p + " while reading (was it truncated meanwhile?)");
            }
            p += r;
        }
    }

    private static String kind(Object o) {
        if (o == null) {
            return "null";
        } else if (o instanceof Map) {
            return "an object";
        } else if (o instanceof List) {
            return "an array";
        } else if (o instanceof String) {
            return "the string " + Json.quote((String) o);
        } else if (o instanceof Json.Num) {
            return "the number " + ((Json.Num) o).text();
        } else {
            return String.valueOf(o);
        }
    }
}
