package org.backprop4j.kernel;

/**
 * 2-D convolution; a small patch ({@link DirectConv2d#applies}: conv1's) takes the direct path of {@link DirectConv2d}
 * for its forward pass and weight gradient; a 3 x 3 kernel of stride 1 over enough channels
 * ({@link WinogradConv2d#applies}: conv2's) takes Winograd's F(2x2, 3x3) for its forward pass, input gradient and
 * (in {@link WinogradWeightGradient}) weight gradient;
 * every other convolution (and call) is lowered onto GEMM through {@link Im2col}, per image and group:
 * forward {@code y_n = W · cols(x_n) (+ b)}, input gradient {@code dx_n = col2im(W^T · dy_n)}, weight
 * gradient {@code dW = sum over n of dy_n · cols(x_n)^T}. The column matrices are read transposed in
 * place, W too in the input gradient; the forward pass reads a transposed copy of W. The forward pass
 * and the input gradient split the batch into ranges of images over the shared pool (each image is its
 * own output), each with its own column buffer in the caller's scratch array; the weight gradient (summed as its
 * transpose when the column matrix has more rows than dy, so that the GEMM gathers the smaller) splits into blocks,
 * each part adding every image in ascending order into its block, or, for a narrow column matrix, sums fixed chunks of
 * images separately and then the chunks in order. So every result has the same bits for any thread count.
 */
public final class Conv2dKernels {
    private static final Conv2dAccess<float[]> FLOATS = new Conv2dAccessF32();
    private static final Conv2dAccess<double[]> DOUBLES = new Conv2dAccessF64();
    /** Row ranges of a weight gradient split by rows are multiples of this (the GEMM's register tile height). */
    private static final int ROW_UNIT = 8;
    /** A column matrix with fewer rows than this has its weight gradient summed by chunks of images (twice the widest GEMM column unit). */
    private static final int NARROW_PATCH = 32;
    /** Images per chunk of a weight gradient summed by chunks: a fixed number, so the order of the sums is too. */
    public static final int IMAGE_CHUNK = 16;

    private Conv2dKernels() {
    }

    /**
     * Length of the scratch array the calls below want: a transposed copy of the weight (or of its gradient),
     * then one slot per image handled at once (one per pool thread for large convolutions): a column matrix, none
     * for a pointwise convolution, and a group's dy when the weight gradient is summed transposed; then the
     * partial weight gradients of chunks of images. The direct and Winograd paths' own layouts fit in it too.
     */
    public static int scratchLength(Conv2dShape s) {
        int lowered = weights(s) + slots(s) * slotLength(s) + partialSums(s);
        int direct = DirectConv2d.eligible(s) ? DirectConv2d.scratchLength(s) : 0;
        int winograd = WinogradConv2d.applies(s) || WinogradConv2d.appliesToInputGradient(s)
                ? WinogradConv2d.scratchLength(s) : 0;
        int winogradWeights = WinogradWeightGradient.applies(s) ? WinogradWeightGradient.scratchLength(s) : 0;
        return Math.max(Math.max(lowered, winogradWeights), Math.max(direct, winograd));
    }

    /**
     * Whether the weight gradient is summed by chunks of images: for a column matrix too narrow to split by its
     * columns and a weight with enough rows to split by them (a first layer: conv1's patch is 9). Split by rows,
     * every part would unfold and pack every image, so two threads took as long as one.
     */
    private static boolean byImageChunks(Conv2dShape s) {
        return s.patch() < NARROW_PATCH && s.groupOut() >= 2 * ROW_UNIT && s.batch() > IMAGE_CHUNK;
    }

    private static int imageChunks(Conv2dShape s) {
        return (s.batch() + IMAGE_CHUNK - 1) / IMAGE_CHUNK;
    }

    /** Values of the partial weight gradients of chunks 1, 2, ... (chunk 0 sums in place), at the end of the scratch array. */
    private static int partialSums(Conv2dShape s) {
        return byImageChunks(s) ? (imageChunks(s) - 1) * weights(s) : 0;
    }

    /** Values of the weight, {@code O · C/groups · kh · kw}: the transposed copy at the start of the scratch array. */
    private static int weights(Conv2dShape s) {
        return s.outChannels() * s.patch();
    }

    /**
     * A slot: the column matrix of one image (none for a pointwise convolution), then room for one group of its dy
     * when the weight gradient is summed transposed.
     */
    private static int slotLength(Conv2dShape s) {
        int dyCopy = transposedWeightGradient(s) ? s.groupOut() * s.window().outPlane() : 0;
        return (s.pointwise() ? 0 : columnMatrix(s)) + dyCopy;
    }

