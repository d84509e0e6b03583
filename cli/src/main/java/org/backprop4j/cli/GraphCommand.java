package org.backprop4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.backprop4j.explain.GraphDot;
import org.backprop4j.explain.ParamRef;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop4j graph}: writes the computational graph as Graphviz DOT, the backward path to a parameter in red. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Write the computational graph of the loss as Graphviz DOT (one node per op, shapes on the edges, "
                + "the backward path to --param in red), and render it to SVG with Graphviz.",
        footer = {"", "Examples:",
            "  backprop4j graph --out graph.dot",
            "  backprop4j graph --out graph.dot --svg graph.svg --param 2.weight[1,0]"})
public final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problemOptions = new ProblemOptions();

    @Option(names = "--out", paramLabel = "FILE.dot", required = true, description = "Where to write the DOT file.")
    Path out;

    @Option(names = "--svg", paramLabel = "FILE.svg", description = "Also render to SVG with Graphviz's dot.")
    Path svg;

    @Option(names = "--param", paramLabel = "NAME[i,j]", description = "The parameter whose backward path is highlighted, e.g. 2.weight[1,0] (default: 0.weight[0,1] for the built-in example).")
    String param;

    /** The Graphviz program; tests point it at a missing file. */
    String dotProgram = "dot";

    @Override
    public Integer call() {
        Problem p = problemOptions.problem();
        ParamRef ref = ParamRef.parse(param == null ? p.defaultParam() : param, p.model().namedParameters());
        Tensor loss = p.loss().get();
        String dot = GraphDot.of(loss, ref.tensor(), ref.toString());
        try {
            Files.writeString(out, dot, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        var o = spec.commandLine().getOut();
        o.println("wrote " + out + " (" + p.description() + "; red: backward path to " + ref + ")");
        if (svg != null) {
            if (!render(out, svg)) {
                spec.commandLine().getErr().println("cannot render " + svg + ": Graphviz's '" + dotProgram
                        + "' was not found; install it (Debian/Ubuntu: apt-get install graphviz) or run: dot -Tsvg "
                        + out + " -o " + svg);
                return 1;
            }
            o.println("wrote " + svg);
        }
        o.flush();
        return 0;
    }

    /** Runs {@code dot -Tsvg}; false when Graphviz is not installed. */
    private boolean render(Path dotFile, Path svgFile) {
        try {
            Process pr = new ProcessBuilder(dotProgram, "-Tsvg", dotFile.toString(), "-o", svgFile.toString())
                    .redirectErrorStream(true).start();
            String msg = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!pr.waitFor(60, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                throw new IllegalArgumentException("dot did not finish within 60 s");
            }
            if (pr.exitValue() != 0) {
                throw new IllegalArgumentException("dot failed: " + msg.trim());
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running dot", e);
        }
    }
}
