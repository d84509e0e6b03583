package org.backprop4j.cli;

import java.nio.file.Path;
import org.backprop4j.data.CsvReader;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.Datasets;
import org.backprop4j.data.IdxDatasets;
import org.backprop4j.data.Split;
import picocli.CommandLine.Option;

/** The options that choose the data (--dataset, --data-dir, --csv, --test-csv, --label, --test-split), shared by the commands. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Data set: " + Preset.NAMES + " (default: digits, unless --csv is given).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the IDX files of fashion-mnist or mnist (default: "
                    + "/usr/share/datasets/fashion-mnist, /usr/share/datasets/mnist).")
    Path dataDir;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file (plain or gzip): numeric features and a label column.")
    Path csv;

    @Option(names = "--test-csv", paramLabel = "FILE",
            description = "A separate CSV test file, read like --csv; without it a stratified --test-split of --csv is held out.")
    Path testCsv;

    @Option(names = "--label", paramLabel = "NAME|INDEX",
            description = "The label column of the CSV: a header name or a 0-based index, negative from the end (default: the last column).")
    String label;

    @Option(names = "--test-split", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Held-out test fraction, stratified, for data without a test set of its own (default: ${DEFAULT-VALUE}).")
    double testSplit;

    /** The table that train's --spark-input reads with Spark instead of --dataset or --csv, or null. */
    private String table;

    /** Uses the table {@code name} (read by the Spark backend) as the data instead of --dataset or --csv. */
    void useTable(String name) {
        this.table = name;
    }

    /** The preset that --dataset or --csv selects. */
    Preset preset() {
        if (table != null) {
            if (dataset != null || csv != null || testCsv != null) {
                throw new IllegalArgumentException("give either --spark-input or --dataset/--csv/--test-csv, not both");
            }
            return Preset.CSV;
        }
        if (csv != null) {
            if (dataset != null) {
                throw new IllegalArgumentException("give either --dataset or --csv, not both");
            }
            return Preset.CSV;
        }
        if (testCsv != null || label != null) {
            throw new IllegalArgumentException(testCsv != null ? "--test-csv needs --csv FILE"
                    : "--label needs --csv FILE (or, for train, --spark-input FILE)");
        }
        return Preset.named(dataset == null ? "digits" : dataset);
    }

    /**
     * Checks the data options before anything is read: the choice of data set, --test-split, and
     * that the files and directories named exist and can be read.
     */
    void validate() {
        preset();
        OptionChecks.strictFraction("--test-split", testSplit);
        OptionChecks.readable("--csv", csv, false);
        OptionChecks.readable("--test-csv", testCsv, false);
        OptionChecks.readable("--data-dir", dataDir, true);
    }

    /** A readable name of the data: the preset or the CSV file. */
    String name() {
        if (table != null) {
            return table;
        }
        return csv != null ? csv.toString() : preset().cliName;
    }

    /**
     * The data split into a training part and a test part: the preset's own test set, the
     * --test-csv file, or a stratified --test-split of the data drawn with {@code seed}.
     */
    Split load(long seed) {
        Preset p = preset();
        switch (p) {
            case FASHION_MNIST:
                return IdxDatasets.fashionMnist(dataDir == null ? IdxDatasets.FASHION_MNIST_DIR : dataDir);
            case MNIST:
                return IdxDatasets.mnist(dataDir == null ? IdxDatasets.MNIST_DIR : dataDir);
            default:
                break;
        }
        if (dataDir != null) {
            throw new IllegalArgumentException("--data-dir applies to fashion-mnist and mnist only");
        }
        if (table != null) {
            throw new IllegalStateException("the --spark-input table " + table + " is read by the Spark backend");
        }
        Dataset all;
        if (p == Preset.CSV) {
            all = csvReader(null).read(csv);
            if (testCsv != null) {
                Dataset test = csvReader(all).read(testCsv);
                if (test.numFeatures() != all.numFeatures()) {
                    throw new IllegalArgumentException("--test-csv " + testCsv + " has " + test.numFeatures()
                            + " feature columns but --csv " + csv + " has " + all.numFeatures());
                }
                return new Split(all, test);
            }
        } else {
            all = p == Preset.IRIS ? Datasets.iris() : Datasets.digits();
        }
        return Split.stratifiedSplit(all, testSplit, seed);
    }

    /** Reads a CSV as the model's training data was read: the same label column and class mapping. */
    Dataset readCsvLike(Path file, java.util.List<String> classNames, int numClasses) {
        CsvReader.Builder b = labelled(CsvReader.builder());
        if (!classNames.isEmpty()) {
            b.classes(classNames);
        } else {
            b.numClasses(numClasses);
        }
        return b.build().read(file);
    }

    private CsvReader csvReader(Dataset trainedOn) {
        CsvReader.Builder b = labelled(CsvReader.builder());
        if (trainedOn != null) {
            if (!trainedOn.classNames().isEmpty()) {
                b.classes(trainedOn.classNames());
            } else {
                b.numClasses(trainedOn.numClasses());
            }
        }
        return b.build();
    }

    private CsvReader.Builder labelled(CsvReader.Builder b) {
        if (label == null) {
            return b;
        }
        if (label.matches("-?\\d{1,9}")) { // an index; longer digit strings are out of range anyway
            return b.labelColumn(Integer.parseInt(label));
        }
        if (label.matches("-?\\d+")) {
            throw new IllegalArgumentException("--label " + label + " is not a column index of any CSV");
        }
        return b.labelColumn(label);
    }
}
