package org.backprop4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingListener;

/** Prints one line per epoch: losses, accuracies and throughput (the output when it is not a terminal). */
final class EpochPrinter implements TrainingListener {
    private final PrintStream out;
    private int totalEpochs;

    EpochPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int samples) {
        this.totalEpochs = epochs;
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        out.println(line(r, totalEpochs));
    }

    /** "epoch 3/15  loss 0.3512  acc 0.8731  val_loss ...  val_acc ...  12,345 samples/s  lr 0.00097". */
    static String line(EpochResult r, int totalEpochs) {
        String width = String.valueOf(totalEpochs);
        // no trained sample (every batch skipped under --on-nan skip-batch) leaves loss and accuracy unmeasured, not 0
        boolean trained = r.samplesPerSecond() > 0;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width.length() + "d/%s  ", r.epoch(), width));
        sb.append(trained ? String.format(Locale.ROOT, "loss %.4f  acc %.4f", r.trainLoss(), r.trainAccuracy())
                : "loss n/a  acc n/a (no batch trained)");
        if (r.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f", r.validationLoss(), r.validationAccuracy()));
        }
        sb.append(String.format(Locale.ROOT, "  %,.0f samples/s  %.1f s  lr %.3g", r.samplesPerSecond(), r.seconds(),
                r.learningRate()));
        return sb.toString();
    }
}
