package peers;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Minimal IDX reader for the peer harnesses (gzip or not). */
final class Idx {
    private Idx() {
    }

    /** Images as float32 in [0, 1], row-major [count, 784]. */
    static float[] images(Path dir, String name) throws IOException {
        try (DataInputStream in = open(dir, name)) {
            in.readInt();
            int count = in.readInt();
            int features = in.readInt() * in.readInt();
            byte[] raw = new byte[count * features];
            in.readFully(raw);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    /** Labels. */
    static int[] labels(Path dir, String name) throws IOException {
        try (DataInputStream in = open(dir, name)) {
            in.readInt();
            byte[] raw = new byte[in.readInt()];
            in.readFully(raw);
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] & 0xff;
            }
            return out;
        }
    }

    private static DataInputStream open(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        InputStream raw = Files.exists(plain) ? Files.newInputStream(plain)
                : new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
    }

    /** Peak resident set of this process in MiB (VmHWM), or -1. */
    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
