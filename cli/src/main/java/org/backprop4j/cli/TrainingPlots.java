package org.backprop4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.train.EpochResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training curves as a PNG: loss (left) and accuracy (right) per epoch, training and validation. */
final class TrainingPlots {
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(255, 127, 14);

    private TrainingPlots() {
    }

    /** Writes the two charts side by side as one PNG; {@code title} heads both. */
    static void write(List<EpochResult> history, String title, OutputStream out) throws IOException {
        Png.prepare();
        List<Double> epochs = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        List<Double> valAcc = new ArrayList<>();
        for (EpochResult r : history) {
            epochs.add((double) r.epoch());
            trainLoss.add(r.trainLoss());
            trainAcc.add(r.trainAccuracy());
            valLoss.add(r.validationLoss());
            valAcc.add(r.validationAccuracy());
        }
        boolean hasValidation = !history.isEmpty() && history.get(0).hasValidation();
        XYChart loss = chart(title + ": loss", "cross-entropy loss");
        XYChart acc = chart(title + ": accuracy", "accuracy");
        add(loss, "train", epochs, trainLoss, TRAIN);
        add(acc, "train", epochs, trainAcc, TRAIN);
        if (hasValidation) {
            add(loss, "validation", epochs, valLoss, VALIDATION);
            add(acc, "validation", epochs, valAcc, VALIDATION);
        }
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        BitmapEncoder.saveBitmap(List.of(loss, acc), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(640).height(440).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setXAxisDecimalPattern("0");
        return c;
    }

    private static void add(XYChart c, String name, List<Double> x, List<Double> y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(x.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2.2f));
    }
}
