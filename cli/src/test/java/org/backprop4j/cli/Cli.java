package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import picocli.CommandLine;

/** Runs the command line in-process for tests, capturing what it prints; and writes CSV fixtures. */
final class Cli {
    /** The exit code and the captured output. */
    record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code backprop4j args...}. */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Trains a model on iris for one epoch and saves it to {@code file}, asserting that this succeeds. */
    static Path irisModel(Path file) {
        Result r = run("train", "--dataset", "iris", "--epochs", "1", "--save", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return file;
    }

    /**
     * A CSV with a header "a,b,kind,c": three well separated classes named "cat", "dog", "emu"
     * (the label is the third column), {@code perClass} rows each, features on different scales.
     */
    static Path blobsCsv(Path file, int perClass, long seed) throws IOException {
        Random r = new Random(seed);
        String[] names = {"dog", "cat", "emu"};
        StringBuilder sb = new StringBuilder("a,b,kind,c\n");
        for (int i = 0; i < perClass; i++) {
            for (int k = 0; k < 3; k++) {
                double a = 100 * k + 20 * r.nextGaussian();
                double b = 0.01 * ((k * 2) % 3) + 0.004 * r.nextGaussian();
                double c = 5 * r.nextGaussian();
                sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.6f,%s,%.4f%n", a, b, names[k], c));
            }
        }
        Files.writeString(file, sb);
        return file;
    }
}
