package org.backprop4j.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal private IDX reader for {@code backprop4j bench} (MNIST / Fashion-MNIST files, gzip or
 * not). TODO: replace with the IDX reader of core's {@code data} package (branch {@code workflow})
 * once it is merged.
 */
final class BenchIdx {
    private BenchIdx() {
    }

    /** Raw pixel bytes of an idx3-ubyte file, row-major [count, rows*cols]; dims[0..1] get count and features. */
    static byte[] images(Path file, int[] dims) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) {
                throw new IllegalArgumentException(file + " is not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            }
            int count = in.readInt();
            int features = in.readInt() * in.readInt();
            byte[] raw = new byte[count * features];
            in.readFully(raw);
            dims[0] = count;
            dims[1] = features;
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Labels of an idx1-ubyte file. */
    static int[] labels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) {
                throw new IllegalArgumentException(file + " is not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            byte[] raw = new byte[in.readInt()];
            in.readFully(raw);
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] & 0xff;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file itself, or the same name with {@code .gz}, opened (and decompressed) with a large buffer. */
    private static DataInputStream open(Path file) throws IOException {
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        InputStream raw;
        if (Files.exists(file)) {
            raw = Files.newInputStream(file);
            if (file.toString().endsWith(".gz")) {
                raw = new GZIPInputStream(raw, 1 << 16);
            }
        } else if (Files.exists(gz)) {
            raw = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
        } else {
            throw new IllegalArgumentException("IDX file not found: " + file + " (nor " + gz + ")");
        }
        return new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
    }
}
