package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The direct path of {@link Conv2dKernels} ({@link DirectConv2d}: a patch below 32 values, stride 1 along the rows; taken
 * with the Vector API set of 16 lanes, whose kernels the plain set's loops reproduce bit for bit):
 * the forward pass, the weight gradient and the bias gradient summed with it against direct loops in double (the
 * weight gradient with the bias gradient has the bits of the weight gradient alone), with and without bias, on batches of 1,
 * 17 and 128 images, planes 28, 12 and 5 wide (a multiple of the vector width, one strip and a bit, narrower than a
 * strip), an odd number of rows and of output channels, padding, dilation, row stride and groups; the same bits on
 * 1, 2 and 3 threads and in both kernel sets; float64 through the same path.
 */
class DirectConvKernelsTest {
    private static final Conv2dAccess<float[]> FLOATS = new Conv2dAccessF32();
    private static final Conv2dAccess<double[]> DOUBLES = new Conv2dAccessF64();

    /** A direct shape: batch, channels in and out, groups, the plane and the window. */
    private static Conv2dShape shape(int n, int c, int o, int groups, int h, int w, int kh, int kw, int sh, int ph,
                                     int pw, int dh, int dw) {
        Conv2dShape s = new Conv2dShape(n, c, o, groups, new Window2d(h, w, kh, kw, sh, 1, ph, pw, dh, dw));
        assertThat(DirectConv2d.eligible(s)).as("%s can take the direct path", s).isTrue();
        return s;
    }

    private static List<Conv2dShape> shapes() {
        List<Conv2dShape> shapes = new ArrayList<>();
        for (int n : new int[]{1, 17, 128}) {
            shapes.add(shape(n, 1, 32, 1, 28, 28, 3, 3, 1, 1, 1, 1, 1)); // conv1 of workload C
        }
        for (int n : new int[]{1, 17}) {
            shapes.add(shape(n, 1, 32, 1, 12, 12, 3, 3, 1, 1, 1, 1, 1));
            shapes.add(shape(n, 1, 32, 1, 5, 5, 3, 3, 1, 1, 1, 1, 1));
        }
        shapes.add(shape(17, 2, 7, 1, 9, 21, 3, 3, 1, 1, 1, 1, 1)); // 7 channels: a tile of 4 and a clamped one
        shapes.add(shape(3, 3, 5, 1, 7, 40, 3, 3, 2, 0, 2, 1, 1)); // row stride 2, a patch of 27, 42 columns: 3 strips
        shapes.add(shape(5, 1, 9, 1, 11, 23, 2, 5, 1, 1, 2, 2, 2)); // dilation 2, a 2 x 5 kernel, 19 columns
        shapes.add(shape(4, 4, 6, 2, 6, 18, 3, 3, 1, 1, 0, 1, 1)); // groups 2, padding only above and below, 16 columns
        shapes.add(shape(2, 3, 16, 1, 16, 16, 3, 3, 1, 0, 0, 1, 1)); // no padding, 14 columns
        return shapes;
    }

    @Test
    void forwardAndWeightGradientMatchDirectLoopsWithTheSameBitsEverywhere() {
        int threadsBefore = Kernels.threads();
        String setBefore = Kernels.implementation();
        SplittableRandom rnd = new SplittableRandom(31);
        try {
            for (Conv2dShape s : shapes()) {
                for (boolean bias : new boolean[]{true, false}) {
                    float[] x = KernelSetsTest.randomF(rnd, s.batch() * s.inImage());
                    float[] w = KernelSetsTest.randomF(rnd, s.outChannels() * s.patch());
                    float[] b = bias ? KernelSetsTest.randomF(rnd, s.outChannels()) : null;
                    float[] dy = KernelSetsTest.randomF(rnd, s.batch() * s.outImage());
                    double[] wantY = referenceForward(s, toDouble(x), toDouble(w), b == null ? null : toDouble(b));
                    double[] wantDw = referenceWeightGradient(s, toDouble(x), toDouble(dy));
                    double[] wantDb = referenceBiasGradient(s, toDouble(dy));
                    float[] firstY = null;
                    float[] firstDw = null;
                    float[] firstDb = null;
                    for (KernelSet ks : KernelSetsTest.sets()) {
                        Kernels.use(ks.name());
                        for (int threads = 1; threads <= 3; threads++) {
                            Kernels.setThreads(threads);
                            String what = s + (bias ? " with bias, " : " without bias, ") + ks.name() + " kernels on "
                                    + threads + " threads";
                            float[] scratch = new float[Conv2dKernels.scratchLength(s)];
                            // the set's direct kernels (the plain ones are the vector ones' reference), then the
                            // path Conv2dKernels takes with this set (the GEMM for the plain set)
                            float[] y = KernelSetsTest.randomF(rnd, wantY.length);
                            DirectConv2d.forward(FLOATS, s, x, w, b, y, scratch);
                            float[] dw = KernelSetsTest.randomF(rnd, w.length);
                            DirectConv2d.weightGradient(FLOATS, s, x, dy, dw, null, scratch);
                            // with the bias gradient: the same dW (each weight's chains are its own), db in one more
                            float[] dwToo = KernelSetsTest.randomF(rnd, w.length);
                            float[] db = KernelSetsTest.randomF(rnd, s.outChannels());
                            DirectConv2d.weightGradient(FLOATS, s, x, dy, dwToo, db, scratch);
                            assertThat(dwToo).as("dw with db, %s", what).isEqualTo(dw);
                            float[] yPath = KernelSetsTest.randomF(rnd, wantY.length);
                            Conv2dKernels.forward(s, x, w, b, yPath, scratch);
                            float[] dwPath = KernelSetsTest.randomF(rnd, w.length);
                            float[] dbPath = KernelSetsTest.randomF(rnd, s.outChannels());
                            Conv2dKernels.weightAndBiasGradient(s, x, dy, dwPath, dbPath, scratch);
                            assertClose(yPath, wantY, s.patch(), "y by Conv2dKernels, " + what);
                            assertClose(dwPath, wantDw, s.batch() * s.window().outPlane(), "dw by Conv2dKernels, " + what);
                            assertClose(dbPath, wantDb, s.batch() * s.window().outPlane(), "db by Conv2dKernels, " + what);
                            if (ks.directConv2d()) {
                                assertThat(yPath).as("y by Conv2dKernels, %s", what).isEqualTo(y);
                                assertThat(dwPath).as("dw by Conv2dKernels, %s", what).isEqualTo(dw);
                                assertThat(dbPath).as("db by Conv2dKernels, %s", what).isEqualTo(db);
                            }
                            if (firstY == null) {
                                assertClose(y, wantY, s.patch(), "y, " + what);
                                assertClose(dw, wantDw, s.batch() * s.window().outPlane(), "dw, " + what);
                                assertClose(db, wantDb, s.batch() * s.window().outPlane(), "db, " + what);
                                firstY = y;
                                firstDw = dw;
                                firstDb = db;
                            } else {
                                assertThat(y).as("y, %s, against the first run", what).isEqualTo(firstY);
                                assertThat(dw).as("dw, %s, against the first run", what).isEqualTo(firstDw);
                                assertThat(db).as("db, %s, against the first run", what).isEqualTo(firstDb);
                            }
                        }
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
            Kernels.use(setBefore);
        }
    }

    @Test
    void float64RunsTheSameDriverWithTheSameBitsOnAnyThreadCount() {
        int threadsBefore = Kernels.threads();
        SplittableRandom rnd = new SplittableRandom(32);
        try {
            for (Conv2dShape s : List.of(shape(17, 1, 32, 1, 28, 28, 3, 3, 1, 1, 1, 1, 1),
                    shape(3, 4, 6, 2, 6, 17, 3, 3, 1, 1, 0, 1, 1))) {
                double[] x = KernelSetsTest.randomD(rnd, s.batch() * s.inImage());
                double[] w = KernelSetsTest.randomD(rnd, s.outChannels() * s.patch());
                double[] b = KernelSetsTest.randomD(rnd, s.outChannels());
                double[] dy = KernelSetsTest.randomD(rnd, s.batch() * s.outImage());
                double[] wantY = referenceForward(s, x, w, b);
                double[] wantDw = referenceWeightGradient(s, x, dy);
                double[] firstY = null;
                double[] firstDw = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Kernels.setThreads(threads);
                    double[] scratch = new double[Conv2dKernels.scratchLength(s)];
                    double[] y = new double[wantY.length];
                    DirectConv2d.forward(DOUBLES, s, x, w, b, y, scratch);
                    double[] dw = new double[w.length];
                    double[] db = new double[b.length];
                    DirectConv2d.weightGradient(DOUBLES, s, x, dy, dw, db, scratch);
                    double[] wantDb = referenceBiasGradient(s, dy);
                    for (int i = 0; i < db.length; i++) {
                        assertThat(Math.abs(db[i] - wantDb[i])).as("%s db[%d]", s, i).isLessThan(1e-9);
                    }
                    for (int i = 0; i < y.length; i++) {
                        assertThat(Math.abs(y[i] - wantY[i])).as("%s y[%d]", s, i).isLessThan(1e-12);
                    }
                    for (int i = 0; i < dw.length; i++) {
                        assertThat(Math.abs(dw[i] - wantDw[i])).as("%s dw[%d]", s, i).isLessThan(1e-9);
                    }
                    if (firstY == null) {
                        firstY = y;
                        firstDw = dw;
                    } else {
                        assertThat(y).as("%s y on %d threads", s, threads).isEqualTo(firstY);
                        assertThat(dw).as("%s dw on %d threads", s, threads).isEqualTo(firstDw);
                    }
                }
            }
        } finally {
            Kernels.setThreads(threadsBefore);
        }
    }

    /** Within float rounding of a sum of {@code terms} products of values in [-1, 1]. */
    private static void assertClose(float[] got, double[] want, int terms, String what) {
        double tol = 1e-6 * (terms + 4);
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s at %d: %s against %s", what, i, got[i], want[i])
                    .isLessThan(tol);
        }
    }

    /** The input value tap (c, i, j) of output (r, q) reads in group g of image n, 0 in the padding. */
    private static double input(Conv2dShape s, double[] x, int n, int g, int c, int r, int q, int i, int j) {
        Window2d k = s.window();
        int yy = r * k.sh() - k.ph() + i * k.dh();
        int xx = q - k.pw() + j * k.dw();
        if (yy < 0 || yy >= k.h() || xx < 0 || xx >= k.w()) {
            return 0;
        }
        return x[((n * s.inChannels() + g * s.groupIn() + c) * k.h() + yy) * k.w() + xx];
    }

    private static double[] referenceForward(Conv2dShape s, double[] x, double[] w, double[] b) {
        Window2d k = s.window();
        double[] y = new double[s.batch() * s.outImage()];
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                int g = o / s.groupOut();
                for (int r = 0; r < k.outH(); r++) {
                    for (int q = 0; q < k.outW(); q++) {
                        double sum = b == null ? 0 : b[o];
                        for (int c = 0; c < s.groupIn(); c++) {
                            for (int i = 0; i < k.kh(); i++) {
                                for (int j = 0; j < k.kw(); j++) {
                                    sum += w[((o * s.groupIn() + c) * k.kh() + i) * k.kw() + j]
                                            * input(s, x, n, g, c, r, q, i, j);
                                }
                            }
                        }
                        y[((n * s.outChannels() + o) * k.outH() + r) * k.outW() + q] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static double[] referenceWeightGradient(Conv2dShape s, double[] x, double[] dy) {
        Window2d k = s.window();
        double[] dw = new double[s.outChannels() * s.patch()];
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                int g = o / s.groupOut();
                for (int r = 0; r < k.outH(); r++) {
                    for (int q = 0; q < k.outW(); q++) {
                        double d = dy[((n * s.outChannels() + o) * k.outH() + r) * k.outW() + q];
                        for (int c = 0; c < s.groupIn(); c++) {
                            for (int i = 0; i < k.kh(); i++) {
                                for (int j = 0; j < k.kw(); j++) {
                                    dw[((o * s.groupIn() + c) * k.kh() + i) * k.kw() + j] += d
                                            * input(s, x, n, g, c, r, q, i, j);
                                }
                            }
                        }
                    }
                }
            }
        }
        return dw;
    }

    private static double[] referenceBiasGradient(Conv2dShape s, double[] dy) {
        double[] db = new double[s.outChannels()];
        int plane = s.window().outPlane();
        for (int i = 0; i < dy.length; i++) {
            db[i / plane % s.outChannels()] += dy[i];
        }
        return db;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
