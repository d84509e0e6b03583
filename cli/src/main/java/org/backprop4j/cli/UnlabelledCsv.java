package org.backprop4j.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.data.CsvReader;
import org.backprop4j.data.Dataset;
import org.backprop4j.io.SavedModel;

/** Reads a CSV of features only (no label column), for predict. */
final class UnlabelledCsv {
    private UnlabelledCsv() {
    }

    /**
     * The file's features when its first line has exactly the model's number of inputs as columns
     * (a dummy label is attached to read it), or null when it has more (it then has a label column).
     */
    static Dataset readIfUnlabelled(Path csv, SavedModel model) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).split(",", -1).length != model.spec().inputs()) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            boolean header = !lines.get(0).isEmpty() && !CsvReaderAccess.isNumericRow(lines.get(0));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                sb.append(line).append(i == 0 && header ? ",__label__" : ",0").append('\n');
            }
            return CsvReader.builder().header(header).numClasses(model.spec().outputs()).build()
                    .read(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), csv.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            return null; // gzip or other encodings: read as a labelled CSV
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Whether a line looks like data rather than a header. */
    private static final class CsvReaderAccess {
        static boolean isNumericRow(String line) {
            for (String f : line.split(",", -1)) {
                if (!f.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return false;
                }
            }
            return true;
        }
    }
}
