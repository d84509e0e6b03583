package org.backprop4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.backprop4j.explain.Explanation;
import org.backprop4j.explain.JsonReport;
import org.backprop4j.explain.LossForm;
import org.backprop4j.explain.ParamRef;
import org.backprop4j.explain.PathExplainer;
import org.backprop4j.explain.SoftmaxNumbers;
import org.backprop4j.internal.Json;
import org.backprop4j.ops.SoftmaxCrossEntropy;
import org.backprop4j.tensor.Tensor;

/**
 * The explain page ({@code explain --html}): one self-contained HTML file, the template
 * {@code explain-page.html} from the resources with the page's data inserted as JSON. The data are
 * the {@code explain --json} objects of every selectable parameter element (in both forms of a fused
 * loss) and the numbers of the dE/dz derivation; the page's script only displays them.
 */
final class ExplainPage {
    /** The template, a resource beside this class. */
    static final String TEMPLATE = "explain-page.html";
    /** The text in the template that the data JSON replaces. */
    static final String DATA_MARK = "\"@EXPLAIN_DATA@\"";

    private ExplainPage() {
    }

    /**
     * The page for problem {@code p}: it opens on {@code chosen} in {@code form}, with the derivation
     * expanded when {@code derive} is set; {@code maxPaths} bounds the paths listed per element.
     */
    static String html(Problem p, ParamRef chosen, LossForm form, int maxPaths, boolean derive) {
        return fill(template(), data(p, chosen, form, maxPaths, derive));
    }

    /** The template with {@code json} in place of the mark; every {@code <} in it becomes {@code \u003c}, so no {@code </script>} ends the script early. */
    static String fill(String template, String json) {
        int at = template.indexOf(DATA_MARK);
        if (at < 0 || template.indexOf(DATA_MARK, at + 1) >= 0) {
            throw new IllegalStateException("the template " + TEMPLATE + " must hold " + DATA_MARK + " exactly once");
        }
        return template.substring(0, at) + json.replace("<", "\\u003c") + template.substring(at + DATA_MARK.length());
    }

    /** The page's data: one JSON object (the fields are listed in the template's script). */
    static String data(Problem p, ParamRef chosen, LossForm form, int maxPaths, boolean derive) {
        PageElements elements = PageElements.of(p.model().namedParameters(), chosen);
        Tensor loss = p.loss().get();
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("\"example\": ").append(Json.quote(p.description())).append(",\n");
        sb.append("\"selected\": ").append(Json.quote(chosen.toString())).append(",\n");
        sb.append("\"form\": ").append(Json.quote(form.id())).append(",\n");
        sb.append("\"derive\": ").append(derive).append(",\n");
        sb.append("\"subset\": ").append(elements.subset() == null ? "null" : Json.quote(elements.subset())).append(",\n");
        sb.append("\"derivation\": ").append(loss.op() instanceof SoftmaxCrossEntropy
                ? SoftmaxNumbers.of(loss, 0).toJson() : "null").append(",\n");
        sb.append("\"explanations\": [");
        String sep = "\n";
        for (ParamRef ref : elements.refs()) {
            Explanation e = PathExplainer.of(form, maxPaths).explain(p.loss(), ref.tensor(), ref.index());
            sb.append(sep).append(entry(e));
            sep = ",\n";
            if (e.other() != null) {
                Explanation o = PathExplainer.of(e.other().form(), maxPaths).explain(p.loss(), ref.tensor(), ref.index());
                sb.append(sep).append(entry(o));
            }
        }
        return sb.append("]\n}").toString();
    }

    /**
     * One explanation: its {@code --json} report, the path count as a string (a JSON number above 2^53
     * would lose digits in the browser) and the relative differences the text report prints (to the sum
     * over the output positions too, for a shared convolution weight).
     */
    private static String entry(Explanation e) {
        StringBuilder sb = new StringBuilder("{\"report\": ").append(JsonReport.of(e).strip());
        sb.append(", \"pathCount\": ").append(Json.quote(e.pathCount().toString()));
        sb.append(", \"relAutodiff\": ").append(Json.numberOrNull(Explanation.relativeDifference(e.total(), e.autodiff())));
        sb.append(", \"relNumeric\": ").append(Json.numberOrNull(Explanation.relativeDifference(e.total(), e.numeric())));
        sb.append(", \"relPositions\": ").append(e.sharing() == null ? "null"
                : Json.numberOrNull(Explanation.relativeDifference(e.total(), e.sharing().sum())));
        sb.append(", \"relOther\": ").append(e.other() == null ? "null"
                : Json.numberOrNull(Explanation.relativeDifference(e.total(), e.other().total())));
        return sb.append('}').toString();
    }

    /** The template's text. */
    static String template() {
        try (InputStream in = ExplainPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + TEMPLATE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
