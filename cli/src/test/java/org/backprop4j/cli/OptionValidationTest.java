package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad option values are found before any data is read: every case trains on a CSV that would fail
 * to load (a ragged row), so an error about the option proves the data was not touched. Each error
 * is one line that blames the option at fault.
 */
class OptionValidationTest {
    @TempDir
    static Path dir;
    private static Path ragged;

    @BeforeEach
    void files() throws IOException {
        ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,0\n3,1\n");
        Files.writeString(dir.resolve("regular-file"), "x");
        Files.createDirectories(dir.resolve("a-directory"));
    }

    static Stream<Arguments> badTrainOptions() {
        return Stream.of(
                c(new String[]{"--epochs", "0"}, "--epochs must be at least 1, got 0"),
                c(new String[]{"--batch-size", "0"}, "--batch-size must be at least 1, got 0"),
                c(new String[]{"--limit", "0"}, "--limit must be at least 1, got 0"),
                c(new String[]{"--dropout", "1.0"}, "--dropout must be in [0, 1), got 1"),
                c(new String[]{"--lr", "-1"}, "--lr must be a positive number, got -1"),
                c(new String[]{"--lr", "NaN"}, "--lr must be a positive number, got NaN"),
                c(new String[]{"--weight-decay", "-0.5"}, "--weight-decay must be a number >= 0, got -0.5"),
                c(new String[]{"--val-split", "1.0"}, "--val-split must be in [0, 1), got 1"),
                c(new String[]{"--test-split", "0"}, "--test-split must be in (0, 1), got 0"),
                c(new String[]{"--hidden", "16,0"}, "--hidden sizes must be at least 1, got [16, 0]"),
                c(new String[]{"--threads", "100000"}, "--threads must be between 1 and "),
                c(new String[]{"--threads", "2000000000"}, "--threads must be between 1 and "),
                c(new String[]{"--hidden", "500000000"}, "--hidden 500000000: a model of ", "; raise -Xmx"),
                c(new String[]{"--schedule", "step:x"}, "bad --schedule 'step:x': 'x' is not a whole number"),
                c(new String[]{"--on-nan", "ignore"}, "--on-nan must be stop or skip-batch, got ignore"),
                c(new String[]{"--early-stopping", "3", "--val-split", "0"}, "--early-stopping needs validation data"),
                c(new String[]{"--metrics-out", "@regular-file/m.json"}, "--metrics-out ", "regular-file is not a directory"),
                c(new String[]{"--plot", "@a-directory"}, "--plot ", "is a directory; give a file name"),
                c(new String[]{"--save", "@a-directory"}, "--save ", "is a directory; give a file name"),
                c(new String[]{"--resume", "@missing.safetensors"}, "--resume ", "missing.safetensors: no such file"),
                c(new String[]{"--test-csv", "@a-directory"}, "--test-csv ", "is a directory, not a file"),
                c(new String[]{"--label", "99999999999"}, "--label 99999999999 is not a column index of any CSV"));
    }

    private static Arguments c(String[] options, String... fragments) {
        return Arguments.of(options, fragments);
    }

    /** Each case: the options (a value "@name" is the file "name" in the temp dir) and fragments of the error. */
    @ParameterizedTest
    @MethodSource("badTrainOptions")
    void aBadTrainOptionIsBlamedBeforeTheDataIsRead(String[] options, String... fragments) {
        String[] args = Stream.concat(Stream.of("train", "--csv", ragged.toString()),
                Arrays.stream(options).map(o -> o.startsWith("@") ? dir.resolve(o.substring(1)).toString() : o))
                .toArray(String[]::new);
        Cli.Result r = Cli.run(args);
        OneLine.assertError(r, fragments);
        assertThat(r.err()).doesNotContain("ragged.csv, line");
    }

    @Test
    void aMissingCsvIsNamedWithTheReason() {
        OneLine.assertError(Cli.run("train", "--csv", dir.resolve("nofile.csv").toString()), "--csv ", "nofile.csv: no such file");
    }

    @Test
    void gradcheckOptions() {
        OneLine.assertError(Cli.run("gradcheck", "--targets", "foo"), "--targets must be labels or soft, got 'foo'");
        OneLine.assertError(Cli.run("gradcheck", "--tolerance", "NaN"), "--tolerance must be a positive number, got NaN");
        OneLine.assertError(Cli.run("gradcheck", "--label-smoothing", "1"), "--label-smoothing must be in [0, 1), got 1");
        OneLine.assertError(Cli.run("gradcheck", "--batch", "0"), "--batch must be at least 1, got 0");
    }

    @Test
    void aParseErrorIsOneLineWithAHintNotTheUsage() {
        Cli.Result r = Cli.run("train", "--no-such-option");
        OneLine.assertError(r, "Unknown option: '--no-such-option'", "(see backprop4j train --help)");
        assertThat(r.err()).doesNotContain("Usage");
        Cli.Result typo = Cli.run("train", "--epochs", "many");
        OneLine.assertError(typo, "--epochs", "'many'", "(see backprop4j train --help)");
    }

    @Test
    void aTestCsvWithOtherColumnsIsFoundBeforeTraining() throws IOException {
        Path train = Cli.blobsCsv(dir.resolve("train.csv"), 20, 1);
        Path test = Files.writeString(dir.resolve("test.csv"), "a,b,kind,c,extra\n1,0.01,dog,2,5\n100,0.02,cat,1,6\n");
        Cli.Result r = Cli.run("train", "--csv", train.toString(), "--test-csv", test.toString(), "--label", "kind",
                "--epochs", "1");
        OneLine.assertError(r, "--test-csv ", "test.csv has 4 feature columns but --csv ", "train.csv has 3");
        assertThat(r.out()).doesNotContain("epoch");
    }

    @Test
    void longMessagesAreCut() {
        String hidden = "1" + ",1".repeat(5000);
        Cli.Result r = Cli.run("train", "--csv", ragged.toString(), "--hidden", hidden.replaceFirst("1$", "0"));
        OneLine.assertError(r, "--hidden sizes must be at least 1", "more characters)");
        assertThat(r.err().length()).isLessThan(Main.MAX_MESSAGE + 100);
    }
}
