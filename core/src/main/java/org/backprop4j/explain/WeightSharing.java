package org.backprop4j.explain;

import java.math.BigInteger;
import java.util.List;

/**
 * How a convolution shares one weight element {@code w[o,c,i,j]}: it multiplies it at every output
 * position {@code out[n,o,y,x]}, each time by one input element (or by the zero padding), so
 * {@code dE/dw = sum over positions of dE/dout[n,o,y,x] * x[n, c, y*s + i*d - p, x*s + j*d - p]}.
 * Each position's {@code dE/dout} is the sum over the paths from E down to it; the counts and sums
 * here cover every position, and the lists only summarise them.
 *
 * @param operation   the convolution as written, such as {@code a = conv2d(x, 0.weight), stride=1, padding=1, ...}
 * @param output      the output positions of the weight element, such as {@code a[n,3,y,x]}
 * @param outputShape the shape {@code [N,O,H,W]} of the convolution's output
 * @param positions   the number of output positions, {@code N*H*W}
 * @param inPadding   how many of them meet the zero padding (their contribution is 0)
 * @param padding     the first of those positions, at most {@link #LISTED}
 * @param onPaths     how many positions lie on paths from E (the others have {@code dE/dout = 0}: no path reaches them)
 * @param pathCount   the number of paths through all positions
 * @param sum         the sum of all contributions, position by position in row-major order
 * @param top         the positions with the largest |contribution|, at most {@link #LISTED}, largest first
 * @param rows        per sample and output row, the sum over its positions
 */
public record WeightSharing(String operation, String output, int[] outputShape, int positions, int inPadding,
                            List<String> padding, int onPaths, BigInteger pathCount, double sum, List<Position> top,
                            List<Row> rows) {
    /** The most positions listed in {@link #top} and {@link #padding}. */
    public static final int LISTED = 10;

    /** Creates a summary; the lists and the shape are copied. */
    public WeightSharing {
        outputShape = outputShape.clone();
        padding = List.copyOf(padding);
        top = List.copyOf(top);
        rows = List.copyOf(rows);
    }

    /** The shape {@code [N,O,H,W]} of the convolution's output (a copy). */
    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    /**
     * One output position: its label and flat index in the output, the input element the weight multiplies there ({@code null} for
     * the padding), {@code dE/dout} there (the sum over its {@code paths}), that input value and their product.
     */
    public record Position(String output, int index, String input, double upstream, double inputValue, double contribution,
                           BigInteger paths) {
    }

    /** Output row {@code y} of sample {@code n}: its positions, how many meet padding or lie on paths, and the sum of their contributions. */
    public record Row(int sample, int row, int positions, int inPadding, int onPaths, double sum) {
    }
}
