package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsFileTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripF32KeepsOrderShapesAndRawBits() {
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.intBitsToFloat(0x7fc01234),
            Float.NEGATIVE_INFINITY, 1.1f};
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("z.last.first", NDArray.wrap(special, 2, 4));
        t.put("a", NDArray.wrap(new float[]{3.5f}));
        t.put("empty", NDArray.wrap(new float[0], 0, 3));
        t.put("big", NDArray.wrap(ramp(40_000), 200, 200));
        Path file = dir.resolve("f32.safetensors");
        new SafeTensorsFile(t, Map.of("k", "v")).write(file);
        SafeTensorsFile back = SafeTensorsFile.read(file);
        assertThat(back.tensors().keySet()).containsExactly("z.last.first", "a", "empty", "big");
        assertThat(back.metadata()).containsExactly(Map.entry("k", "v"));
        t.forEach((k, v) -> {
            NDArray r = back.tensors().get(k);
            assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(r.shape()).isEqualTo(v.shape());
            for (int i = 0; i < v.size(); i++) {
                assertThat(Float.floatToRawIntBits(r.floatData()[i])).isEqualTo(Float.floatToRawIntBits(v.floatData()[i]));
            }
        });
    }

    @Test
    void roundTripF64AndScalarsAndMixedDtypes() {
        double[] special = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Math.PI};
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("d", NDArray.wrap(special, 3, 1, 2));
        t.put("scalar", NDArray.full(DType.FLOAT64, 42));
        t.put("f", NDArray.wrap(new float[]{1, 2, 3}, 3));
        Path file = dir.resolve("f64.safetensors");
        new SafeTensorsFile(t).write(file);
        SafeTensorsFile back = SafeTensorsFile.read(file);
        assertThat(back.metadata()).isEmpty();
        assertThat(back.tensors().get("d").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(back.tensors().get("d").shape()).containsExactly(3, 1, 2);
        for (int i = 0; i < special.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.tensors().get("d").doubleData()[i]))
                    .isEqualTo(Double.doubleToRawLongBits(special[i]));
        }
        assertThat(back.tensors().get("scalar").shape()).isEmpty();
        assertThat(back.tensors().get("scalar").get(0)).isEqualTo(42.0);
        assertThat(back.tensors().get("f").floatData()).containsExactly(1, 2, 3);
    }

    @Test
    void noTensorsAndUnicodeNamesAndMetadata() {
        Path file = dir.resolve("empty.safetensors");
        new SafeTensorsFile(Map.of(), Map.of()).write(file);
        assertThat(SafeTensorsFile.read(file).tensors()).isEmpty();

        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("wé🙂\"\\\n\u0001", NDArray.wrap(new float[]{1}, 1));
        Map<String, String> meta = Map.of("clé", "välue 🙂 \t\u0000 \\u0041 \"");
        new SafeTensorsFile(t, meta).write(file);
        SafeTensorsFile back = SafeTensorsFile.read(file);
        assertThat(back.tensors()).containsOnlyKeys("wé🙂\"\\\n\u0001");
        assertThat(back.metadata()).isEqualTo(meta);
    }

    @Test
    void readsEscapesAndPaddingOfOtherWriters() throws IOException {
        // \\u escapes (including a surrogate pair), whitespace between tokens and trailing spaces
        String header = "{ \"__metadata__\" : {\"\\u0066ormat\":\"pt\"},\n \"w\\ud83d\\ude42\":{\"shape\":[1],"
                + "\"data_offsets\":[0,4],\"dtype\":\"F32\"}}      ";
        Path file = craft(header, le(2.5f));
        SafeTensorsFile f = SafeTensorsFile.read(file);
        assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(f.tensors().get("w🙂").floatData()).containsExactly(2.5f);
    }

    @Test
    void writerRejectsTheMetadataKeyAsATensorName() {
        assertThatThrownBy(() -> new SafeTensorsFile(Map.of("__metadata__", NDArray.wrap(new float[]{1}, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
    }

    // ---------------------------------------------------------------- corrupt files

    @Test
    void truncatedFile() throws IOException {
        Path good = dir.resolve("good.safetensors");
        new SafeTensorsFile(Map.of("w", NDArray.wrap(new float[]{1, 2, 3, 4}, 2, 2))).write(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        expectError(cut, "run past the end of the data buffer");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 5));
        expectError(cut, "fewer than the 8-byte header size");
        Files.write(cut, new byte[0]);
        expectError(cut, "0 bytes");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = raw(1000, "{}".getBytes(StandardCharsets.US_ASCII));
        expectError(file, "header size 1000 (bytes 0-7) runs past the end of the file, which has 10 bytes");
    }

    @Test
    void headerLengthTwoToThe63() throws IOException {
        Path file = raw(Long.MIN_VALUE, new byte[100]);
        expectError(file, "header size 9223372036854775808 (bytes 0-7) exceeds the limit of 100000000 bytes");
        Path max = raw(-1L, new byte[10]);
        expectError(max, "header size 18446744073709551615");
        Path limit = raw(100_000_001L, new byte[10]);
        expectError(limit, "exceeds the limit");
    }

    @Test
    void shapeThatLiesAboutTheByteCount() throws IOException {
        Path file = craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", new byte[16]);
        expectError(file, "tensor \"w\": shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 16] span 16");
    }

    @Test
    void overlappingOffsets() throws IOException {
        Path file = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", new byte[24]);
        expectError(file, "tensors \"a\" [0, 16) and \"b\" [8, 24) overlap");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        Path gap = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
        expectError(gap, "bytes [0, 4) of the data buffer belong to no tensor");
        Path trailing = craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[8]);
        expectError(trailing, "the tensors cover 4 bytes but the data buffer has 8");
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        Path unknown = craft("{\"w\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        expectError(unknown, "tensor \"w\" has unknown dtype \"F33\"");
        Path bf16 = craft("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
        expectError(bf16, "tensor \"w\" has dtype BF16, which backprop4j does not read (only F32 and F64)");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        expectError(craft("[1,2]", new byte[0]), "must start with '{'");
        expectError(craft("{\"w\":[1]}", new byte[0]), "tensor \"w\": expected an object");
        expectError(craft("{\"__metadata__\":{\"a\":1}}", new byte[0]), "__metadata__ entry \"a\" must be a string");
        expectError(craft("{\"__metadata__\":[]}", new byte[0]), "__metadata__ must be a JSON object");
    }

    @Test
    void malformedJsonNamesTheByteOffset() throws IOException {
        // byte 8 is '{'; the bad token 'x' is at header index 6, file offset 14
        expectError(craft("{\"a\": x}", new byte[0]), "malformed header JSON at byte 14: unexpected character 'x'");
        expectError(craft("{\"a\":{}} z", new byte[0]), "after the JSON value");
        expectError(craft("{\"a\":\"\\q\"}", new byte[0]), "invalid escape '\\q'");
        expectError(craft("{\"a\":\"\\ud800\"}", new byte[0]), "lone high surrogate");
        expectError(craft("{\"a\":1,\"a\":2}", new byte[0]), "duplicate key \"a\"");
        expectError(craft("{\"a\":01}", new byte[0]), "malformed header JSON");
        expectError(craft("{\"a\":\"x", new byte[0]), "unterminated string");
        expectError(craft("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}", new byte[0]), "nested deeper");
        byte[] badUtf8 = {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'};
        expectError(rawHeader(badUtf8), "invalid UTF-8");
    }

    @Test
    void badShapesAndOffsets() throws IOException {
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", new byte[0]),
                "negative dimension");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,0]}}", new byte[0]),
                "shape must be an array of integers, found the number 1.5");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", new byte[4]),
                "0 <= begin <= end");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]),
                "data_offsets must be [begin, end]");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "must be an array of integers, got null");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", new byte[4]),
                "unexpected key \"x\"");
        expectError(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999999]}}",
                new byte[4]), "run past the end");
        expectError(craft("{\"w\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", new byte[8]),
                "needs 34359738368 bytes");
    }

    @Test
    void aSmallFileClaimingAHugeTensorIsRejectedBeforeAllocating() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000000],\"data_offsets\":[0,4000000000]}}";
        Path file = craft(header, new byte[100 - 8 - header.length() - 4]);
        assertThat(Files.size(file)).isLessThanOrEqualTo(100);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> SafeTensorsFile.read(file)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("run past the end of the data buffer");
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while rejecting the file").isLessThan(10_000_000L);
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> SafeTensorsFile.read(dir.resolve("nope.safetensors")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("nope.safetensors");
    }

    // ---------------------------------------------------------------- helpers

    private static void expectError(Path file, String problem) {
        assertThatThrownBy(() -> SafeTensorsFile.read(file)).isInstanceOf(SafeTensorsException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(problem).hasMessageNotContaining("\n");
    }

    private static float[] ramp(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i * 0.5f - 7;
        }
        return f;
    }

    private static byte[] le(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private int count;

    /** A file with this header (its real length) and data buffer. */
    private Path craft(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] rest = new byte[h.length + data.length];
        System.arraycopy(h, 0, rest, 0, h.length);
        System.arraycopy(data, 0, rest, h.length, data.length);
        return raw(h.length, rest);
    }

    private Path rawHeader(byte[] header) throws IOException {
        return raw(header.length, header);
    }

    /** A file of the 8-byte length {@code n} followed by {@code rest}. */
    private Path raw(long n, byte[] rest) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(rest);
        Path file = dir.resolve("crafted" + (count++) + ".safetensors");
        Files.write(file, b.array());
        return file;
    }
}
