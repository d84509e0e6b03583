package org.backprop4j.nn;

import java.util.Optional;
import java.util.Objects;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A 2-D convolution layer, as PyTorch's {@code torch.nn.Conv2d}: input {@code [N, in, H, W]},
 * weight {@code [out, in/groups, kh, kw]}, bias {@code [out]}. The weight starts as
 * {@code kaiming_uniform_(a=sqrt(5))} and the bias uniform in {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]}
 * with {@code fan_in = in/groups · kh · kw}, PyTorch's defaults. {@code new Conv2d(1, 32, 3)} or
 * {@code Conv2d.builder(1, 32, 3).padding(1).build()}.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final boolean hasBias;

    /**
     * A float32 layer with a square kernel, stride 1, no padding, bias, initialised from {@link Init#defaultRng()}.
     *
     * @param in the number of input channels
     * @param out the number of output channels (filters)
     * @param kernel the kernel's height and width
     */
    public Conv2d(int in, int out, int kernel) {
        this(builder(in, out, kernel));
    }

    private Conv2d(Builder b) {
        String problem = b.problem();
        if (problem != null) {
            throw new IllegalArgumentException("Conv2d(" + b.in + ", " + b.out + "): " + problem);
        }
        inChannels = b.in;
        outChannels = b.out;
        kernel = b.kernel.clone();
        stride = b.stride.clone();
        padding = b.padding.clone();
        dilation = b.dilation.clone();
        groups = b.groups;
        hasBias = b.bias;
        Tensor w = Tensor.zeros(b.dtype, outChannels, inChannels / groups, kernel[0], kernel[1]);
        Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, b.rng);
        registerParameter("weight", w);
        if (hasBias) {
            double bound = 1 / Math.sqrt(Init.fanIn(w));
            registerParameter("bias", Init.uniform(Tensor.zeros(b.dtype, outChannels), -bound, bound, b.rng));
        }
    }

    /**
     * A builder for a layer from {@code in} to {@code out} channels with a square kernel.
     *
     * @param in the number of input channels
     * @param out the number of output channels (filters)
     * @param kernel the kernel's height and width
     * @return a builder; its defaults are those of {@link #Conv2d(int, int, int)}
     */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    /** Maps {@code [N, in, H, W]} to {@code [N, out, outH, outW]}. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels) {
            throw new IllegalArgumentException("Conv2d(in_channels=" + inChannels + ") needs input [N, " + inChannels
                    + ", H, W], got " + Shape.str(x.shape()));
        }
        return x.conv2d(weight(), bias(), stride, padding, dilation, groups);
    }

    /**
     * The weight, shaped {@code [out, in/groups, kh, kw]}.
     *
     * @return the weight parameter
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shaped {@code [out]}, or null for a layer without bias.
     *
     * @return the bias parameter, or null
     */
    public Tensor bias() {
        return hasBias ? parameter("bias") : null;
    }

    /**
     * Number of input channels.
     *
     * @return C of the input {@code [N, C, H, W]}
     */
    public int inChannels() {
        return inChannels;
    }

    /**
     * Number of output channels.
     *
     * @return C of the output {@code [N, C, H', W']}
     */
    public int outChannels() {
        return outChannels;
    }

    @Override
    protected String extraRepr() {
        StringBuilder sb = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(pair(kernel)).append(", stride=").append(pair(stride));
        if (padding[0] != 0 || padding[1] != 0) {
            sb.append(", padding=").append(pair(padding));
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            sb.append(", dilation=").append(pair(dilation));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        return hasBias ? sb.toString() : sb.append(", bias=False").toString();
    }

    private static String pair(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }

    /** Settings of a {@link Conv2d}: stride 1, padding 0, dilation 1, one group, bias, float32 by default. */
    public static final class Builder {
        private final int in;
        private final int out;
        private int[] kernel;
        private int[] stride = {1, 1};
        private int[] padding = {0, 0};
        private int[] dilation = {1, 1};
        private int groups = 1;
        private boolean bias = true;
        private Rng rng = Init.defaultRng();
        private DType dtype = DType.FLOAT32;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = new int[]{kernel, kernel};
        }

        /**
         * A kernel of kh rows and kw columns.
         *
         * @param kh the kernel's height
         * @param kw the kernel's width
         * @return this builder
         */
        public Builder kernel(int kh, int kw) {
            kernel = new int[]{kh, kw};
            return this;
        }

        /**
         * The same stride along height and width.
         *
         * @param s the stride, at least 1
         * @return this builder
         */
        public Builder stride(int s) {
            return stride(s, s);
        }

        /**
         * Strides along height and width.
         *
         * @param sh the stride along the height
         * @param sw the stride along the width
         * @return this builder
         */
        public Builder stride(int sh, int sw) {
            stride = new int[]{sh, sw};
            return this;
        }

        /**
         * The same zero padding on every side.
         *
         * @param p the padding, at least 0
         * @return this builder
         */
        public Builder padding(int p) {
            return padding(p, p);
        }

        /**
         * Zero padding above and below (ph) and left and right (pw).
         *
         * @param ph the rows of zeros above and below
         * @param pw the columns of zeros left and right
         * @return this builder
         */
        public Builder padding(int ph, int pw) {
            padding = new int[]{ph, pw};
            return this;
        }

        /**
         * The same dilation along height and width.
         *
         * @param d the dilation, at least 1 (1: adjacent kernel taps)
         * @return this builder
         */
        public Builder dilation(int d) {
            return dilation(d, d);
        }

        /**
         * Dilations along height and width.
         *
         * @param dh the dilation along the height
         * @param dw the dilation along the width
         * @return this builder
         */
        public Builder dilation(int dh, int dw) {
            dilation = new int[]{dh, dw};
            return this;
        }

        /**
         * Number of groups; it must divide both channel counts.
         *
         * @param g the number of groups, at least 1
         * @return this builder
         */
        public Builder groups(int g) {
            groups = g;
            return this;
        }

        /**
         * Whether the layer has a bias.
         *
         * @param withBias true for a bias (the default)
         * @return this builder
         */
        public Builder bias(boolean withBias) {
            bias = withBias;
            return this;
        }

        /**
         * The generator for the initial values.
         *
         * @param generator the generator the weight, then the bias, are drawn from
         * @return this builder
         */
        public Builder rng(Rng generator) {
            rng = Objects.requireNonNull(generator, "rng");
            return this;
        }

        /**
         * The dtype of the parameters.
         *
         * @param type the dtype (default float32)
         * @return this builder
         */
        public Builder dtype(DType type) {
            dtype = Objects.requireNonNull(type, "dtype");
            return this;
        }

        /**
         * The layer.
         *
         * @return a new layer, initialised as PyTorch's {@code Conv2d}
         * @throws IllegalArgumentException when a setting is out of range or groups does not divide the channels
         */
        public Conv2d build() {
            return new Conv2d(this);
        }

        private String problem() {
            if (in < 1 || out < 1) {
                return "needs positive channel counts";
            }
            if (groups < 1 || in % groups != 0 || out % groups != 0) {
                return "groups=" + groups + " must divide in_channels=" + in + " and out_channels=" + out;
            }
            if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1 || dilation[0] < 1 || dilation[1] < 1) {
                return "kernel_size, stride and dilation must be at least 1, got " + pair(kernel) + ", " + pair(stride)
                        + ", " + pair(dilation);
            }
            if (padding[0] < 0 || padding[1] < 0) {
                return "padding must not be negative, got " + pair(padding);
            }
            return null;
        }
    }

    /** Describes the layer for a model file: channels, kernel, stride, padding and dilation (height, width), groups, bias. */
    @Override
    public Optional<LayerConfig> config() {
        return Optional.of(LayerConfig.of("Conv2d", "in_channels", inChannels, "out_channels", outChannels,
                "kernel_h", kernel[0], "kernel_w", kernel[1], "stride_h", stride[0], "stride_w", stride[1],
                "padding_h", padding[0], "padding_w", padding[1], "dilation_h", dilation[0], "dilation_w", dilation[1],
                "groups", groups, "bias", hasBias));
    }

    /** The layer a {@link #config()} describes, weights from {@code rng} in {@code dtype}. */
    static Conv2d fromConfig(LayerConfig c, Rng rng, DType dtype) {
        return builder(c.integer("in_channels"), c.integer("out_channels"), 1)
                .kernel(c.integer("kernel_h"), c.integer("kernel_w")).stride(c.integer("stride_h"), c.integer("stride_w"))
                .padding(c.integer("padding_h"), c.integer("padding_w"))
                .dilation(c.integer("dilation_h"), c.integer("dilation_w")).groups(c.integer("groups"))
                .bias(c.flag("bias")).rng(rng).dtype(dtype).build();
    }

    @Override
    public Conv2d train() {
        return (Conv2d) super.train();
    }

    @Override
    public Conv2d train(boolean mode) {
        return (Conv2d) super.train(mode);
    }

    @Override
    public Conv2d eval() {
        return (Conv2d) super.eval();
    }

    @Override
    public Conv2d to(DType dtype) {
        return (Conv2d) super.to(dtype);
    }
}
