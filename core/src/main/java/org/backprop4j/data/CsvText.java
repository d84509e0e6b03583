package org.backprop4j.data;

import java.util.List;

/**
 * Quotes CSV field text for error messages so that a message stays one short line: control
 * characters such as line breaks are escaped and long texts are cut.
 */
final class CsvText {
    private static final int MAX = 60;

    private CsvText() {
    }

    /** The text in double quotes, with line breaks, tabs and other control characters escaped and at most 60 characters kept. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(s.length() > MAX ? "...\"" : "\"").toString();
    }

    /** A list of texts as {@code ["a", "b"]}, each quoted, at most 20 of them shown. */
    static String quote(List<String> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size() && i < 20; i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(list.get(i)));
        }
        return sb.append(list.size() > 20 ? ", ... (" + list.size() + " in all)]" : "]").toString();
    }
}
