package org.backprop4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small data sets bundled with backprop4j as classpath resources (copies of scikit-learn's,
 * which come from the UCI Machine Learning Repository; see the NOTICE file next to them). Each call
 * reads the resource again and returns a new data set.
 */
public final class Datasets {
    private static final String DIGITS = "digits.csv.gz";
    private static final String IRIS = "iris.csv";

    private Datasets() {
    }

    /**
     * The optical recognition of handwritten digits: 1797 images of 8x8 pixels with values 0..16
     * (features {@code pixel_r_c}, row-major), 10 classes named "0".."9".
     */
    public static Dataset digits() {
        Dataset raw = CsvReader.builder().header(false).numClasses(10).build().read(open(DIGITS), source(DIGITS));
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add(Integer.toString(k));
        }
        List<String> pixels = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                pixels.add("pixel_" + r + "_" + c);
            }
        }
        return new Dataset(raw.featureData(), raw.numFeatures(), raw.labelData(), 10, classes, pixels);
    }

    /**
     * Fisher's iris: 150 flowers, 4 features in centimetres, 3 classes of 50 ("setosa", "versicolor",
     * "virginica").
     */
    public static Dataset iris() {
        // scikit-learn's header line is "n_samples,n_features,class names..." rather than column names.
        List<String> header;
        try (var r = new BufferedReader(new InputStreamReader(open(IRIS), StandardCharsets.UTF_8))) {
            header = Arrays.asList(r.readLine().split(","));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source(IRIS), e);
        }
        int n = Integer.parseInt(header.get(0));
        int d = Integer.parseInt(header.get(1));
        List<String> classes = header.subList(2, header.size());
        Dataset raw = CsvReader.builder().header(true).numClasses(classes.size()).build()
                .read(open(IRIS), source(IRIS));
        if (raw.size() != n || raw.numFeatures() != d) {
            throw new IllegalStateException(source(IRIS) + " has " + raw.size() + " x " + raw.numFeatures()
                    + " values but its header announces " + n + " x " + d);
        }
        List<String> features = List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                "petal width (cm)");
        return new Dataset(raw.featureData(), d, raw.labelData(), classes.size(), classes, features);
    }

    private static InputStream open(String name) {
        InputStream in = Datasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the bundled data set " + source(name) + " is missing from the classpath");
        }
        return in;
    }

    private static String source(String name) {
        return "classpath:org/backprop4j/data/" + name;
    }
}
