package org.backprop4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Helpers shared by the fuzz targets: a scratch file per thread for the readers that take a path,
 * and the check that a rejected input gave the error the readers promise.
 */
public final class FuzzFiles {
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(FuzzFiles::createScratch);

    private FuzzFiles() {
    }

    /** Writes {@code data} to this thread's scratch file (in /dev/shm when it exists) and returns its path. */
    public static Path write(byte[] data, String suffix) {
        Path file = SCRATCH.get().resolveSibling(SCRATCH.get().getFileName() + suffix);
        try {
            Files.write(file, data);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Throws an {@link AssertionError} (a fuzzing finding) unless a reader's rejection is one line
     * that names the source.
     */
    public static void checkRejection(IllegalArgumentException e, String source) {
        String m = e.getMessage();
        if (m == null || !m.contains(source) || m.contains("\n") || m.contains("\r")) {
            throw new AssertionError("the error must be one line naming " + source + ", got: " + m, e);
        }
    }

    private static Path createScratch() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "backprop4j-fuzz")
                    : Files.createTempDirectory("backprop4j-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("input");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(dir)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
