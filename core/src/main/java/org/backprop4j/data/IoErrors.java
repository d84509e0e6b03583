package org.backprop4j.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** Turns an {@link IOException} into the reason a user understands, without the Java exception's name or the path again. */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The reason of {@code e} in user terms: "no such file or directory", "permission denied", the
     * operating system's reason in lower case ("no space left on device", "is a directory"), or the
     * exception's message; never the exception's class name.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "the file already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileNotFoundException && e.getMessage() != null && e.getMessage().endsWith(")")
                && e.getMessage().contains(" (")) { // java.io's form: "path (reason)"
            String m = e.getMessage();
            return lower(m.substring(m.lastIndexOf(" (") + 2, m.length() - 1));
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lower(fse.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : lower(m);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
