package org.backprop4j.explain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for explanations. */
final class Num {
    private Num() {
    }

    /** A short form with six significant digits, without trailing zeros. */
    static String s(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v).replaceAll("\\.?0+e", "e");
    }

    /** A short form wrapped in parentheses when negative, for use inside a product. */
    static String p(double v) {
        return v < 0 ? "(" + s(v) + ")" : s(v);
    }

    /** Full precision for comparisons: 16 significant digits in scientific notation, signed. */
    static String full(double v) {
        return String.format(Locale.ROOT, "%+.15e", v + 0.0); // + 0.0 turns -0.0 into 0.0
    }

    /** A relative difference, two digits. */
    static String rel(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }
}
