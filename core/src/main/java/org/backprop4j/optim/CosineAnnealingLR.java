package org.backprop4j.optim;

/**
 * Cosine annealing from {@code baseLr} down to {@code etaMin} over {@code tMax} steps, in the closed
 * form of PyTorch's {@code CosineAnnealingLR} (without restarts):
 * {@code lr(t) = etaMin + (baseLr − etaMin) (1 + cos(π t / tMax)) / 2}. Past {@code tMax} the
 * formula continues, so the rate rises again, as in PyTorch; stop or chain the schedule there.
 */
public final class CosineAnnealingLR implements LrSchedule {
    private final double baseLr;
    private final int tMax;
    private final double etaMin;

    /** Cosine annealing; tMax >= 1, etaMin finite and >= 0. */
    public CosineAnnealingLR(double baseLr, int tMax, double etaMin) {
        this.baseLr = Checks.learningRate(baseLr);
        this.tMax = Checks.atLeast("T_max", tMax, 1);
        this.etaMin = Checks.nonNegative("eta_min", etaMin);
    }

    /** {@code etaMin + (baseLr − etaMin) (1 + cos(π t / tMax)) / 2}. */
    @Override
    public double lr(int t) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * Checks.stepIndex(t) / tMax)) / 2;
    }
}
