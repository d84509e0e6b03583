package org.backprop4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** The bytes of an unsigned-byte IDX file with the given dimensions and values. */
    static byte[] idx(int[] dims, byte[] values) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[]{0, 0, 0x08, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes bytes to a file, gzip-compressed when its name ends in .gz. */
    static Path write(Path file, byte[] content) throws IOException {
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** Writes an image file [n, rows, cols] with pixel (i, j) = (i * 7 + j) mod 256 and a label file of i mod k. */
    static void writeImages(Path dir, String prefix, int n, int rows, int cols, int k, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows * cols; j++) {
                pixels[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % k);
        }
        String ext = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), idx(new int[]{n, rows, cols}, pixels));
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), idx(new int[]{n}, labels));
    }
}
