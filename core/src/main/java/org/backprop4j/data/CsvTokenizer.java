package org.backprop4j.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of fields (RFC 4180): fields separated by a delimiter, optionally
 * in double quotes, in which the delimiter, line breaks and doubled quotes {@code ""} are literal.
 * Unquoted fields are trimmed; lines that are empty or all blanks are skipped; a leading UTF-8 byte
 * order mark is ignored. Line breaks may be LF, CRLF or CR.
 */
final class CsvTokenizer {
    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char delimiter;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line = 1;
    private int recordLine;
    private boolean started;

    CsvTokenizer(Reader in, String source, char delimiter) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** The 1-based line on which the record last returned by {@link #next()} starts. */
    int recordLine() {
        return recordLine;
    }

    /** The next non-blank record, or null at the end of the input. */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                pos++;
            }
        }
        while (true) {
            if (peek() == EOF) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            boolean quoted = readRecord(fields);
            if (quoted || fields.size() > 1 || !fields.get(0).isEmpty()) {
                return fields;
            }
        }
    }

    /** Reads one record into {@code fields}; true when any field was quoted. */
    private boolean readRecord(List<String> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean anyQuoted = false;
        while (true) {
            sb.setLength(0);
            skipBlanks();
            int c;
            if (peek() == '"') {
                anyQuoted = true;
                int column = fields.size() + 1;
                int startLine = line;
                pos++;
                readQuoted(sb, startLine, column);
                skipBlanks();
                c = read();
                if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    throw new IllegalArgumentException(source + ", line " + line + ", column " + column
                            + ": unexpected '" + (char) c + "' after the closing quote of a quoted field");
                }
                fields.add(sb.toString());
            } else {
                while ((c = read()) != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    sb.append((char) c);
                }
                fields.add(sb.toString().strip());
            }
            if (c == delimiter) {
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                pos++;
            }
            if (c != EOF) {
                line++;
            }
            return anyQuoted;
        }
    }

    private void readQuoted(StringBuilder sb, int startLine, int column) throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new IllegalArgumentException(source + ", line " + startLine + ", column " + column
                        + ": quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                if (peek() != '"') {
                    return;
                }
                pos++;
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            sb.append((char) c);
        }
    }

    private void skipBlanks() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t') {
            if (c == delimiter) {
                return;
            }
            pos++;
        }
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return EOF;
            }
        }
        return buf[pos];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            pos++;
        }
        return c;
    }
}
