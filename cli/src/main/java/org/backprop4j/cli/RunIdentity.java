package org.backprop4j.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.Dataset;

/**
 * What makes a training run the same run for {@code --resume}: the content of its data (a
 * fingerprint of the loaded arrays, not the file names as typed) and the options that shape it.
 */
final class RunIdentity {
    /** The run-option key of the data fingerprint. */
    static final String DATA = "data-fingerprint";
    private static final int CHUNK = 1 << 14;

    private RunIdentity() {
    }

    /**
     * A fingerprint of data sets: SHA-256 over each one's sizes, class names, feature values (their
     * float bits) and labels, in order; the first 16 bytes in hex. The same content read from any
     * path, spelling or compression gives the same fingerprint.
     */
    static String fingerprint(Dataset... parts) {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
        for (Dataset d : parts) {
            buf.clear();
            buf.putInt(d.size()).putInt(d.numFeatures()).putInt(d.numClasses());
            flush(sha, buf);
            for (String name : d.classNames()) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            float[] x = d.featureData();
            digest(sha, buf, x.length, Float.BYTES, (b, from, n) -> b.asFloatBuffer().put(x, from, n));
            int[] y = d.labels();
            digest(sha, buf, y.length, Integer.BYTES, (b, from, n) -> b.asIntBuffer().put(y, from, n));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /**
     * Throws unless the run options saved in {@code checkpoint} match {@code now} (keys missing from
     * an older checkpoint are not compared); the message names the checkpoint and every difference.
     */
    static void requireSame(Path checkpoint, Map<String, String> saved, Map<String, String> now) {
        List<String> diffs = new ArrayList<>();
        now.forEach((k, v) -> {
            String was = saved.get(k);
            if (was != null && !was.equals(v)) {
                diffs.add(k.equals(DATA) ? "the data differ (fingerprint " + was + " in the checkpoint, " + v + " now)"
                        : "--" + k + " was " + was + ", now " + v);
            }
        });
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("--resume " + checkpoint + ": the checkpoint comes from a different run ("
                    + String.join("; ", diffs) + "); give the data and options of that run, only --epochs may change");
        }
    }

    /** Puts {@code count} elements from {@code from} on at the start of a buffer. */
    private interface Chunk {
        void put(ByteBuffer buf, int from, int count);
    }

    /** Digests {@code length} elements of {@code bytesEach} bytes, a buffer's worth at a time. */
    private static void digest(MessageDigest sha, ByteBuffer buf, int length, int bytesEach, Chunk chunk) {
        for (int from = 0; from < length; from += CHUNK) {
            int count = Math.min(CHUNK, length - from);
            buf.clear();
            chunk.put(buf, from, count);
            buf.limit(count * bytesEach);
            sha.update(buf);
        }
    }

    private static void flush(MessageDigest sha, ByteBuffer buf) {
        buf.flip();
        sha.update(buf);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