    /** Start of the column matrix of slot {@code slot} in the scratch array. */
    private static int columnsAt(Conv2dShape s, int slot) {
        return weights(s) + slot * slotLength(s);
    }

    /** Start of the copy of dy in slot {@code slot}, after its column matrix. */
    private static int dyCopyAt(Conv2dShape s, int slot) {
        return columnsAt(s, slot) + (s.pointwise() ? 0 : columnMatrix(s));
    }

    static int slots(Conv2dShape s) {
        return s.flops() >= Gemm.PARALLEL_FLOPS ? Math.max(1, Math.min(Kernels.pool().threads(), s.batch())) : 1;
    }

    /** Images handled at once: one per pool thread for a large convolution, as many as the scratch array holds. */
    private static <A> int usableSlots(Conv2dAccess<A> a, Conv2dShape s, A scratch) {
        int fit = (a.length(scratch) - weights(s) - partialSums(s)) / Math.max(1, slotLength(s));
        return Math.max(1, Math.min(slots(s), fit));
    }

    private static int columnMatrix(Conv2dShape s) {
        return s.patch() * s.window().outPlane();
    }

    /** Overwrites y {@code [N,O,outH,outW]} with the convolution of x by w, plus b when not null. */
    public static void forward(Conv2dShape s, float[] x, float[] w, float[] b, float[] y, float[] scratch) {
        forward(FLOATS, s, x, w, b, y, scratch);
    }

    /** Double-precision {@link #forward(Conv2dShape, float[], float[], float[], float[], float[])}. */
    public static void forward(Conv2dShape s, double[] x, double[] w, double[] b, double[] y, double[] scratch) {
        forward(DOUBLES, s, x, w, b, y, scratch);
    }

    /** Overwrites dx {@code [N,C,H,W]} with the gradient of the input given dy. */
    public static void inputGradient(Conv2dShape s, float[] dy, float[] w, float[] dx, float[] scratch) {
        inputGradient(FLOATS, s, dy, w, dx, scratch);
    }

    /** Double-precision {@link #inputGradient(Conv2dShape, float[], float[], float[], float[])}. */
    public static void inputGradient(Conv2dShape s, double[] dy, double[] w, double[] dx, double[] scratch) {
        inputGradient(DOUBLES, s, dy, w, dx, scratch);
    }

