package org.backprop4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks written files against the safetensors specification with an independent minimal parser
 * (not the production {@code Json} class): 8-byte little-endian header size, JSON header padded with
 * spaces to 8-byte alignment, F32/F64 entries with shapes and contiguous offsets covering the buffer,
 * little-endian row-major data.
 */
class SafeTensorsSpecTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileFollowsTheSpecification() throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", NDArray.wrap(new float[]{1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("0.bias", NDArray.wrap(new float[]{-1, 0.5f}, 2));
        tensors.put("x", NDArray.wrap(new double[]{Math.E}, 1, 1));
        tensors.put("odd", NDArray.wrap(new float[]{7, 8, 9}, 3));
        tensors.put("s", NDArray.full(DType.FLOAT64, 3));
        Path file = dir.resolve("spec.safetensors");
        new SafeTensorsFile(tensors, Map.of("format", "pt")).write(file);

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = bb.getLong(0);
        assertThat(n % 8).as("header padded so the buffer starts 8-aligned").isZero();
        assertThat(8 + n).isLessThanOrEqualTo(bytes.length);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = header.stripTrailing();
        assertThat(header.substring(json.length())).matches(" *");
        assertThat(json).startsWith("{").endsWith("}");

        Map<String, Object> top = new MiniJson(json).object();
        assertThat(top.keySet()).containsExactly("__metadata__", "0.weight", "0.bias", "x", "odd", "s");
        assertThat(top.get("__metadata__")).isEqualTo(Map.of("format", "pt"));
        long buffer = bytes.length - 8 - n;
        long expectedBegin = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) top.get(e.getKey());
            assertThat(info.keySet()).containsExactlyInAnyOrder("dtype", "shape", "data_offsets");
            NDArray a = e.getValue();
            String dtype = a.dtype() == DType.FLOAT32 ? "F32" : "F64";
            int width = a.dtype() == DType.FLOAT32 ? 4 : 8;
            assertThat(info.get("dtype")).isEqualTo(dtype);
            List<Long> shape = new ArrayList<>();
            for (int d : a.shape()) {
                shape.add((long) d);
            }
            assertThat(info.get("shape")).isEqualTo(shape);
            assertThat(info.get("data_offsets")).isEqualTo(List.of(expectedBegin, expectedBegin + (long) a.size() * width));
            int base = (int) (8 + n + expectedBegin);
            for (int i = 0; i < a.size(); i++) {
                double v = width == 4 ? bb.getFloat(base + 4 * i) : bb.getDouble(base + 8 * i);
                assertThat(v).isEqualTo(a.get(i));
            }
            expectedBegin += (long) a.size() * width;
        }
        assertThat(expectedBegin).as("tensors cover the buffer exactly").isEqualTo(buffer);
    }

    @Test
    void headerIsPaddedForEveryLength() {
        Rng rng = new Rng(3);
        for (int k = 0; k < 40; k++) {
            String name = "t".repeat(1 + rng.nextInt(30));
            byte[] h = SafeTensorsWriter.header(new SafeTensorsFile(Map.of(name, NDArray.wrap(new float[]{1}, 1))));
            assertThat(h.length % 8).isZero();
            String s = new String(h, StandardCharsets.UTF_8);
            assertThat(s.stripTrailing()).endsWith("}");
        }
    }

    /** A deliberately separate, minimal JSON parser: objects, arrays, strings (simple escapes), integers. */
    private static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                i++;
                return m;
            }
            do {
                String k = string();
                expect(':');
                m.put(k, value());
            } while (comma());
            expect('}');
            return m;
        }

        private Object value() {
            char c = peek();
            if (c == '{') {
                return object();
            } else if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                if (peek() == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                } while (comma());
                expect(']');
                return l;
            } else if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
                i++;
            }
            return Long.parseLong(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    sb.append(s.charAt(i++));
                } else {
                    sb.append(c);
                }
            }
            i++;
            return sb.toString();
        }

        private boolean comma() {
            if (peek() == ',') {
                i++;
                return true;
            }
            return false;
        }

        private char peek() {
            while (s.charAt(i) == ' ') {
                i++;
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            assertThat(peek()).isEqualTo(c);
            i++;
        }
    }
}
