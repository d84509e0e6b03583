package org.backprop4j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON (RFC 8259) reader and writer of the project: safetensors headers, checkpoint metadata,
 * explain reports and the CLI's metrics files all use it. Strict and small: objects become {@link LinkedHashMap}s in file order (duplicate keys are
 * rejected), arrays {@link List}s, strings {@link String}s, numbers {@link Num}s holding their exact
 * text, {@code true}/{@code false} {@link Boolean}s and {@code null} null. It reads UTF-8 bytes, so
 * every error carries the byte offset where it was found.
 */
public final class Json {
    private static final int MAX_DEPTH = 64;

    /** A JSON number, kept as its literal text so integers of any size stay exact. */
    public record Num(String text) {
        /** True for an integer literal (no fraction, no exponent). */
        public boolean isInteger() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }

        /** The value as a big integer; only for {@link #isInteger()} numbers. */
        public BigInteger bigInteger() {
            return new BigInteger(text);
        }

        /** The value as the nearest double. */
        public double doubleValue() {
            return Double.parseDouble(text);
        }
    }

    /** Malformed JSON: {@code offset} is the byte offset (from the start of the parsed bytes) of the problem. */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Byte offset of the problem from the start of the parsed bytes. */
        public final long offset;
        /** What is wrong, without the offset. */
        public final String reason;

        SyntaxError(long offset, String reason) {
            super(reason + " at byte " + offset, null, false, false);
            this.offset = offset;
            this.reason = reason;
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;

    private Json(byte[] bytes, int from, int to) {
        this.b = bytes;
        this.pos = from;
        this.end = to;
    }

    /** Parses one JSON value filling {@code bytes[from, to)}, allowing only whitespace around it. */
    public static Object parse(byte[] bytes, int from, int to) {
        Json p = new Json(bytes, from, to);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.pos != p.end) {
            throw p.error("unexpected " + p.describe() + " after the JSON value");
        }
        return v;
    }

    /** Parses a whole string as one JSON value. */
    public static Object parse(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    private SyntaxError error(String reason) {
        return new SyntaxError(pos, reason);
    }

    private String describe() {
        if (pos >= end) {
            return "end of input";
        }
        int c = b[pos] & 0xFF;
        return c >= 0x21 && c < 0x7F ? "character '" + (char) c + "'" : String.format("byte 0x%02X", c);
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= end) {
            throw error("unexpected end of input, expected a value");
        }
        switch (b[pos]) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe() + ", expected a value");
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || b[pos + i] != word.charAt(i)) {
                throw error("invalid literal, expected '" + word + "'");
            }
        }
        pos += word.length();
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++; // {
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (pos >= end || b[pos] != '"') {
                throw error("unexpected " + describe() + ", expected a string key");
            }
            int keyAt = pos;
            String key = string();
            if (out.containsKey(key)) {
                throw new SyntaxError(keyAt, "duplicate key " + quote(key));
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            out.put(key, value(depth + 1));
            skipWhitespace();
            if (pos < end && b[pos] == ',') {
                pos++;
                continue;
            }
            expect('}');
            return out;
        }
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        pos++; // [
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value(depth + 1));
            skipWhitespace();
            if (pos < end && b[pos] == ',') {
                pos++;
                continue;
            }
            expect(']');
            return out;
        }
    }

    private void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw error("unexpected " + describe() + ", expected '" + c + "'");
        }
        pos++;
    }

    private Num number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos < end && b[pos] == '0') {
            pos++;
        } else if (pos < end && b[pos] >= '1' && b[pos] <= '9') {
            digits();
        } else {
            throw error("invalid number, expected a digit");
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (pos >= end || b[pos] < '0' || b[pos] > '9') {
                throw error("invalid number, expected a digit after '.'");
            }
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (pos >= end || b[pos] < '0' || b[pos] > '9') {
                throw error("invalid number, expected a digit in the exponent");
            }
            digits();
        }
        return new Num(new String(b, start, pos - start, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private void digits() {
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw error("unterminated string");
            }
            int c = b[pos] & 0xFF;
            if (c == '"') {
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                escape(sb);
            } else if (c < 0x20) {
                throw error(String.format("control character 0x%02X in a string (must be escaped)", c));
            } else if (c < 0x80) {
                sb.append((char) c);
                pos++;
            } else {
                utf8(sb, c);
            }
        }
    }

    private void escape(StringBuilder sb) {
        int at = pos;
        pos++;
        if (pos >= end) {
            throw error("unterminated escape");
        }
        char c = (char) b[pos++];
        switch (c) {
            case '"': sb.append('"'); return;
            case '\\': sb.append('\\'); return;
            case '/': sb.append('/'); return;
            case 'b': sb.append('\b'); return;
            case 'f': sb.append('\f'); return;
            case 'n': sb.append('\n'); return;
            case 'r': sb.append('\r'); return;
            case 't': sb.append('\t'); return;
            case 'u':
                char u = hex4(at);
                if (Character.isHighSurrogate(u)) {
                    if (pos + 1 < end && b[pos] == '\\' && b[pos + 1] == 'u') {
                        int lowAt = pos;
                        pos += 2;
                        char low = hex4(lowAt);
                        if (!Character.isLowSurrogate(low)) {
                            throw new SyntaxError(lowAt, "high surrogate \\u" + hex(u) + " not followed by a low surrogate");
                        }
                        sb.append(u).append(low);
                        return;
                    }
                    throw new SyntaxError(at, "lone high surrogate \\u" + hex(u));
                }
                if (Character.isLowSurrogate(u)) {
                    throw new SyntaxError(at, "lone low surrogate \\u" + hex(u));
                }
                sb.append(u);
                return;
            default:
                throw new SyntaxError(at, "invalid escape '\\" + (c >= 0x21 && c < 0x7F ? String.valueOf(c)
                        : String.format("0x%02X", (int) c & 0xFF)) + "'");
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private char hex4(int escapeAt) {
        if (pos + 4 > end) {
            throw new SyntaxError(escapeAt, "truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit((char) b[pos + i], 16);
            if (d < 0 || b[pos + i] < 0) {
                throw new SyntaxError(escapeAt, "invalid \\u escape, expected 4 hex digits");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    /** Decodes one multi-byte UTF-8 sequence starting with lead byte {@code c}, strictly (no overlongs, no surrogates). */
    private void utf8(StringBuilder sb, int c) {
        int n;
        int cp;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            throw error(String.format("invalid UTF-8 lead byte 0x%02X", c));
        }
        if (pos + n >= end) {
            throw error("truncated UTF-8 sequence");
        }
        for (int i = 1; i <= n; i++) {
            int cc = b[pos + i] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                throw error(String.format("invalid UTF-8 continuation byte 0x%02X", cc));
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw error("invalid UTF-8 sequence (overlong, surrogate or out of range)");
        }
        sb.appendCodePoint(cp);
        pos += n + 1;
    }

    // ---------------------------------------------------------------- writing

    /**
     * The JSON string literal of {@code s}: quotes, backslashes and control characters escaped; throws
     * an {@link IllegalArgumentException} for a lone surrogate (not Unicode, so no reader accepts it).
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u").append(hex(c));
                    } else if (Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        throw new IllegalArgumentException("the string contains a lone surrogate \\u" + hex(c)
                                + " at index " + i + ", which is not valid Unicode and cannot be written as UTF-8 JSON");
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A JSON array of strings. */
    public static String stringArray(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(quote(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A JSON array of doubles, each written with {@link Double#toString(double)} so it reads back exactly; must be finite. */
    public static String doubleArray(double[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        return sb.append(']').toString();
    }

    /** A JSON array of longs. */
    public static String longArray(long[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.append(']').toString();
    }

    /** A finite double as a JSON number that reads back exactly. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON cannot hold the number " + v);
        }
        return Double.toString(v);
    }

    /** A double as a JSON number that reads back exactly, or {@code null} for NaN and infinities (which JSON cannot hold). */
    public static String numberOrNull(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A JSON object of string values, in the map's order. */
    public static String stringObject(Map<String, String> values) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }
}
