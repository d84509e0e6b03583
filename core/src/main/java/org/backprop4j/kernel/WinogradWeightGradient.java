package org.backprop4j.kernel;

/**
 * The weight gradient of a convolution on {@link WinogradConv2d}'s path (F(2x2, 3x3), the same shapes): with the
 * forward tile {@code Y_t = A^T [U (.) V_t] A}, {@code dU[xi] = sum over tiles t of dM_t[xi] · V_t[xi]^T} where
 * {@code dM_t = A dY_t A^T}, then {@code dW = G^T dU G} ({@link WinogradGradientLoopsF32}). Per group and fixed chunk
 * of {@link #chunkImages} images: V as in the forward pass ({@link WinogradLoopsF32#input}), dM from dy, and the 16
 * GEMMs {@code dU[xi] (+)= dM[xi] · V[xi]^T} ({@code [O x T] · [T x C]}: the inner size is the chunk's tile count).
 * The chunks of each fixed sum chunk of {@link #SUM_IMAGES} images add into that sum chunk's own dU, in ascending
 * order, and the sum chunks' dU are added in ascending order before the back transform; the pool's parts take whole
 * sum chunks. So the bits depend on neither the thread count nor (their GEMMs agree bit for bit) the kernel set.
 */
final class WinogradWeightGradient {
    /**
     * Values between the starts of a chunk's dM[xi] beyond its {@code O x T}: 16 floats, so that the 16 streams of
     * its transform's stores are not a multiple of 4 KB apart (conv2's 64 x 112 floats are 7 x 4 KB: the transform
     * took 17 ms a call, the L1's sets aliased).
     */
    static final int XI_GAP = 16;
    /** Images per sum chunk: each has its own dU, so the order of the sums is fixed by the batch alone. */
    static final int SUM_IMAGES = Conv2dKernels.IMAGE_CHUNK;

    private WinogradWeightGradient() {
    }

    /** Whether the weight gradient of s takes this path: where its forward pass does ({@link WinogradConv2d#applies}). */
    static boolean applies(Conv2dShape s) {
        return WinogradConv2d.applies(s);
    }

    /**
     * Images per chunk: as many as keep V and dM within the forward pass's {@link WinogradConv2d#CHUNK_VALUES}, at
     * least one; fixed by the shape (conv2: 2 images; the 16 GEMMs took 3.4-3.5 ms a call for chunks of 1 to 16 images
     * alike, and the whole call did not measurably gain from 1, 4 or 8 images).
     */
    static int chunkImages(Conv2dShape s) {
        int perImage = 16 * (s.groupIn() + s.groupOut()) * WinogradConv2d.columns(s, false);
        return Math.max(1, Math.min(Math.min(s.batch(), SUM_IMAGES), WinogradConv2d.CHUNK_VALUES / perImage));
    }

    private static int sumChunks(Conv2dShape s) {
        return (s.batch() + SUM_IMAGES - 1) / SUM_IMAGES;
    }

    /** Values of one dU, {@code 16 · O · C/groups} (group g's at {@code g · 16 · Og · Cg}, {@code [xi][o][c]}). */
    private static int transformedGradient(Conv2dShape s) {
        return 16 * s.outChannels() * s.groupIn();
    }

    /** Columns of a chunk's V and dM. */
    private static int chunkColumns(Conv2dShape s) {
        return chunkImages(s) * WinogradConv2d.columns(s, false);
    }

    /** A slot: the input's phase planes, dy's four phase rows, then V and dM of a chunk of images. */
    private static int slotLength(Conv2dShape s) {
        int ld = chunkColumns(s);
        int planes = 4 * WinogradLoopsF32.phasePlane(WinogradConv2d.tilesH(s, false), WinogradConv2d.tilesW(s, false));
        return planes + 4 * ld
                + 16 * (s.groupIn() * ld + s.groupOut() * ld + XI_GAP);
    }

    /** Length of the scratch array this path wants: one dU per sum chunk, then one slot per image range. */
    static int scratchLength(Conv2dShape s) {
        return sumChunks(s) * transformedGradient(s) + Conv2dKernels.slots(s) * slotLength(s);
    }

    /** {@link Conv2dKernels#weightGradient} on this path. */
    static <A> void weightGradient(Conv2dAccess<A> a, Conv2dShape s, A x, A dy, A dw, A scratch) {
        int cin = s.groupIn();
        int cout = s.groupOut();
        int th = WinogradConv2d.tilesH(s, false);
        int tw = WinogradConv2d.tilesW(s, false);
        int perImage = WinogradConv2d.columns(s, false);
        int images = chunkImages(s);
        int rowStride = chunkColumns(s);
        Window2d win = s.window();
        int inGroup = cin * win.inPlane();
        int outGroup = cout * win.outPlane();
        int duLength = transformedGradient(s);
        int sums = sumChunks(s);
        int slotsAt = sums * duLength;
        int fit = (a.length(scratch) - slotsAt) / slotLength(s);
        int parts = Math.max(1, Math.min(Math.min(Conv2dKernels.slots(s), fit), sums));
        KernelSet ks = Kernels.active();
        KernelPool.Task task = (part, all) -> {
            int planes = slotsAt + part * slotLength(s);
            int rows = planes + 4 * WinogradLoopsF32.phasePlane(th, tw);
            int v = rows + 4 * rowStride;
            int dm = v + 16 * cin * rowStride;
            a.fill(scratch, rows, rows + 4 * rowStride, 0); // the phase rows no output of dy reaches stay zero
            for (int c = sums * part / all, end = sums * (part + 1) / all; c < end; c++) {
                int first = c * SUM_IMAGES;
                int last = Math.min(s.batch(), first + SUM_IMAGES);
                for (int n0 = first; n0 < last; n0 += images) {
                    int n1 = Math.min(last, n0 + images);
                    int ld = (n1 - n0) * perImage; // V's and dM's columns: the GEMMs' inner size
                    int xiStride = cout * ld + XI_GAP;
                    for (int g = 0; g < s.groups(); g++) {
                        for (int n = n0; n < n1; n++) {
                            a.winogradInput(ks, x, n * s.inImage() + g * inGroup, cin, win.h(), win.w(), win.ph(),
                                    win.pw(), th, tw, scratch, planes, scratch, v, ld, (n - n0) * perImage);
                        }
                        a.winogradOutputGradient(ks, dy, n0 * s.outImage() + g * outGroup, s.outImage(), cout, n1 - n0, tw,
                                win.outH(), win.outW(), scratch, rows, rowStride, scratch, dm, ld, xiStride);
                        int du = c * duLength + g * 16 * cout * cin;
                        for (int xi = 0; xi < 16; xi++) {
                            a.gemmBlock(ks, false, true, cout, cin, ld, scratch, dm + xi * xiStride, scratch,
                                    v + xi * cin * ld, scratch, du + xi * cout * cin, n0 > first, 0, cout, 0, cin);
                        }
                    }
                }
            }
        };
        Conv2dKernels.runParts(task, parts);
        for (int c = 1; c < sums; c++) {
            a.addInto(ks, scratch, 0, scratch, c * duLength, duLength);
        }
        for (int g = 0; g < s.groups(); g++) {
            a.winogradWeightGradient(scratch, g * 16 * cout * cin, cin, cout, dw, g * cout * s.patch());
        }
    }
}