    /** Overwrites dw {@code [O, C/groups, kh, kw]} with the gradient of the weight given x and dy. */
    public static void weightGradient(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] scratch) {
        weightGradient(FLOATS, s, x, dy, dw, scratch);
    }

    /** Double-precision {@link #weightGradient(Conv2dShape, float[], float[], float[], float[])}. */
    public static void weightGradient(Conv2dShape s, double[] x, double[] dy, double[] dw, double[] scratch) {
        weightGradient(DOUBLES, s, x, dy, dw, scratch);
    }

    /**
     * dW and db, either of which may be null (not wanted): with both, on the direct path ({@link DirectConv2d}) db is
     * summed with dW, in its chains (in float), while dy is in the cache; else
     * {@link #weightGradient(Conv2dShape, float[], float[], float[], float[])} and
     * {@link #biasGradient(Conv2dShape, float[], float[])}. scratch is not read when dw is null.
     */
    public static void weightAndBiasGradient(Conv2dShape s, float[] x, float[] dy, float[] dw, float[] db,
                                             float[] scratch) {
        weightAndBiasGradient(FLOATS, s, x, dy, dw, db, scratch);
    }

    /** Double-precision {@link #weightAndBiasGradient(Conv2dShape, float[], float[], float[], float[], float[])}. */
    public static void weightAndBiasGradient(Conv2dShape s, double[] x, double[] dy, double[] dw, double[] db,
                                             double[] scratch) {
        weightAndBiasGradient(DOUBLES, s, x, dy, dw, db, scratch);
    }

    private static <A> void weightAndBiasGradient(Conv2dAccess<A> a, Conv2dShape s, A x, A dy, A dw, A db, A scratch) {
        if (dw != null && db != null && DirectConv2d.applies(s)) {
            DirectConv2d.weightGradient(a, s, x, dy, dw, db, scratch);
            return;
        }
        if (dw != null) {
            weightGradient(a, s, x, dy, dw, scratch);
        }
        if (db != null) {
            biasGradient(a, s, dy, db);
        }
    }

    /** Overwrites db {@code [O]} with {@code sum over n and positions of dy} (summed in double, in a fixed order: plane by plane). */
    public static void biasGradient(Conv2dShape s, float[] dy, float[] db) {
        biasGradient(FLOATS, s, dy, db);
    }

    /** Double-precision {@link #biasGradient(Conv2dShape, float[], float[])}. */
    public static void biasGradient(Conv2dShape s, double[] dy, double[] db) {
        biasGradient(DOUBLES, s, dy, db);
    }

    private static <A> void biasGradient(Conv2dAccess<A> a, Conv2dShape s, A dy, A db) {
        Parallel.forRange(s.outChannels(), 1, (o0, o1) -> a.store(channelSums(a, s, dy, o0, o1), o1 - o0, db, o0));
    }

    /**
     * The sums over images and positions of dy's channels [o0, o1), in the calling thread's scratch buffer (channel o
     * at o - o0): each channel from 0, its planes' sums added in ascending image order. The images are the outer
     * loop, so dy is read in memory order (the channels of one image lie together): conv1's 128 x 32 planes of 784
     * took 0.91-0.99 ms of CPU against 1.35-1.68 channel by channel (128 planes 100 KB apart); same sums, same order.
     */
    private static <A> double[] channelSums(Conv2dAccess<A> a, Conv2dShape s, A dy, int o0, int o1) {
        int plane = s.window().outPlane();
        double[] sums = Scratch.get().doubles(o1 - o0);
        java.util.Arrays.fill(sums, 0, o1 - o0, 0);
        for (int n = 0; n < s.batch(); n++) {
            for (int o = o0; o < o1; o++) {
                sums[o - o0] += a.planeSum(dy, n * s.outImage() + o * plane, plane);
            }
        }
        return sums;
    }

    // y_ng [Og, P] = W_g [Og, patch] · cols_ng [patch, P]  (+ b_o on row o). W_g is read through its transpose,
    // copied once per call to the start of the scratch array: a GEMM with A transposed reads A's columns in place,
    // which its edge tile for a few last columns needs (P = 196 is 12 vectors of 16 and 4 columns).
    private static <A> void forward(Conv2dAccess<A> a, Conv2dShape s, A x, A w, A b, A y, A scratch) {
        if (DirectConv2d.applies(s)) {
            DirectConv2d.forward(a, s, x, w, b, y, scratch);
            return;
        }
        if (WinogradConv2d.applies(s)) {
            WinogradConv2d.forward(a, s, x, w, b, y, scratch);
            return;
        }
        int og = s.groupOut();
        int plane = s.window().outPlane();
        int patch = s.patch();
        for (int g = 0; g < s.groups(); g++) {
            a.transpose(w, g * og * patch, og, patch, scratch, g * og * patch);
        }
        eachImage(s, 0, s.batch(), usableSlots(a, s, scratch), (ks, n, slot) -> {
            for (int g = 0; g < s.groups(); g++) {
                int xo = n * s.inImage() + g * s.groupIn() * s.window().inPlane();
                A cols = s.pointwise() ? x : scratch;
                int co = s.pointwise() ? xo : columnsAt(s, slot);
                if (!s.pointwise()) {
                    a.im2col(x, xo, s.window(), scratch, co, 0, patch);
                }
                int yo = n * s.outImage() + g * og * plane;
                a.gemmBlock(ks, true, false, og, plane, patch, scratch, g * og * patch, cols, co, y, yo, false, b, g * og,
                        0, og, 0, plane); // the products added to the bias, row by row
            }
        });
    }

    // dcols_ng [patch, P] = W_g^T · dy_ng [Og, P];  dx_ng = col2im(dcols_ng)
    private static <A> void inputGradient(Conv2dAccess<A> a, Conv2dShape s, A dy, A w, A dx, A scratch) {
        if (WinogradConv2d.appliesToInputGradient(s)) {
            WinogradConv2d.inputGradient(a, s, dy, w, dx, scratch);
            return;
        }
        int og = s.groupOut();
        int plane = s.window().outPlane();
        int patch = s.patch();
        eachImage(s, 0, s.batch(), usableSlots(a, s, scratch), (ks, n, slot) -> {
            for (int g = 0; g < s.groups(); g++) {
                int xo = n * s.inImage() + g * s.groupIn() * s.window().inPlane();
                int yo = n * s.outImage() + g * og * plane;
                if (s.pointwise()) {
                    a.gemmBlock(ks, true, false, patch, plane, og, w, g * og * patch, dy, yo, dx, xo, false, 0, patch,
                            0, plane);
                } else {
                    int co = columnsAt(s, slot);
                    a.gemmBlock(ks, true, false, patch, plane, og, w, g * og * patch, dy, yo, scratch, co, false, 0,
                            patch, 0, plane);
                    a.col2im(ks, scratch, co, s.groupIn(), s.window(), dx, xo);
                }
            }
        });
    }

    // dW_g [Og, patch] = sum over n (ascending) of dy_ng [Og, P] · cols_ng^T. The GEMM reads its A in place and
    // packs op(B), the other factor's transpose, by gathers, so the larger of cols_ng and dy_ng is made A: when the
    // column matrix has more rows than dy_ng (conv2: 288 against 64), the sum is computed as its transpose
    // dW_g^T [patch, Og] = sum over n of cols_ng · dy_ng^T at the start of the scratch array (where the forward pass
    // keeps its transposed weight), then transposed into dW once. Each element has the same products (cols·dy = dy·cols
    // exactly) summed in the same order, so the bits do not depend on the orientation. Each part of the pool computes
    // one block of dW for every image: a range of the column matrix's rows (which the part unfolds itself into its own
    // buffer) or, when the column matrix is too narrow, a range of dy's rows. Every element is summed in the same order
    // whatever the split, so the result has the same bits on any number of threads. A column matrix too narrow for
    // either is summed by chunks of images instead (weightGradientByImageChunks).
    private static <A> void weightGradient(Conv2dAccess<A> a, Conv2dShape s, A x, A dy, A dw, A scratch) {
        if (DirectConv2d.applies(s)) {
            DirectConv2d.weightGradient(a, s, x, dy, dw, null, scratch);
            return;
        }
        if (WinogradWeightGradient.applies(s)) {
            WinogradWeightGradient.weightGradient(a, s, x, dy, dw, scratch);
            return;
        }
        KernelSet ks = Kernels.active();
        boolean transposed = transposedWeightGradient(s);
        A sum = transposed ? scratch : dw;
        if (byImageChunks(s)) {
            weightGradientByImageChunks(a, ks, s, x, dy, sum, scratch);
        } else {
            weightGradientByRows(a, ks, s, x, dy, sum, scratch);
        }
        if (transposed) {
            int block = s.groupOut() * s.patch();
            for (int g = 0; g < s.groups(); g++) {
                a.transpose(scratch, g * block, s.patch(), s.groupOut(), dw, g * block);
            }
        }
    }

    /**
     * Whether the weight gradient is summed as its transpose: when the column matrix has more rows than dy (patch
     * {@code >} Og), so that the GEMM gathers the smaller (measured, docs/BENCHMARKS.md: conv2, 64 rows of dy against
     * a 288-row column matrix, about 23 % less time; conv1, 9 rows against 32, a sixth more for its GEMMs).
     */
    private static boolean transposedWeightGradient(Conv2dShape s) {
        return s.patch() > s.groupOut();
    }

    // The weight gradient (or its transpose) split over the pool by rows of the column matrix or of dy, in multiples of
    // the GEMM's unit along the axis of the sum they fall on (its register tile height, or the vector width).
    private static <A> void weightGradientByRows(Conv2dAccess<A> a, KernelSet ks, Conv2dShape s, A x, A dy, A sum,
                                                 A scratch) {
        int og = s.groupOut();
        int patch = s.patch();
        boolean transposed = transposedWeightGradient(s);
        int patchUnit = transposed ? ROW_UNIT : ks.columnUnit();
        int dyUnit = transposed ? ks.columnUnit() : ROW_UNIT;
        boolean byPatch = patch >= 2 * patchUnit || og < 2 * dyUnit;
        int unit = byPatch ? patchUnit : dyUnit;
        int len = byPatch ? patch : og;
        int parts = Math.min(usableSlots(a, s, scratch), (len + unit - 1) / unit);
        KernelPool.Task task = (part, all) -> {
            int units = (len + unit - 1) / unit;
            int from = Math.min(len, units * part / all * unit);
            int to = Math.min(len, units * (part + 1) / all * unit);
            if (from >= to) {
                return;
            }
            int q0 = byPatch ? from : 0;
            int q1 = byPatch ? to : patch;
            int o0 = byPatch ? 0 : from;
            int o1 = byPatch ? og : to;
            for (int n = 0; n < s.batch(); n++) {
                addImageProducts(a, ks, s, x, dy, scratch, n, part, sum, 0, n > 0, q0, q1, o0, o1);
            }
        };
        runParts(task, parts);
    }

    // dW = P_0 + P_1 + ... (in this order), P_c = sum over the images of chunk c (ascending) of dy_ng · cols_ng^T (or
    // the transposes): the chunks are fixed, whatever the number of threads; each part of the pool takes whole chunks
    // and unfolds its images once. P_0 is summed in place, the others at the end of the scratch array.
    private static <A> void weightGradientByImageChunks(Conv2dAccess<A> a, KernelSet ks, Conv2dShape s, A x, A dy,
                                                        A sum, A scratch) {
        int chunks = imageChunks(s);
        int partialsAt = a.length(scratch) - partialSums(s);
        KernelPool.Task task = (part, all) -> {
            for (int c = chunks * part / all, end = chunks * (part + 1) / all; c < end; c++) {
                A into = c == 0 ? sum : scratch;
                int at = c == 0 ? 0 : partialsAt + (c - 1) * weights(s);
                int first = c * IMAGE_CHUNK;
                for (int n = first, last = Math.min(s.batch(), first + IMAGE_CHUNK); n < last; n++) {
                    addImageProducts(a, ks, s, x, dy, scratch, n, part, into, at, n > first, 0, s.patch(), 0,
                            s.groupOut());
                }
            }
        };
        runParts(task, Math.min(usableSlots(a, s, scratch), chunks));
        for (int c = 1; c < chunks; c++) {
            a.addInto(ks, sum, 0, scratch, partialsAt + (c - 1) * weights(s), weights(s));
        }
    }

    /**
     * The products of image n for rows [q0, q1) of its column matrix and rows [o0, o1) of dy, for every group g:
     * that block of {@code dy_ng · cols_ng^T}, or of {@code cols_ng · dy_ng^T} when the weight gradient is summed
     * transposed, into {@code sum[at..]} (added when {@code acc}, else written). The image is unfolded (those rows of
     * its column matrix) into the column buffer of {@code slot}; transposed, those rows of dy_ng are first copied next
     * to it, a sequential read that brings them into the cache for the GEMM's gathers (which, reading 16 rows at once
     * from memory, took as long as gathering the whole column matrix from the cache).
     */
    private static <A> void addImageProducts(Conv2dAccess<A> a, KernelSet ks, Conv2dShape s, A x, A dy, A scratch,
                                             int n, int slot, A sum, int at, boolean acc, int q0, int q1, int o0,
                                             int o1) {
        int og = s.groupOut();
        int plane = s.window().outPlane();
        int patch = s.patch();
        for (int g = 0; g < s.groups(); g++) {
            int xo = n * s.inImage() + g * s.groupIn() * s.window().inPlane();
            A cols = s.pointwise() ? x : scratch;
            int co = s.pointwise() ? xo : columnsAt(s, slot);
            if (!s.pointwise()) {
                a.im2col(x, xo, s.window(), scratch, co, q0, q1);
            }
            int yo = n * s.outImage() + g * og * plane;
            int so = at + g * og * patch;
            if (transposedWeightGradient(s)) {
                int copy = dyCopyAt(s, slot);
                System.arraycopy(dy, yo + o0 * plane, scratch, copy + o0 * plane, (o1 - o0) * plane);
                a.gemmBlock(ks, false, true, patch, og, plane, cols, co, scratch, copy, sum, so, acc, q0, q1, o0, o1);
            } else {
                a.gemmBlock(ks, false, true, og, patch, plane, dy, yo, cols, co, sum, so, acc, o0, o1, q0, q1);
            }
        }
    }

    /** Runs {@code task} in {@code parts} parts over the pool, or as one part on this thread. */
    static void runParts(KernelPool.Task task, int parts) {
        if (parts <= 1) {
            task.run(0, 1);
        } else {
            Kernels.pool().run(task, parts);
        }
    }

    /** The work for one image, given the kernel set, the image index and the column buffer slot to use. */
    interface ImageBody {
        void run(KernelSet ks, int image, int slot);
    }

    /** Runs body for images [from, to) in up to {@code parts} contiguous ranges; range p uses slot p. */
    static void eachImage(Conv2dShape s, int from, int to, int parts, ImageBody body) {
        KernelSet ks = Kernels.active();
        int count = to - from;
        int p = Math.min(parts, count);
        if (p <= 1) {
            for (int n = from; n < to; n++) {
                body.run(ks, n, 0);
            }
            return;
        }
        Kernels.pool().run((part, all) -> {
            for (int n = from + count * part / all, end = from + count * (part + 1) / all; n < end; n++) {
                body.run(ks, n, part);
            }
        }, p);
    }
}
