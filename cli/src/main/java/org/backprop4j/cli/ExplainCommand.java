package org.backprop4j.cli;

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
            "next to the autodiff gradient and a float64 numeric derivative."},
        footer = {"", "Examples:",
            "  backprop4j explain                                 # classic 2-2-2 network, 0.weight[0,1] (two paths)",
            "  backprop4j explain --param 2.weight[1,0] --form fused",
            "  backprop4j explain --targets soft --derive",
            "  backprop4j explain --model model.safetensors --input 3 --param 0.weight[5,20] --json"})
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

    @Option(names = "--derive", description = "Print the derivation of dE/dz for softmax cross-entropy with this example's numbers.")
    boolean derive;

    @Override
    public Integer call() {
        Problem p = problemOptions.problem();
        var out = spec.commandLine().getOut();
        if (derive) {
            out.print("Example: " + p.description() + "\n\n");
            out.print(SoftmaxDerivation.of(p.loss().get(), 0));
            out.flush();
            return 0;
        }
        ParamRef ref = ParamRef.parse(param == null ? p.defaultParam() : param, p.model().namedParameters());
        LossForm f = switch (form.toLowerCase(Locale.ROOT)) {
            case "textbook", "expanded" -> LossForm.TEXTBOOK;
            case "fused" -> LossForm.FUSED;
            default -> throw new IllegalArgumentException("unknown --form '" + form + "'; choose textbook or fused");
        };
        Tensor t = ref.tensor();
        Explanation e = PathExplainer.of(f, maxPaths).explain(p.loss(), t, ref.index());
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
}
