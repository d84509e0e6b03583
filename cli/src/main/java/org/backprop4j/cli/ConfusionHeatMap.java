package org.backprop4j.cli;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/** A confusion matrix as a PNG heat map: true class down, predicted class across, each cell's count written in it. */
final class ConfusionHeatMap {
    private ConfusionHeatMap() {
    }

    /** Writes the heat map of {@code matrix} [true][predicted] with the given class names. */
    static void write(int[][] matrix, List<String> classNames, String title, OutputStream out) throws IOException {
        Png.prepare();
        int k = matrix.length;
        int side = Math.max(520, 60 * k + 220);
        HeatMapChart c = new HeatMapChartBuilder().width(side + 120).height(side).title(title)
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        List<String> names = new ArrayList<>(classNames);
        // the first row is drawn at the bottom; list the true classes reversed so that class 0 is on top
        List<String> rows = new ArrayList<>(names);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[]{p, k - 1 - t, matrix[t][p]});
                max = Math.max(max, matrix[t][p]);
            }
        }
        c.addSeries("count", names, rows, cells);
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setShowValue(true);
        s.setHeatMapValueDecimalPattern("0");
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 12 ? 9 : 12));
        s.setValueFontColor(Color.BLACK);
        s.setMin(0);
        s.setMax(max);
        s.setRangeColors(new Color[]{new Color(247, 251, 255), new Color(107, 174, 214), new Color(33, 113, 181)});
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setXAxisLabelRotation(k > 5 ? 45 : 0);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setDrawBorder(true);
        BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
    }
}
