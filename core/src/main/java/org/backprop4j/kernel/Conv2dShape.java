package org.backprop4j.kernel;

/**
 * The sizes of one 2-D convolution: x {@code [batch, inChannels, H, W]}, weight
 * {@code [outChannels, inChannels/groups, kh, kw]}, output {@code [batch, outChannels, outH, outW]}.
 *
 * @param batch number of images N
 * @param inChannels input channels C
 * @param outChannels output channels O
 * @param groups number of groups (divides C and O)
 * @param window the window geometry over one plane
 */
public record Conv2dShape(int batch, int inChannels, int outChannels, int groups, Window2d window) {

    /** Input channels per group. */
    public int groupIn() {
        return inChannels / groups;
    }

    /** Output channels per group. */
    public int groupOut() {
        return outChannels / groups;
    }

    /** Rows of a group's column matrix (the GEMM's inner size): {@code C/groups · kh · kw}. */
    public int patch() {
        return groupIn() * window.kh() * window.kw();
    }

    /** True for a 1x1 kernel with stride 1, no padding and no dilation: x itself is the column matrix. */
    public boolean pointwise() {
        Window2d g = window;
        return g.kh() == 1 && g.kw() == 1 && g.sh() == 1 && g.sw() == 1 && g.ph() == 0 && g.pw() == 0;
    }

    /** Values of one input image, {@code C · H · W}. */
    public int inImage() {
        return inChannels * window.inPlane();
    }

    /** Values of one output image, {@code O · outH · outW}. */
    public int outImage() {
        return outChannels * window.outPlane();
    }

    /** Multiply-adds of the forward pass times two: {@code 2 · N · O · patch · outH · outW}. */
    public long flops() {
        return 2L * batch * outChannels * patch() * window.outPlane();
    }
}
