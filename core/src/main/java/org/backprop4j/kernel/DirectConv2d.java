package org.backprop4j.kernel;

/**
 * Direct convolution, without a column matrix or a GEMM, for the convolutions whose patch is small (a first layer:
 * conv1's patch is 1 x 3 x 3), where the GEMM's inner size K = patch is too short to pay for unfolding and packing.
 * Each image's group is copied with its zero padding around it ({@link DirectConvLoopsF32#pad}); output row r then
 * reads tap t of the patch at {@code taps[t] + r·rowStep + q} of that copy. The forward pass starts each output at
 * its bias (or 0) and adds the taps by fma in patch order. The weight gradient
 * {@code dW[o,t] = sum over images and positions of dy · x(tap t)} runs {@link #CHAINS} chains per (o, t), chain l
 * taking the positions of lane l of the row's strips ({@link KernelSet#directWeightGradient}), over the images of a
 * fixed chunk of {@link Conv2dKernels#IMAGE_CHUNK} in ascending order; a chunk's dW is its chains summed in
 * ascending order, and dW the chunks' in ascending order. The bias gradient, when it is wanted with dW, is one more
 * such chain per channel (of dy times ones). So the bits depend on neither the thread count nor the kernel set. The
 * input gradient keeps the GEMM path.
 */
final class DirectConv2d {
    /** Patches (C/groups · kh · kw) below this size take the direct path. */
    static final int MAX_PATCH = 32;
    /**
     * Output channels per kernel call (the vector kernels' tile height). Calls this small reach the JIT's call counts
     * 8 times sooner for conv1 than calls of all 32 channels, and run 8 times less of the Vector API's very slow
     * uncompiled code each until then: the training's first steps come sooner (before: the vector weight gradient was
     * compiled 4-7 s into the run, after the warm-up).
     */
    static final int CHANNELS_PER_CALL = 4;
    /** Chains per weight-gradient element: one per column of a strip of 16 output columns (one AVX-512 vector). */
    static final int CHAINS = 16;

    private DirectConv2d() {
    }

    /**
     * Whether s takes the direct path: it is {@link #eligible} and the active kernel set has direct kernels worth
     * taking ({@link KernelSet#directConv2d}: the Vector API set with 16 lanes); else the GEMM path.
     */
    static boolean applies(Conv2dShape s) {
        return eligible(s) && Kernels.active().directConv2d();
    }

    /**
     * Whether s can take the direct path (its scratch array is sized for it): a patch below {@link #MAX_PATCH}
     * values, stride 1 along the rows (so a strip of outputs reads consecutive inputs), and not pointwise (which has
     * no column matrix to avoid).
     */
    static boolean eligible(Conv2dShape s) {
        return s.patch() < MAX_PATCH && s.window().sw() == 1 && !s.pointwise();
    }

    /** Width of a padded row, {@code W + 2pw}. */
    static int paddedWidth(Window2d g) {
        return g.w() + 2 * g.pw();
    }

    /** Values of a padded plane, {@code (H + 2ph) · (W + 2pw)}. */
    static int paddedPlane(Window2d g) {
        return (g.h() + 2 * g.ph()) * paddedWidth(g);
    }

