package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what {@code explain} and {@code graph} print for the built-in example byte for byte. The golden
 * files under {@code src/test/resources/org/backprop4j/cli/golden/} were written by this test from the
 * code before the derivatives moved into the ops (commit 34ef629), with
 * {@code mvn -B -pl cli -am test -Dtest=ExplainGoldenCliTest -Dsurefire.failIfNoSpecifiedTests=false -Dexplain.golden.write=true};
 * their purpose is "the output is unchanged by that refactor".
 */
class ExplainGoldenCliTest {
    private static final String DIR = "org/backprop4j/cli/golden/";

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("explain", new String[]{"explain"}),
                Arguments.of("explain-json", new String[]{"explain", "--json"}),
                Arguments.of("explain-derive", new String[]{"explain", "--derive"}),
                Arguments.of("explain-fused", new String[]{"explain", "--form", "fused"}),
                Arguments.of("explain-soft-fused", new String[]{"explain", "--targets", "soft", "--form", "fused",
                        "--param", "2.weight[0,1]"}),
                Arguments.of("explain-soft-textbook-json", new String[]{"explain", "--targets", "soft", "--json",
                        "--param", "0.bias[1]"}),
                Arguments.of("explain-soft-derive", new String[]{"explain", "--targets", "soft", "--class", "0", "--derive"}),
                Arguments.of("explain-one-path", new String[]{"explain", "--max-paths", "1", "--param", "2.bias[0]"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void explainPrintsTheGoldenText(String name, String[] args) throws IOException {
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        check(name, r.out());
    }

    @Test
    void graphWritesTheGoldenDot(@TempDir Path dir) throws IOException {
        Path dot = dir.resolve("g.dot");
        assertThat(Cli.run("graph", "--out", dot.toString(), "--param", "2.weight[1,0]").exit()).isZero();
        check("graph-dot", Files.readString(dot, StandardCharsets.UTF_8));
    }

    private static void check(String name, String actual) throws IOException {
        if (Boolean.getBoolean("explain.golden.write")) {
            Path file = Path.of("src/test/resources", DIR, name + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = ExplainGoldenCliTest.class.getClassLoader().getResourceAsStream(DIR + name + ".txt")) {
            assertThat(in).as("golden file %s.txt", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
