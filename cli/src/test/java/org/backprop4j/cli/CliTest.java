package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's main command and the gradient check, end to end through the command line. */
class CliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void trainWithNoFlagsReachesTheDigitsTarget() {
        Run r = run("train");
        assertThat(r.exit()).isZero();
        Matcher m = Pattern.compile("test accuracy: ([0-9.]+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.96);
        assertThat(r.out()).contains("digits: ").contains("epoch 30/30").contains("Linear(in_features=64, out_features=128");
    }

    @Test
    void gradcheckPassesAndPrintsTheWorstError() {
        Run r = run("gradcheck", "--targets", "soft", "--activation", "sigmoid");
        assertThat(r.exit()).as(r.out()).isZero();
        Matcher m = Pattern.compile("worst relative error over all parameters: ([0-9.e+-]+) \\(PASS").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-7);
        assertThat(r.out()).contains("0.weight").contains("4.bias");
    }

    @Test
    void badInputIsOneLineWithStatus2() {
        Run r = run("train", "--dataset", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: unknown data set 'nope'; choose one of digits, iris, fashion-mnist, mnist, or give a CSV file with --csv");
        Run h = run("train", "--activation", "swish", "--epochs", "1");
        assertThat(h.exit()).isEqualTo(2);
        assertThat(h.err()).contains("unknown activation 'swish'");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String cmd : new String[]{"train", "gradcheck"}) {
            Run r = run(cmd, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Examples:").contains("Usage: backprop4j " + cmd);
        }
    }
}
