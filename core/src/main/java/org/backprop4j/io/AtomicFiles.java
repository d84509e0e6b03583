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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.backprop4j.data.IoErrors;

/**
 * Writes files without ever destroying what the writer does not own.
 * <ul>
 * <li>A regular file (or a new one) is written atomically: the content goes to a temporary file in
 * the target's directory, which is flushed, forced to disk ({@link FileChannel#force(boolean)}) and
 * renamed over the target in one step; then the directory is forced too, where the platform allows
 * it. A reader sees the old complete file or the new complete file, never a half-written one, even
 * if the process or the machine dies during the write. The permissions of an existing target are
 * kept (a 0600 file stays 0600).</li>
 * <li>A symbolic link is followed: the file it points to is replaced atomically in its own directory
 * and the link stays a link. A dangling link creates the file it names.</li>
 * <li>Anything else that exists, a device or a FIFO, is written through, as a shell's {@code >}
 * does: it is opened for writing, never replaced.</li>
 * <li>A directory is refused.</li>
 * </ul>
 */
public final class AtomicFiles {
    private static final int BUFFER = 1 << 16;
    private static final int ATTEMPTS = 100;
    /** More links than this in a chain is a loop (Linux's own limit is 40). */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} with the bytes {@code body} writes to the given stream (the stream is
     * buffered; the body must not close it), creating missing parent directories, as the class
     * describes. On any failure the temporary file is deleted, an existing target is left untouched,
     * and the error is rethrown ({@link IOException}s wrapped in an {@link UncheckedIOException}
     * whose message names the target and the reason in user terms).
     */
    public static void write(Path target, IOConsumer<OutputStream> body) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        try {
            Path absolute = target.toAbsolutePath();
            if (!Files.exists(absolute)) {
                replace(followLinks(absolute), body); // a new file, or the missing target of a dangling link
                return;
            }
            BasicFileAttributes attrs = Files.readAttributes(absolute, BasicFileAttributes.class); // links followed
            if (attrs.isDirectory()) {
                throw new IOException("it is a directory");
            }
            if (attrs.isRegularFile()) {
                replace(absolute.toRealPath(), body);
            } else {
                writeThrough(absolute, body); // the kernel follows the links, including ones to pipes
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + IoErrors.reason(e), e);
        }
    }

    /** The path with every symbolic link along the chain of its last component followed; a loop is an error. */
    private static Path followLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i >= MAX_LINKS) {
                throw new IOException("too many levels of symbolic links");
            }
            Path parent = p.getParent();
            Path link = Files.readSymbolicLink(p);
            p = parent == null ? link : parent.resolve(link).normalize();
        }
        return p;
    }

    /** Writes a device or FIFO in place: opened for writing only, neither created nor replaced nor forced. */
    private static void writeThrough(Path target, IOConsumer<OutputStream> body) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE), BUFFER)) {
            body.accept(uncloseable(out));
            out.flush();
        }
    }

    /** The atomic replacement of a regular (or missing) file through a temporary file in its directory. */
    private static void replace(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("not a file path");
        }
        Set<PosixFilePermission> keep = existingPermissions(target);
        Path temp = null;
        boolean done = false;
        try {
            Files.createDirectories(dir); // like `mkdir -p`: a missing output directory is created
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                        + ".tmp");
                try {
                    channel = keep == null
                            ? FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                            : FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                    permissions(keep));
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
            if (keep != null) {
                Files.setPosixFilePermissions(temp, keep); // exactly the old mode, whatever the umask
            }
            move(temp, target);
            done = true;
            forceDirectory(dir);
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

    /** The POSIX permissions of an existing regular file, or null when it is missing or the platform has none. */
    private static Set<PosixFilePermission> existingPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return view.readAttributes().permissions();
    }

    private static FileAttribute<Set<PosixFilePermission>> permissions(Set<PosixFilePermission> p) {
        return PosixFilePermissions.asFileAttribute(p);
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

    /** The stream with close() only flushing, so closing a wrapper leaves the underlying stream to its owner. */
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
