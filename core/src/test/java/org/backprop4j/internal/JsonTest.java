package org.backprop4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one JSON reader and writer: round trips, the whole grammar, strict rejection, byte offsets. */
class JsonTest {

    @Property(tries = 300)
    void everyValidStringRoundTrips(@ForAll String s) {
        Assume.that(isValidUnicode(s));
        assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
    }

    @Property(tries = 300)
    void everyFiniteDoubleRoundTripsExactly(@ForAll double d) {
        Assume.that(Double.isFinite(d));
        Object v = Json.parse(Json.number(d));
        assertThat(Double.doubleToRawLongBits(((Json.Num) v).doubleValue())).isEqualTo(Double.doubleToRawLongBits(d));
    }

    @Test
    void nonFiniteNumbersAreRefusedOrWrittenAsNull() {
        assertThatThrownBy(() -> Json.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.numberOrNull(Double.NaN)).isEqualTo("null");
        assertThat(Json.numberOrNull(Double.NEGATIVE_INFINITY)).isEqualTo("null");
        assertThat(Json.numberOrNull(0.1)).isEqualTo("0.1");
    }

    @Property(tries = 200)
    void arbitraryBytesNeverCrashTheParser(@ForAll byte[] bytes) {
        try {
            Json.parse(bytes, 0, bytes.length);
        } catch (Json.SyntaxError e) {
            assertThat(e.offset).isBetween(0L, (long) bytes.length);
        }
    }

    @Test
    void parsesTheWholeGrammar() {
        Object v = Json.parse(" {\"a\": [1, -0, 2.5e-3, 1E+2, true, false, null, {}], \"b\\/\": \"\\u00e9\\t\"} ");
        assertThat(v).isEqualTo(Map.of("a", java.util.Arrays.asList(new Json.Num("1"), new Json.Num("-0"),
                new Json.Num("2.5e-3"), new Json.Num("1E+2"), true, false, null, Map.of()), "b/", "é\t"));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "NaN", "tru",
                "\"\\x\"", "\"\\u12\"", "\"a\tb\"", "{a:1}", "'a'", "[1 2]", "{\"a\" 1}", "\"\\udc00\"",
                "\"\\ud800\\u0041\"", "{} {}")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.SyntaxError.class);
        }
    }

    @Test
    void errorOffsetsAreByteOffsets() {
        byte[] b = "[\"é\", x]".getBytes(StandardCharsets.UTF_8); // é takes two bytes
        assertThatThrownBy(() -> Json.parse(b, 0, b.length)).isInstanceOfSatisfying(Json.SyntaxError.class,
                e -> assertThat(e.offset).isEqualTo(7));
    }

    @Test
    void loneSurrogatesCannotBeWritten() {
        assertThatThrownBy(() -> Json.quote("a\ud800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
        assertThat(Json.quote("\ud83d\ude42")).isEqualTo("\"\ud83d\ude42\"");
        assertThat(Json.quote("\u0000\u001f")).isEqualTo("\"\\u0000\\u001F\"");
    }

    private static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
