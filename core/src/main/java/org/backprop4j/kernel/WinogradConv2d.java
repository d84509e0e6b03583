package org.backprop4j.kernel;

/**
 * Winograd's F(2x2, 3x3) convolution (Lavin and Gray 2016, "Fast Algorithms for Convolutional Neural Networks") for
 * 3 x 3 kernels of stride 1 over enough channels ({@link #applies}: conv2's 32 to 64): each 2 x 2 output tile takes 16
 * products per channel pair instead of 36, and no column matrix. Per group, with the transforms of
 * {@link WinogradLoopsF32}: {@code U[xi] = (G g G^T)[xi]} once per call at the start of the scratch array; then for
 * each fixed chunk of {@link #chunkImages} images (whole chunks per pool thread, each with its own slot),
 * {@code V[xi] = (B^T d B)[xi]} for the chunk's tiles, the 16 GEMMs {@code M[xi] = U[xi]^T · V[xi]}
 * ({@link KernelSet#gemmBlock}, U read transposed in place, V packed), and {@code y = A^T M A (+ b)} per tile. Each
 * output depends on its own tile only, through the same operations in the same order, so the bits depend on neither
 * the thread count nor, since both sets' GEMMs agree bit for bit, the kernel set.
 * <p>The input gradient of a stride-1 convolution is the forward convolution of dy, padded by {@code 2 - p}, with the
 * weight turned by 180 degrees and its in and out channels swapped: the same code, {@code rotated}.
 */
final class WinogradConv2d {
    /**
     * Fewest channels in and out per group worth the transforms (conv1, with 1 channel in, stays direct). Measured
     * (1 thread, CPU ms per call of the forward pass / input gradient, batch 128, 14 x 14, padding 1,
     * docs/BENCHMARKS.md): 16 -> 16 channels 2.40 / 2.22 against 1.66 / 1.44 on the GEMM path, 16 -> 32 2.86 / 3.07
     * against 2.24 / 2.13; conv2's 32 -> 64 gains (medians 6.4 / 6.5 against 6.8 / 6.7).
     */
    static final int MIN_CHANNELS = 32;
    /**
     * Values of a chunk's V and M together that a chunk of images stays within (when one image does): 192 K floats,
     * 768 KB, so that they stay in a 1 MB L2 with the packed panels: 2 of conv2's images, which measured faster than
     * 1, 3, 6 or 12 (docs/BENCHMARKS.md).
     */
    static final int CHUNK_VALUES = 192 * 1024;

    private WinogradConv2d() {
    }

    /** Whether the forward pass of s takes this path: a 3 x 3 kernel, stride 1, no dilation, padding at most 2. */
    static boolean applies(Conv2dShape s) {
        return applies(s, false);
    }

    /** Whether the input gradient of s takes this path: as the forward pass, with the channels in and out swapped. */
    static boolean appliesToInputGradient(Conv2dShape s) {
        return applies(s, true);
    }

    private static boolean applies(Conv2dShape s, boolean rotated) {
        Window2d g = s.window();
        return g.kh() == 3 && g.kw() == 3 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1
                && g.ph() <= 2 && g.pw() <= 2 && s.groupIn() >= MIN_CHANNELS && s.groupOut() >= MIN_CHANNELS
                && g.outH() > 0 && g.outW() > 0;
    }

    // The convolution run: the forward pass of s or, rotated, its input gradient (dy in, dx out).
    private static int channelsIn(Conv2dShape s, boolean rotated) {
        return rotated ? s.groupOut() : s.groupIn();
    }

    private static int channelsOut(Conv2dShape s, boolean rotated) {
        return rotated ? s.groupIn() : s.groupOut();
    }

    private static int inH(Conv2dShape s, boolean rotated) {
        return rotated ? s.window().outH() : s.window().h();
    }

    private static int inW(Conv2dShape s, boolean rotated) {
        return rotated ? s.window().outW() : s.window().w();
    }

    private static int outH(Conv2dShape s, boolean rotated) {
        return rotated ? s.window().h() : s.window().outH();
    }

    private static int outW(Conv2dShape s, boolean rotated) {
        return rotated ? s.window().w() : s.window().outW();
    }

    static int tilesH(Conv2dShape s, boolean rotated) {
        return (outH(s, rotated) + 1) / 2;
    }

    static int tilesW(Conv2dShape s, boolean rotated) {
        return (outW(s, rotated) + 1) / 2;
    }

    /** Columns of V and M per image ({@link WinogradLoopsF32#columns}). */
    static int columns(Conv2dShape s, boolean rotated) {
        return WinogradLoopsF32.columns(tilesH(s, rotated), tilesW(s, rotated));
    }

    /** Images per chunk: as many as keep V and M within {@link #CHUNK_VALUES}, at least one; fixed by the shape. */
    static int chunkImages(Conv2dShape s, boolean rotated) {
        int perImage = 16 * (channelsIn(s, rotated) + channelsOut(s, rotated)) * columns(s, rotated);
        return Math.max(1, Math.min(s.batch(), CHUNK_VALUES / perImage));
    }

