package org.backprop4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before any work, a command whose output would overwrite one of its inputs or another of
 * its outputs. Files are compared by what they are, not by how they are spelled: existing files by
 * {@link Files#isSameFile} (symbolic links followed, hard links recognised), missing ones by the real
 * path of their directory plus their name.
 */
final class PathClash {
    /** An option and the file it names. */
    private record Named(String option, Path file) {
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();
    private final Set<String> allowed = new HashSet<>();

    /** Adds an input file; null is ignored. */
    PathClash input(String option, Path file) {
        if (file != null) {
            inputs.add(new Named(option, file));
        }
        return this;
    }

    /** Adds an output file; null and "-" (standard output) are ignored. */
    PathClash output(String option, Path file) {
        if (file != null && !Output.isStdout(file)) {
            outputs.add(new Named(option, file));
        }
        return this;
    }

    /** Lets {@code output} name the same file as {@code input} (train's --save may be its --resume). */
    PathClash allow(String output, String input) {
        allowed.add(output + "\n" + input);
        return this;
    }

    /** Throws an {@link IllegalArgumentException} naming both options of the first clash found. */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            for (int j = 0; j < i; j++) {
                Named other = outputs.get(j);
                if (same(out.file, other.file)) {
                    throw new IllegalArgumentException(other.option + " " + other.file + " and " + out.option + " "
                            + out.file + " are the same file; give each output its own");
                }
            }
            for (Named in : inputs) {
                if (!allowed.contains(out.option + "\n" + in.option) && same(out.file, in.file)) {
                    throw new IllegalArgumentException(out.option + " " + out.file + " would overwrite the " + in.option
                            + " file " + in.file + "; give another output file");
                }
            }
        }
    }

    /** Whether two paths name the same file; a path that cannot be resolved is compared as spelled. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The real path of an existing file, or of a missing file's nearest existing directory plus the rest. */
    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            return abs.toRealPath();
        }
        Path dir = abs.getParent();
        Path rest = abs.getFileName();
        while (dir != null && !Files.exists(dir)) {
            rest = dir.getFileName().resolve(rest);
            dir = dir.getParent();
        }
        return dir == null ? abs : dir.toRealPath().resolve(rest);
    }
}
