package org.backprop4j.optim;

import java.util.List;
import java.util.Map;
import org.backprop4j.kernel.OptimizerUpdates;
import org.backprop4j.kernel.OptimizerUpdatesF64;
import org.backprop4j.kernel.SgdCoefficients;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and (coupled,
 * L2) weight decay: the algorithm of PyTorch's {@code torch.optim.SGD}. For each parameter p
 * with gradient g, with weight decay λ, momentum μ, dampening τ and learning rate γ:
 *
 * <pre>
 * g = g + λ p                          (when λ ≠ 0)
 * b = g at the first update,  b = μ b + (1 − τ) g  afterwards   (when μ ≠ 0)
 * g = g + μ b  (Nesterov)   or   g = b                          (when μ ≠ 0)
 * p = p − γ g
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 *
 * <p>The state per parameter is {@code momentum_buffer} (only with momentum). Float32 parameters are
 * updated in float32 arithmetic, as PyTorch updates float32 tensors. Plain SGD on float32 is one fused
 * multiply-add, {@code p = fma(-(float) lr, g, p)}: the arithmetic of PyTorch's
 * {@code p.add_(g, alpha=-lr)}; the forms with momentum or weight decay use no fused multiply-add. Each
 * is one vectorised pass per parameter, split over the kernel pool (kernel.OptimizerUpdates).
 */
public final class SGD extends Optimizer {
    /** The name of SGD in {@link OptimizerRegistry}. */
    public static final String NAME = "sgd";
    private static final String MOMENTUM = "momentum";
    private static final String DAMPENING = "dampening";
    private static final String NESTEROV = "nesterov";
    private static final String WEIGHT_DECAY = "weight_decay";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    /** Reused for every update (a step allocates nothing); steps of one optimiser never overlap. */
    private final SgdCoefficients coefficients = new SgdCoefficients();

    private SGD(Builder b) {
        super(b.params, b.lr, b.momentum != 0 ? List.of(MOMENTUM_BUFFER) : List.of());
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
    }

    /**
     * A builder for an SGD optimiser of the given parameters (learning rate 1e-3 unless set).
     *
     * @param params the parameters to update
     * @return a builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** An SGD optimiser of {@code params} from hyper-parameters named as in {@link #hyperParameters()}. */
    static SGD create(List<Tensor> params, HyperParameters hp) {
        Builder b = builder(params);
        hp.number("lr", b::lr);
        hp.number(MOMENTUM, b::momentum);
        hp.number(DAMPENING, b::dampening);
        hp.flag(NESTEROV, b::nesterov);
        hp.number(WEIGHT_DECAY, b::weightDecay);
        return b.build();
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** Adds momentum, dampening, nesterov and weight_decay. */
    @Override
    protected void addHyperParameters(Map<String, Object> out) {
        out.put(MOMENTUM, momentum);
        out.put(DAMPENING, dampening);
        out.put(NESTEROV, nesterov);
        out.put(WEIGHT_DECAY, weightDecay);
    }

    /** One SGD update of parameter {@code i}: one fused pass. */
    @Override
    protected boolean update(int i, NDArray p, NDArray g, long t, double lr) {
        NDArray b = momentum != 0 ? buffer(i, 0) : null;
        SgdCoefficients c = coefficients.set(lr, weightDecay, momentum, dampening, nesterov, t == 1);
        if (p.dtype() == DType.FLOAT64) {
            return OptimizerUpdatesF64.sgd(p.doubleData(), g.doubleData(), b == null ? null : b.doubleData(),
                    twinDouble(i), c);
        }
        return OptimizerUpdates.sgd(p.floatData(), g.floatData(), b == null ? null : b.floatData(), twinFloat(i), c);
    }

    /**
     * The momentum factor μ.
     *
     * @return μ
     */
    public double momentum() {
        return momentum;
    }

    /**
     * The dampening τ of the momentum.
     *
     * @return τ
     */
    public double dampening() {
        return dampening;
    }

    /**
     * Whether Nesterov momentum is used.
     *
     * @return whether the step uses Nesterov momentum
     */
    public boolean nesterov() {
        return nesterov;
    }

    /**
     * The (coupled, L2) weight decay λ.
     *
     * @return λ
     */
    public double weightDecay() {
        return weightDecay;
    }

    /** Options of an {@link SGD} optimiser; every setter validates its value and returns the builder. */
    public static final class Builder {
        private final List<Tensor> params;
        private double lr = 1e-3;
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;

        private Builder(List<Tensor> params) {
            this.params = params;
        }

        /**
         * The learning rate γ (default 1e-3, as in PyTorch); finite and >= 0.
         *
         * @param lr the learning rate
         * @return this builder
         */
        public Builder lr(double lr) {
            this.lr = Checks.learningRate(lr);
            return this;
        }

        /**
         * The momentum factor μ (default 0: no momentum); finite and >= 0.
         *
         * @param momentum μ
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = Checks.nonNegative("momentum", momentum);
            return this;
        }

        /**
         * The dampening τ of the momentum (default 0); in [0, 1].
         *
         * @param dampening τ
         * @return this builder
         */
        public Builder dampening(double dampening) {
            this.dampening = Checks.unitInterval("dampening", dampening);
            return this;
        }

        /**
         * Whether to use Nesterov momentum (default false); needs momentum > 0 and dampening 0.
         *
         * @param nesterov true for Nesterov momentum
         * @return this builder
         */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * The weight decay λ added to the gradient as {@code λ p} (default 0); finite and >= 0.
         *
         * @param weightDecay λ
         * @return this builder
         */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
            return this;
        }

        /**
         * The configured optimiser; throws when Nesterov momentum lacks momentum or has dampening.
         *
         * @return a new optimiser
         * @throws IllegalArgumentException when a setting is out of range or the parameters are not valid
         */
        public SGD build() {
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening, got momentum "
                        + momentum + " and dampening " + dampening);
            }
            return new SGD(this);
        }
    }
}