    /** Values of a slot's work buffer: the four phase planes of {@link WinogradLoopsF32#input}, or 4 rows of M. */
    private static int bufferLength(Conv2dShape s, boolean rotated) {
        int ld = chunkImages(s, rotated) * columns(s, rotated);
        return Math.max(4 * WinogradLoopsF32.phasePlane(tilesH(s, rotated), tilesW(s, rotated)), 4 * ld);
    }

    /** Values of U, {@code 16 · O · C/groups}, at the start of the scratch array (either way round). */
    private static int transformedWeights(Conv2dShape s) {
        return 16 * s.outChannels() * s.groupIn();
    }

    /** A slot: a work buffer ({@link #bufferLength}), then V and M of a chunk of images. */
    private static int slotLength(Conv2dShape s, boolean rotated) {
        int ld = chunkImages(s, rotated) * columns(s, rotated);
        return bufferLength(s, rotated) + 16 * (channelsIn(s, rotated) + channelsOut(s, rotated)) * ld;
    }

    private static int slotLength(Conv2dShape s) {
        return Math.max(slotLength(s, false), slotLength(s, true));
    }

    /** Length of the scratch array this path wants: U, then one slot per image range ({@link Conv2dKernels#slots}). */
    static int scratchLength(Conv2dShape s) {
        return transformedWeights(s) + Conv2dKernels.slots(s) * slotLength(s);
    }

    /** {@link Conv2dKernels#forward} on this path. */
    static <A> void forward(Conv2dAccess<A> a, Conv2dShape s, A x, A w, A b, A y, A scratch) {
        run(a, s, false, x, w, b, y, scratch);
    }

    /** {@link Conv2dKernels#inputGradient} on this path. */
    static <A> void inputGradient(Conv2dAccess<A> a, Conv2dShape s, A dy, A w, A dx, A scratch) {
        run(a, s, true, dy, w, null, dx, scratch);
    }

    private static <A> void run(Conv2dAccess<A> a, Conv2dShape s, boolean rotated, A in, A w, A b, A out, A scratch) {
        int cin = channelsIn(s, rotated);
        int cout = channelsOut(s, rotated);
        int th = tilesH(s, rotated);
        int tw = tilesW(s, rotated);
        int tilesPerImage = columns(s, rotated);
        int images = chunkImages(s, rotated);
        int ld = images * tilesPerImage; // V's and M's columns
        int groupWeights = s.groupOut() * s.patch();
        for (int g = 0; g < s.groups(); g++) {
            a.winogradWeights(w, g * groupWeights, cin, cout, rotated, scratch, g * 16 * cin * cout);
        }
        int inImage = cin * s.groups() * inH(s, rotated) * inW(s, rotated);
        int outImage = cout * s.groups() * outH(s, rotated) * outW(s, rotated);
        int inGroup = cin * inH(s, rotated) * inW(s, rotated);
        int outGroup = cout * outH(s, rotated) * outW(s, rotated);
        int ph = rotated ? 2 - s.window().ph() : s.window().ph();
        int pw = rotated ? 2 - s.window().pw() : s.window().pw();
        int chunks = (s.batch() + images - 1) / images;
        int fit = (a.length(scratch) - transformedWeights(s)) / slotLength(s);
        int parts = Math.max(1, Math.min(Math.min(Conv2dKernels.slots(s), fit), chunks));
        KernelSet ks = Kernels.active();
        KernelPool.Task task = (part, all) -> {
            int pad = transformedWeights(s) + part * slotLength(s);
            int v = pad + bufferLength(s, rotated);
            int m = v + 16 * cin * ld;
            for (int c = chunks * part / all, end = chunks * (part + 1) / all; c < end; c++) {
                int first = c * images;
                int last = Math.min(s.batch(), first + images);
                int tiles = (last - first) * tilesPerImage;
                for (int g = 0; g < s.groups(); g++) {
                    for (int n = first; n < last; n++) {
                        a.winogradInput(ks, in, n * inImage + g * inGroup, cin, inH(s, rotated), inW(s, rotated), ph, pw,
                                th, tw, scratch, pad, scratch, v, ld, (n - first) * tilesPerImage);
                    }
                    for (int xi = 0; xi < 16; xi++) {
                        a.gemmBlock(ks, true, false, cout, ld, cin, scratch, (g * 16 + xi) * cin * cout, scratch,
                                v + xi * cin * ld, scratch, m + xi * cout * ld, false, 0, cout, 0, tiles);
                    }
                    a.winogradOutput(ks, scratch, m, cout, ld, last - first, tw, outH(s, rotated), outW(s, rotated), b,
                            g * cout, out, first * outImage + g * outGroup, outImage, scratch, pad);
                }
            }
        };
        Conv2dKernels.runParts(task, parts);
    }
}
