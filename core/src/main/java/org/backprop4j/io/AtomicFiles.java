package org.backprop4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which is
 * flushed, forced to disk ({@link FileChannel#force(boolean)}) and then renamed over the target in one
 * atomic step; finally the directory is forced too, where the platform allows it. A reader therefore
 * sees either the old complete file or the new complete file, never a half-written one, even if the
 * process or the machine dies during the write.
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    private static final int ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically with the bytes {@code body} writes to the given stream (the
     * stream is buffered; the body must not close it), creating missing parent directories. On any failure the temporary file is deleted,
     * an existing target is left untouched, and the error is rethrown ({@link IOException}s wrapped
     * in an {@link UncheckedIOException} naming the target).
     */
    public static void write(Path target, IOConsumer<OutputStream> body) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new IllegalArgumentException(target + ": not a file path");
        }
        Path temp = null;
        boolean done = false;
        try {
            Files.createDirectories(dir); // like `mkdir -p`: a missing output directory is created
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                        + ".tmp");
                try {
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                }
            }
            try (FileChannel ch = channel;
                 OutputStream out = new BufferedOutputStream(uncloseable(Channels.newOutputStream(ch)), BUFFER)) {
                body.accept(out);
                out.flush();
                ch.force(true);
            }
            move(temp, absolute);
            done = true;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e, e);
        } finally {
            if (!done && temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the write itself already failed
                }
            }
        }
    }

    /** Renames atomically, falling back to a plain replacing move only where atomic moves are unsupported. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a directory's entries to disk so the rename survives a crash; a no-op where unsupported (Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can open or sync a directory; the file itself is already forced
        }
    }

    /** The stream with close() only flushing, so closing the buffered stream leaves the channel to its owner. */
    private static OutputStream uncloseable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
