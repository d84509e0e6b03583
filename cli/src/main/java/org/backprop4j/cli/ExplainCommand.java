package org.backprop4j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.explain.Explanation;
import org.backprop4j.explain.JsonReport;
import org.backprop4j.explain.LossForm;
import org.backprop4j.explain.ParamRef;
import org.backprop4j.explain.PathExplainer;
import org.backprop4j.explain.SoftmaxDerivation;
import org.backprop4j.explain.TextReport;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backprop4j explain}: every chain-rule path from the loss to one weight, factor by factor, checked three ways. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain one gradient element by the chain rule: every path from the loss E to the parameter element,",
            "each local factor with its formula and value, the product per path and the sum over all paths,",
            "next to the autodiff gradient and a float64 numeric derivative. A convolution weight is shared by every output",
            "position: its gradient is summed position by position (padding, largest contributions, per-row sums)."},
        footer = {"", "Examples:",
            "  backprop4j explain                                 # classic 2-2-2 network, 0.weight[0,1] (two paths)",
            "  backprop4j explain --param 2.weight[1,0] --form fused",
            "  backprop4j explain --targets soft --derive",
            "  backprop4j explain --model model.safetensors --input 3 --param 0.weight[5,20] --json",
            "  backprop4j explain --model cnn.safetensors --param 0.weight[3,0,1,1]   # a convolution weight, position by position",
            "  backprop4j explain --targets soft --html page.html       # open page.html in a browser"})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problemOptions = new ProblemOptions();

    @Option(names = "--param", paramLabel = "NAME[i,j]", description = "The parameter element, e.g. 2.weight[1,0] (default: 0.weight[0,1] for the built-in example).")
    String param;

    @Option(names = "--max-paths", defaultValue = "" + PathExplainer.DEFAULT_MAX_PATHS, description = "Most paths to list; the count and the sum always cover all (default: ${DEFAULT-VALUE}).")
    int maxPaths;

    @Option(names = "--form", defaultValue = "textbook", description = "How to show the fused softmax cross-entropy: textbook (E -> o -> z) or fused (E -> z with o*tau - t) (default: ${DEFAULT-VALUE}).")
    String form;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Write one self-contained page to click through instead: the network, every path to the selected weight "
                    + "with its factors, both loss forms and the derivation (--derive opens it).")
    Path html;

    @Option(names = "--derive", description = "Print the derivation of dE/dz for softmax cross-entropy with this example's numbers.")
    boolean derive;

    @Override
    public Integer call() {
        if (html != null) {
            checkHtml();
        }
        Problem p = problemOptions.problem();
        var out = spec.commandLine().getOut();
        if (html != null) {
            return writePage(p, out);
        }
        if (derive) {
            out.print("Example: " + p.description() + "\n\n");
            out.print(SoftmaxDerivation.of(p.loss().get(), 0));
            out.flush();
            return 0;
        }
        ParamRef ref = paramRef(p);
        Tensor t = ref.tensor();
        Explanation e = PathExplainer.of(lossForm(), maxPaths).explain(p.loss(), t, ref.index());
        if (json) {
            out.print(JsonReport.of(e));
        } else {
            out.print("Example: " + p.description() + "\n");
            out.print(String.format(Locale.ROOT, "Loss E = %.10g%n%n", e.loss()));
            out.print(TextReport.of(e));
        }
        out.flush();
        return 0;
    }

    private ParamRef paramRef(Problem p) {
        return ParamRef.parse(param == null ? p.defaultParam() : param, p.model().namedParameters());
    }

    private LossForm lossForm() {
        return switch (form.toLowerCase(Locale.ROOT)) {
            case "textbook", "expanded" -> LossForm.TEXTBOOK;
            case "fused" -> LossForm.FUSED;
            default -> throw new IllegalArgumentException("unknown --form '" + form + "'; choose textbook or fused");
        };
    }

    /** {@code --html}: the options that go with it and the file's directory, before any work. */
    private void checkHtml() {
        lossForm();
        if (json) {
            throw new IllegalArgumentException("--html and --json cannot be combined: the page embeds the JSON of every weight");
        }
        Path dir = html.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--html " + html + ": the directory " + dir + " does not exist");
        }
        if (Files.isDirectory(html)) {
            throw new IllegalArgumentException("--html " + html + " is a directory; give a file name such as page.html");
        }
    }

    /** {@code --html}: writes the page. */
    private int writePage(Problem p, PrintWriter out) {
        ParamRef ref = paramRef(p);
        LossForm f = lossForm();
        String page = ExplainPage.html(p, ref, f, maxPaths, derive);
        Output.write(html, o -> o.write(page.getBytes(StandardCharsets.UTF_8)));
        out.print("wrote " + html + " (" + p.description() + "; opens on " + ref + ")\n");
        out.flush();
        return 0;
    }
}
