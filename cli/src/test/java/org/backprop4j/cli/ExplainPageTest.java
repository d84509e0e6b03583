package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.explain.ParamRef;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explain page without a browser: the template filling, what the file holds, bad options, the element choice. */
class ExplainPageTest {

    @Test
    void fillEscapesEveryLessThanSoNoScriptEndsEarly() {
        String template = "<script type=\"application/json\">" + ExplainPage.DATA_MARK + "</script><p>after</p>";
        String page = ExplainPage.fill(template, "{\"note\": \"</script><!-- x < y\"}");
        assertThat(page).isEqualTo("<script type=\"application/json\">{\"note\": \"\\u003c/script>\\u003c!-- x \\u003c y\"}"
                + "</script><p>after</p>");
        assertThatThrownBy(() -> ExplainPage.fill("<p>no mark</p>", "{}")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly once");
        assertThatThrownBy(() -> ExplainPage.fill(ExplainPage.DATA_MARK + ExplainPage.DATA_MARK, "{}"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void classicPageIsSelfContainedSmallAndEmbedsTheJsonOfEveryWeightInBothForms(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("page.html");
        Cli.Result r = Cli.run("explain", "--html", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String page = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isLessThan(1 << 20);
        // no network: nothing loaded from anywhere, scripts and styles inline
        assertThat(page).doesNotContainPattern("(?i)\\s(src|href)\\s*=").doesNotContainPattern("(?i)<link|@import|url\\(")
                .doesNotContainPattern("(?i)https?://(?!www\\.w3\\.org/(1998/Math/MathML|2000/svg)')");
        for (String param : List.of("0.weight[0,0]", "0.weight[0,1]", "0.bias[1]", "2.weight[1,0]", "2.bias[0]")) {
            for (String form : List.of("textbook", "fused")) {
                Cli.Result json = Cli.run("explain", "--json", "--param", param, "--form", form);
                assertThat(json.exit()).isZero();
                assertThat(page).contains(json.out().strip().replace("<", "\\u003c"));
            }
        }
        assertThat(page).contains("\"selected\": \"0.weight[0,1]\"").contains("\"subset\": null").contains("\"tau\": 1.0");
    }

    @Test
    void badHtmlOptionsAreOneLineErrorsWithExitTwo(@TempDir Path dir) {
        Cli.Result missing = Cli.run("explain", "--html", dir.resolve("no/such/dir/page.html").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("--html").contains("does not exist");
        Cli.Result both = Cli.run("explain", "--json", "--html", dir.resolve("p.html").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--html and --json cannot be combined");
        Cli.Result directory = Cli.run("explain", "--html", dir.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("is a directory");
        Cli.Result form = Cli.run("explain", "--form", "both", "--html", dir.resolve("p.html").toString());
        assertThat(form.exit()).isEqualTo(2);
        assertThat(form.err()).contains("unknown --form 'both'");
        assertThat(dir.resolve("p.html")).doesNotExist();
    }

    @Test
    void smallModelsOfferEveryElementLargeOnesFirstMiddleLastAndTheChosen() {
        Map<String, Tensor> small = new LinkedHashMap<>();
        small.put("w", Tensor.of(new double[6], 2, 3));
        small.put("b", Tensor.of(new double[2], 2));
        PageElements all = PageElements.of(small, ParamRef.parse("w[1,2]", small));
        assertThat(all.subset()).isNull();
        assertThat(all.refs()).extracting(ParamRef::toString)
                .containsExactly("w[0,0]", "w[0,1]", "w[0,2]", "w[1,0]", "w[1,1]", "w[1,2]", "b[0]", "b[1]");

        Map<String, Tensor> large = new LinkedHashMap<>();
        large.put("0.weight", Tensor.of(new double[12 * 7], 12, 7));
        large.put("0.bias", Tensor.of(new double[12], 12));
        PageElements some = PageElements.of(large, ParamRef.parse("0.weight[3,4]", large));
        assertThat(some.refs()).extracting(ParamRef::toString)
                .containsExactly("0.weight[0,0]", "0.weight[3,4]", "0.weight[6,0]", "0.weight[11,6]", "0.bias[0]", "0.bias[6]",
                        "0.bias[11]");
        assertThat(some.subset()).contains("96 parameter elements").contains("7 of them").contains("0.weight[3,4]");
    }
}
