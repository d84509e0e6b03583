package org.backprop4j.nn;

import java.util.Objects;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Weight initialisers with exactly the formulas of PyTorch's {@code torch.nn.init}, writing in
 * place into a tensor's values and returning the tensor, and the process-wide default generator
 * that layers use when none is given ({@link #manualSeed} is {@code torch.manual_seed}).
 *
 * <p>For a weight shaped {@code [out, in, k1, k2, ...]}, {@code fan_in = in · k1 · k2 · ...} and
 * {@code fan_out = out · k1 · k2 · ...}. Xavier/Glorot: bound {@code gain · sqrt(6 / (fan_in + fan_out))},
 * std {@code gain · sqrt(2 / (fan_in + fan_out))}. Kaiming/He: std {@code gain / sqrt(fan)} with
 * {@code gain = calculateGain(nl, a)}, bound {@code sqrt(3) · std}.
 */
public final class Init {
    private static final Rng DEFAULT_RNG = new Rng(0);

    private Init() {
    }

    // ---------------------------------------------------------------- default generator

    /**
     * The process-wide generator, seeded 0 at start-up, that layers and {@link Dropout} use when
     * given none. Like the generator itself it is not thread-safe: build models on one thread.
     */
    public static Rng defaultRng() {
        return DEFAULT_RNG;
    }

    /** Reseeds the default generator (the same object), as {@code torch.manual_seed}; returns it. */
    public static Rng manualSeed(long seed) {
        DEFAULT_RNG.setState(new Rng(seed).state());
        return DEFAULT_RNG;
    }

    // ---------------------------------------------------------------- fans and gains

    /** {@code size(1) · receptive field}, where the receptive field is the product of the dimensions after the second. */
    public static int fanIn(Tensor w) {
        int[] s = requireMatrixOrMore(w);
        return s[1] * receptiveField(s);
    }

    /** {@code size(0) · receptive field}, where the receptive field is the product of the dimensions after the second. */
    public static int fanOut(Tensor w) {
        int[] s = requireMatrixOrMore(w);
        return s[0] * receptiveField(s);
    }

    private static int[] requireMatrixOrMore(Tensor w) {
        Objects.requireNonNull(w, "tensor");
        int[] s = w.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("fan in and fan out cannot be computed for a tensor with fewer than "
                    + "2 dimensions, shape is " + Shape.str(s));
        }
        return s;
    }

    private static int receptiveField(int[] s) {
        int r = 1;
        for (int i = 2; i < s.length; i++) {
            r *= s[i];
        }
        return r;
    }

    /** The fan a Kaiming initialiser scales by. */
    public static int fan(Tensor w, FanMode mode) {
        return Objects.requireNonNull(mode, "mode") == FanMode.FAN_IN ? fanIn(w) : fanOut(w);
    }

    /**
     * The recommended gain for a non-linearity; {@code param} is the negative slope of
     * {@link Nonlinearity#LEAKY_RELU} and is ignored by the others.
     */
    public static double calculateGain(Nonlinearity nl, double param) {
        switch (Objects.requireNonNull(nl, "nonlinearity")) {
            case TANH:
                return 5.0 / 3;
            case RELU:
                return Math.sqrt(2.0);
            case LEAKY_RELU:
                if (!Double.isFinite(param)) {
                    throw new IllegalArgumentException("negative slope " + param + " is not a valid number");
                }
                return Math.sqrt(2.0 / (1 + param * param));
            case SELU:
                return 3.0 / 4;
            default:
                return 1.0;
        }
    }

    /** The recommended gain, with PyTorch's default negative slope 0.01 for {@link Nonlinearity#LEAKY_RELU}. */
    public static double calculateGain(Nonlinearity nl) {
        return calculateGain(nl, 0.01);
    }

    // ---------------------------------------------------------------- basic fills

    /** Fills with values uniform in [low, high); returns the tensor. */
    public static Tensor uniform(Tensor w, double low, double high, Rng rng) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException("uniform needs finite low <= high, got [" + low + ", " + high + ")");
        }
        Objects.requireNonNull(rng, "rng");
        NDArray a = w.data();
        for (int i = 0, n = a.size(); i < n; i++) {
            a.set(i, low + (high - low) * rng.nextDouble());
        }
        return w;
    }

    /** Fills with values drawn from the normal distribution N(mean, std^2); returns the tensor. */
    public static Tensor normal(Tensor w, double mean, double std, Rng rng) {
        if (!(Double.isFinite(mean) && Double.isFinite(std) && std >= 0)) {
            throw new IllegalArgumentException("normal needs a finite mean and std >= 0, got mean " + mean + ", std " + std);
        }
        Objects.requireNonNull(rng, "rng");
        NDArray a = w.data();
        for (int i = 0, n = a.size(); i < n; i++) {
            a.set(i, mean + std * rng.nextGaussian());
        }
        return w;
    }

    /** Fills with one value; returns the tensor. */
    public static Tensor constant(Tensor w, double value) {
        w.data().fillInPlace(value);
        return w;
    }

    /** Fills with zeros; returns the tensor. */
    public static Tensor zeros(Tensor w) {
        return constant(w, 0.0);
    }

    // ---------------------------------------------------------------- Xavier / Glorot

    /** Xavier/Glorot uniform: U(-b, b) with {@code b = gain · sqrt(6 / (fan_in + fan_out))}; returns the tensor. */
    public static Tensor xavierUniform(Tensor w, double gain, Rng rng) {
        double std = xavierStd(w, gain);
        double bound = Math.sqrt(3.0) * std;
        return uniform(w, -bound, bound, rng);
    }

    /** Xavier/Glorot normal: N(0, std^2) with {@code std = gain · sqrt(2 / (fan_in + fan_out))}; returns the tensor. */
    public static Tensor xavierNormal(Tensor w, double gain, Rng rng) {
        return normal(w, 0.0, xavierStd(w, gain), rng);
    }

    private static double xavierStd(Tensor w, double gain) {
        requireGain(gain);
        int fans = fanIn(w) + fanOut(w);
        return w.size() == 0 ? 0.0 : gain * Math.sqrt(2.0 / fans);
    }

    private static void requireGain(double gain) {
        if (!(Double.isFinite(gain) && gain >= 0)) {
            throw new IllegalArgumentException("gain must be finite and non-negative, got " + gain);
        }
    }

    // ---------------------------------------------------------------- Kaiming / He

    /**
     * Kaiming/He uniform: U(-b, b) with {@code b = sqrt(3) · gain / sqrt(fan)} and
     * {@code gain = calculateGain(nl, a)}; returns the tensor. {@code a = sqrt(5)}, FAN_IN and
     * LEAKY_RELU give PyTorch's default for layers, U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
     */
    public static Tensor kaimingUniform(Tensor w, double a, FanMode mode, Nonlinearity nl, Rng rng) {
        double bound = Math.sqrt(3.0) * kaimingStd(w, a, mode, nl);
        return uniform(w, -bound, bound, rng);
    }

    /** Kaiming/He normal: N(0, std^2) with {@code std = calculateGain(nl, a) / sqrt(fan)}; returns the tensor. */
    public static Tensor kaimingNormal(Tensor w, double a, FanMode mode, Nonlinearity nl, Rng rng) {
        return normal(w, 0.0, kaimingStd(w, a, mode, nl), rng);
    }

    private static double kaimingStd(Tensor w, double a, FanMode mode, Nonlinearity nl) {
        int fan = fan(w, mode);
        double gain = calculateGain(nl, a);
        return w.size() == 0 ? 0.0 : gain / Math.sqrt(fan);
    }
}
