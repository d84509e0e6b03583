package org.backprop4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingListener;

/**
 * A progress bar per epoch on a terminal, showing the running loss, accuracy and samples per
 * second; when the epoch ends the bar is replaced by the epoch's summary line.
 */
final class ProgressBarPrinter implements TrainingListener {
    private final PrintStream out;
    private ProgressBar bar;
    private int totalEpochs;
    private long start;
    private double lossSum;
    private long correct;
    private long seen;

    ProgressBarPrinter(PrintStream out) {
        this.out = out;
    }

    /** A listener that draws progress bars when stdout is a terminal and prints plain lines otherwise. */
    static TrainingListener forConsole(PrintStream out) {
        return System.console() != null ? new ProgressBarPrinter(out) : new EpochPrinter(out);
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int samples) {
        totalEpochs = epochs;
        lossSum = 0;
        correct = 0;
        seen = 0;
        start = System.nanoTime();
        bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(samples)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out)).clearDisplayOnFinish().hideEta().build();
    }

    @Override
    public void onBatchEnd(int epoch, int step, int batchSize, double loss, int batchCorrect) {
        lossSum += loss * batchSize;
        correct += batchCorrect;
        seen += batchSize;
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        bar.stepBy(batchSize);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.4f %,.0f samples/s", lossSum / seen,
                (double) correct / seen, seen / seconds));
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(EpochPrinter.line(r, totalEpochs));
    }
}