    /**
     * The offsets of the patch's taps (c, i, j) in a padded copy, in patch order, in {@code taps[0..patch)}; one more
     * value for the caller's bias tap.
     */
    private static int[] taps(Conv2dShape s) {
        Window2d g = s.window();
        int[] taps = Scratch.get().ints(s.patch() + 1);
        int wp = paddedWidth(g);
        for (int c = 0, t = 0; c < s.groupIn(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, t++) {
                    taps[t] = c * paddedPlane(g) + i * g.dh() * wp + j * g.dw();
                }
            }
        }
        return taps;
    }

    private static int imageChunks(Conv2dShape s) {
        return (s.batch() + Conv2dKernels.IMAGE_CHUNK - 1) / Conv2dKernels.IMAGE_CHUNK;
    }

    /** Weights and biases, {@code O · (patch + 1)}: the sums of one chunk's chains. */
    private static int sums(Conv2dShape s) {
        return s.outChannels() * (s.patch() + 1);
    }

    /** The sums of every chunk's chains (weights and biases) at the start of the scratch array. */
    private static int partialSums(Conv2dShape s) {
        return imageChunks(s) * sums(s);
    }

    /**
     * A slot of the scratch array: a padded copy of one image's group and a plane of ones (the bias's input), then the
     * chains of every weight and bias.
     */
    private static int slotLength(Conv2dShape s) {
        return (s.groupIn() + 1) * paddedPlane(s.window()) + sums(s) * CHAINS + narrowRows(s);
    }

    /**
     * The kernels' row width: the output's, or {@link #CHAINS} for narrower rows. Rows narrower than a strip go
     * through a buffer of rows that wide (one group's y, or its dy with zeros past the row's end), so that the
     * kernels, and the warm-up's small images with them, never see such a row (the vector kernels then need no
     * masks). Their loads past a row's end read the next row or, past the padded planes, the plane of ones and the
     * chains: finite values, in lanes whose results are dropped (y) or multiplied by dy's zeros (dW).
     */
    private static int kernelWidth(Window2d g) {
        return Math.max(g.outW(), CHAINS);
    }

    /** Values of the buffer of rows for a row narrower than a strip (one group's planes of width CHAINS), else 0. */
    private static int narrowRows(Conv2dShape s) {
        Window2d g = s.window();
        return g.outW() < CHAINS ? s.groupOut() * g.outH() * CHAINS : 0;
    }

    private static int slotAt(Conv2dShape s, int slot) {
        return partialSums(s) + slot * slotLength(s);
    }

    /** Length of the scratch array the direct path wants: the chunks' partial sums, then one slot per thread. */
    static int scratchLength(Conv2dShape s) {
        return partialSums(s) + Conv2dKernels.slots(s) * slotLength(s);
    }

    private static <A> int usableSlots(Conv2dAccess<A> a, Conv2dShape s, A scratch) {
        int fit = (a.length(scratch) - partialSums(s)) / slotLength(s);
        return Math.max(1, Math.min(Conv2dKernels.slots(s), fit));
    }

    /** {@link Conv2dKernels#forward} on the direct path: images split over the pool, each its own output. */
    static <A> void forward(Conv2dAccess<A> a, Conv2dShape s, A x, A w, A b, A y, A scratch) {
        Window2d g = s.window();
        int og = s.groupOut();
        int patch = s.patch();
        Conv2dKernels.eachImage(s, 0, s.batch(), usableSlots(a, s, scratch), (ks, n, slot) -> {
            int[] taps = taps(s);
            int pad = slotAt(s, slot);
            int rows = pad + slotLength(s) - narrowRows(s);
            boolean narrow = narrowRows(s) > 0;
            for (int k = 0; k < s.groups(); k++) {
                int yo = n * s.outImage() + k * og * g.outPlane();
                a.pad(x, n * s.inImage() + k * s.groupIn() * g.inPlane(), s.groupIn(), g, scratch, pad);
                int plane = g.outH() * (narrow ? CHAINS : g.outW());
                for (int o = 0; o < og; o += CHANNELS_PER_CALL) {
                    a.directForward(ks, scratch, pad, taps, patch, g.sh() * paddedWidth(g), g.outH(), kernelWidth(g),
                            w, (k * og + o) * patch, Math.min(CHANNELS_PER_CALL, og - o), b, k * og + o,
                            narrow ? scratch : y, (narrow ? rows : yo) + o * plane);
                }
                for (int r = 0; narrow && r < og * g.outH(); r++) {
                    System.arraycopy(scratch, rows + r * CHAINS, y, yo + r * g.outW(), g.outW());
                }
            }
        });
    }

    /**
     * {@link Conv2dKernels#weightGradient} on the direct path, with the bias gradient when db is not null: the bias is
     * one more tap whose input is a plane of ones ({@code fma(dy, 1, chain)} adds dy exactly), so db is summed in
     * the weight gradient's chains while dy is in the cache (conv1's separate pass over dy took about as long as
     * the forward pass). Fixed chunks of images split over the pool.
     */
    static <A> void weightGradient(Conv2dAccess<A> a, Conv2dShape s, A x, A dy, A dw, A db, A scratch) {
        KernelSet ks = Kernels.active();
        Window2d g = s.window();
        int og = s.groupOut();
        int patch = s.patch();
        int k = db == null ? patch : patch + 1; // taps per output channel, the bias's last
        int sums = s.outChannels() * k;
        int chunks = imageChunks(s);
        KernelPool.Task task = (part, all) -> {
            int[] taps = taps(s);
            int pad = slotAt(s, part);
            int ones = pad + s.groupIn() * paddedPlane(g);
            taps[patch] = ones - pad;
            a.fill(scratch, ones, ones + paddedPlane(g), 1);
            int chains = ones + paddedPlane(g);
            int rows = chains + sums(s) * CHAINS;
            boolean narrow = narrowRows(s) > 0;
            a.fill(scratch, rows, rows + narrowRows(s), 0); // the zeros past each row's end stay
            for (int c = chunks * part / all, end = chunks * (part + 1) / all; c < end; c++) {
                int first = c * Conv2dKernels.IMAGE_CHUNK;
                for (int n = first, last = Math.min(s.batch(), first + Conv2dKernels.IMAGE_CHUNK); n < last; n++) {
                    for (int q = 0; q < s.groups(); q++) {
                        int yo = n * s.outImage() + q * og * g.outPlane();
                        for (int r = 0; narrow && r < og * g.outH(); r++) {
                            System.arraycopy(dy, yo + r * g.outW(), scratch, rows + r * CHAINS, g.outW());
                        }
                        a.pad(x, n * s.inImage() + q * s.groupIn() * g.inPlane(), s.groupIn(), g, scratch, pad);
                        int plane = g.outH() * kernelWidth(g);
                        for (int o = 0; o < og; o += CHANNELS_PER_CALL) {
                            a.directWeightGradient(ks, scratch, pad, taps, k, g.sh() * paddedWidth(g), g.outH(),
                                    kernelWidth(g), narrow ? scratch : dy, (narrow ? rows : yo) + o * plane,
                                    Math.min(CHANNELS_PER_CALL, og - o), scratch, chains + (q * og + o) * k * CHAINS,
                                    n > first);
                        }
                    }
                }
                a.sumChains(scratch, chains, sums, CHAINS, scratch, c * sums);
            }
        };
        Conv2dKernels.runParts(task, Math.min(usableSlots(a, s, scratch), chunks));
        for (int c = 1; c < chunks; c++) {
            a.addInto(ks, scratch, 0, scratch, c * sums, sums);
        }
        for (int o = 0; o < s.outChannels(); o++) {
            System.arraycopy(scratch, o * k, dw, o * patch, patch);
            if (db != null) {
                System.arraycopy(scratch, o * k + patch, db, o, 1);
            }
        }
    }
}
