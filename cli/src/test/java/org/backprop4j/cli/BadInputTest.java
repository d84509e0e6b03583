package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt or hostile files on the command line: each gives exit status 2 and one line on stderr,
 * "error: ..." naming the file and the problem, without a stack trace unless --debug is given.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static byte[] idx(int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[]{0, 0, 0x08, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(new byte[dataBytes]);
        return bytes.toByteArray();
    }

    /** An MNIST directory whose files are valid except the training images, which are {@code images}. */
    private Path mnistDir(byte[] images, byte[] labels) throws IOException {
        Path d = Files.createDirectories(dir.resolve("mnist"));
        Files.write(d.resolve("train-images-idx3-ubyte"), images);
        Files.write(d.resolve("train-labels-idx1-ubyte"), labels);
        Files.write(d.resolve("t10k-images-idx3-ubyte"), idx(new int[]{2, 28, 28}, 2 * 784));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(new int[]{2}, 2));
        return d;
    }

    private static void assertOneLineError(Cli.Result r, String... fragments) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    private Cli.Result trainMnist(Path d, String... extra) {
        String[] base = {"train", "--dataset", "mnist", "--data-dir", d.toString(), "--epochs", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void aTinyIdxFileClaimingABillionImagesIsRejectedWithoutAllocating() throws IOException {
        byte[] liar = idx(new int[]{1_000_000_000, 28, 28}, 84); // 100 bytes in all
        assertThat(liar).hasSize(100);
        Path d = mnistDir(liar, idx(new int[]{2}, 2));
        assertOneLineError(trainMnist(d), "train-images-idx3-ubyte", "hold more than 2^31 values");
        Path d2 = mnistDir(idx(new int[]{1_000_000, 28, 1}, 84), idx(new int[]{2}, 2));
        assertOneLineError(trainMnist(d2), "train-images-idx3-ubyte", "the header implies 28000016 bytes but the file has 100");
    }

    @Test
    void idxHeadersClaimingMoreThanTheHeapAreRefusedBeforeAllocatingNamingTheSizes() throws IOException {
        Path d = mnistDir(idx(new int[]{Integer.MAX_VALUE, 28, 28}, 0), idx(new int[]{2}, 2)); // 16 bytes
        Path images = d.resolve("train-images-idx3-ubyte");
        OneLine.assertError(trainMnist(d), images.toString(), "[2147483647, 28, 28]", "more than 2^31 values");
        // 2,739,000 x 28 x 28 = 2,147,376,000 values, 2.1 GB as the bytes an IDX data set keeps: the file has
        // exactly the header's length (sparse, so it costs no disk) and only the memory budget can refuse it
        mnistDir(idx(new int[]{2_739_000, 28, 28}, 0), idx(new int[]{2}, 2));
        try (RandomAccessFile f = new RandomAccessFile(images.toFile(), "rw")) {
            f.setLength(16 + 2_147_376_000L);
        }
        OneLine.assertError(trainMnist(d), images + ": 2147376000 values needs 2.1 GB, the JVM can spare ", "raise -Xmx");
    }

    @Test
    void truncatedNegativeAndWrongMagicIdx() throws IOException {
        byte[] truncated = idx(new int[]{2, 28, 28}, 1000);
        assertOneLineError(trainMnist(mnistDir(truncated, idx(new int[]{2}, 2))), "train-images-idx3-ubyte", "truncated");
        byte[] negative = idx(new int[]{-3, 28, 28}, 0);
        assertOneLineError(trainMnist(mnistDir(negative, idx(new int[]{2}, 2))), "train-images-idx3-ubyte", "negative");
        byte[] magic = idx(new int[]{2, 28, 28}, 2 * 784);
        magic[0] = 0x50;
        assertOneLineError(trainMnist(mnistDir(magic, idx(new int[]{2}, 2))), "train-images-idx3-ubyte", "magic number");
        byte[] labels = idx(new int[]{2}, 0);
        labels = java.util.Arrays.copyOf(labels, labels.length + 2);
        labels[labels.length - 1] = 12;
        assertOneLineError(trainMnist(mnistDir(idx(new int[]{2, 28, 28}, 2 * 784), labels)), "train-labels-idx1-ubyte",
                "label 12");
    }

    @Test
    void badCsvFiles() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,0\n3,1\n");
        assertOneLineError(Cli.run("train", "--csv", ragged.toString()), "ragged.csv, line 3", "2 fields where line 1 has 3");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,y\n1,2,0\nNaN,1,1\n");
        assertOneLineError(Cli.run("train", "--csv", nan.toString()), "nan.csv, line 3, column 1", "\"NaN\" is not a number");
        Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,0\n1,\"x\ny\",1\n");
        assertOneLineError(Cli.run("train", "--csv", text.toString()), "text.csv, line 3, column 2", "\"x\\ny\" is not a number");
        Path gz = dir.resolve("broken.csv.gz");
        Files.write(gz, new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
        assertOneLineError(Cli.run("train", "--csv", gz.toString()), "broken.csv.gz", "gzip");
    }

    @Test
    void badModelFiles() throws IOException {
        Path notSafetensors = Files.writeString(dir.resolve("model.safetensors"), "PK\u0003\u0004 this is a zip file");
        assertOneLineError(Cli.run("evaluate", "--model", notSafetensors.toString()), "model.safetensors");
        Path hugeHeader = dir.resolve("huge.safetensors");
        Files.write(hugeHeader, new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0x7f, '{', '}'});
        assertOneLineError(Cli.run("evaluate", "--model", hugeHeader.toString()), "huge.safetensors", "exceeds the limit");
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,4]}}";
        Path lying = dir.resolve("lying.safetensors");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        b.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        b.write(h);
        b.write(new byte[4]);
        Files.write(lying, b.toByteArray());
        assertOneLineError(Cli.run("evaluate", "--model", lying.toString()), "lying.safetensors");
    }

    @Test
    void aModelWhoseShapesDoNotFitTheData() {
        Path model = dir.resolve("iris.safetensors");
        Cli.Result trained = Cli.run("train", "--dataset", "iris", "--epochs", "1", "--save", model.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        assertOneLineError(Cli.run("evaluate", "--model", model.toString(), "--dataset", "digits"), "iris.safetensors: the model takes 4 features", "but digits has 64");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,0\n3,1\n");
        Cli.Result r = Cli.run("--debug", "train", "--csv", ragged.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("\tat org.backprop4j.data.CsvColumns.checkWidth");
        Cli.Result r2 = Cli.run("train", "--csv", ragged.toString(), "--debug");
        assertThat(r2.err()).contains("\tat ");
    }

    @Test
    void onNanRejectsAnUnknownPolicy() {
        assertOneLineError(Cli.run("train", "--dataset", "iris", "--epochs", "1", "--on-nan", "ignore"),
                "--on-nan must be stop or skip-batch");
    }
}
