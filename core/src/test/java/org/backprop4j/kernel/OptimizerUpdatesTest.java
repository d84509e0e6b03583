package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam/AdamW update of every kernel set, and of the split facade at 1 and 2 threads, is
 * bit-identical to the scalar loop the optimiser ran before the kernel existed (copied below as the
 * reference), over random data, updates t = 1..3, coupled and decoupled decay, with and without AMSGrad;
 * likewise SGD with momentum (plain, dampened, Nesterov) and weight decay.
 */
class OptimizerUpdatesTest {
    private static final int[] SIZES = {1, 3, 7, 8, 15, 16, 17, 31, 33, 100, 257};
    private static final int SPLIT_SIZE = 4 * Elementwise.PARALLEL_ELEMENTS + 13;

    /** One configuration: weight decay, decoupled (AdamW) or not, AMSGrad or not. */
    private record Config(double weightDecay, boolean decoupled, boolean amsgrad) {
    }

    private static final Config[] CONFIGS = {
        new Config(0, false, false), new Config(1e-2, false, false), new Config(1e-2, false, true),
        new Config(0.05, true, false), new Config(0.05, true, true), new Config(0, true, true),
    };
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;
    private static final double LR = 3e-3;

    /**
     * The float32 rule in float32 arithmetic, written out from PyTorch 1.13's single-tensor Adam:
     * {@code m.mul_(β1).add_(g, alpha=1-β1); v.mul_(β2).addcmul_(g, g, value=1-β2);
     * denom = (v.sqrt() / sqrt(1-β2^t)).add_(eps); p.addcdiv_(m, denom, value=-lr/(1-β1^t))}, with the
     * scalars rounded to float32 and no fused multiply-add.
     */
    private static void referenceF(float[] p, float[] grad, float[] m, float[] v, float[] vmax, Config cfg, long t) {
        float stepSize = (float) (LR / (1 - Math.pow(B1, t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(B2, t));
        float decay = (float) (cfg.decoupled ? 1 - LR * cfg.weightDecay : 1);
        float l2 = (float) (cfg.decoupled ? 0 : cfg.weightDecay);
        float b1 = (float) B1;
        float b2 = (float) B2;
        float c1 = (float) (1 - B1);
        float c2 = (float) (1 - B2);
        for (int j = 0; j < p.length; j++) {
            float pj = p[j];
            if (cfg.decoupled) {
                pj *= decay;
            }
            float g = grad[j];
            if (l2 != 0) {
                g += l2 * pj;
            }
            float mj = b1 * m[j] + c1 * g;
            float vj = b2 * v[j] + (c2 * g) * g;
            m[j] = mj;
            v[j] = vj;
            if (vmax != null) {
                vj = Math.max(vmax[j], vj);
                vmax[j] = vj;
            }
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + (float) EPS;
            p[j] = pj - stepSize * (mj / denom);
        }
    }

    /** The float64 element loop of optim.AdamRule before the kernel (commit 93fbc05). */
    private static void referenceD(double[] p, double[] grad, double[] m, double[] v, double[] vmax, Config cfg, long t) {
        double stepSize = LR / (1 - Math.pow(B1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(B2, t));
        double decay = cfg.decoupled ? 1 - LR * cfg.weightDecay : 1;
        double l2 = cfg.decoupled ? 0 : cfg.weightDecay;
        double c1 = 1 - B1;
        double c2 = 1 - B2;
        for (int j = 0; j < p.length; j++) {
            double pj = p[j];
            if (cfg.decoupled) {
                pj = pj * decay;
            }
            double g = grad[j];
            if (l2 != 0) {
                g = g + l2 * pj;
            }
            double mj = B1 * m[j] + c1 * g;
            double vj = B2 * v[j] + c2 * g * g;
            m[j] = mj;
            v[j] = vj;
            if (vmax != null) {
                vj = Math.max(vmax[j], vj);
                vmax[j] = vj;
            }
            double denom = Math.sqrt(vj) / bc2Sqrt + EPS;
            p[j] = pj - stepSize * (mj / denom);
        }
    }

    /** Parameter, state and three gradients of n float32 elements (gradients of mixed scale, some zero). */
    private static float[][] floatData(SplittableRandom r, int n) {
        float[][] d = new float[7][];
        for (int i = 0; i < d.length; i++) {
            d[i] = KernelSetsTest.randomF(r, n);
        }
        for (int k = 4; k < 7; k++) {
            for (int j = 0; j < n; j++) {
                d[k][j] *= (float) Math.pow(10, r.nextInt(-6, 3));
                if (r.nextInt(10) == 0) {
                    d[k][j] = 0f;
                }
            }
        }
        for (int j = 0; j < n; j++) { // v and vmax are non-negative
            d[2][j] = Math.abs(d[2][j]) * 1e-3f;
            d[3][j] = Math.abs(d[3][j]) * 1e-3f;
        }
        return d;
    }

    private static float[][] copy(float[][] d) {
        float[][] c = new float[d.length][];
        for (int i = 0; i < d.length; i++) {
            c[i] = d[i].clone();
        }
        return c;
    }

    @Test
    void float32AdamIsTheScalarRuleOnEveryKernelSet() {
        SplittableRandom r = new SplittableRandom(11);
        AdamCoefficients c = new AdamCoefficients();
        for (Config cfg : CONFIGS) {
            for (int n : SIZES) {
                float[][] start = floatData(r, n);
                for (KernelSet ks : KernelSetsTest.sets()) {
                    float[][] got = copy(start);
                    float[][] mine = copy(start);
                    for (int t = 1; t <= 3; t++) {
                        float[] vmax = cfg.amsgrad ? mine[3] : null;
                        ks.adam(mine[0], mine[3 + t], mine[1], mine[2], vmax, null, 0, n,
                                c.set(B1, B2, EPS, cfg.weightDecay, cfg.decoupled, t, LR));
                        referenceF(got[0], got[3 + t], got[1], got[2], cfg.amsgrad ? got[3] : null, cfg, t);
                        for (int k = 0; k < 4; k++) {
                            assertThat(mine[k]).as("%s %s n=%d t=%d array %d", ks.name(), cfg, n, t, k)
                                    .isEqualTo(got[k]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void float64AdamIsTheScalarRuleOnEveryKernelSet() {
        SplittableRandom r = new SplittableRandom(12);
        AdamCoefficients c = new AdamCoefficients();
        for (Config cfg : CONFIGS) {
            for (int n : SIZES) {
                double[][] start = new double[7][];
                for (int i = 0; i < start.length; i++) {
                    start[i] = KernelSetsTest.randomD(r, n);
                }
                for (int j = 0; j < n; j++) {
                    start[2][j] = Math.abs(start[2][j]) * 1e-3;
                    start[3][j] = Math.abs(start[3][j]) * 1e-3;
                }
                for (KernelSet ks : KernelSetsTest.sets()) {
                    double[][] got = new double[7][];
                    double[][] mine = new double[7][];
                    for (int i = 0; i < 7; i++) {
                        got[i] = start[i].clone();
                        mine[i] = start[i].clone();
                    }
                    for (int t = 1; t <= 3; t++) {
                        ks.adam(mine[0], mine[3 + t], mine[1], mine[2], cfg.amsgrad ? mine[3] : null, null, 0, n,
                                c.set(B1, B2, EPS, cfg.weightDecay, cfg.decoupled, t, LR));
                        referenceD(got[0], got[3 + t], got[1], got[2], cfg.amsgrad ? got[3] : null, cfg, t);
                        for (int k = 0; k < 4; k++) {
                            assertThat(mine[k]).as("%s %s n=%d t=%d array %d", ks.name(), cfg, n, t, k)
                                    .isEqualTo(got[k]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void splitAdamIsTheScalarRuleAtEveryThreadCount() {
        SplittableRandom r = new SplittableRandom(13);
        AdamCoefficients c = new AdamCoefficients();
        int before = Kernels.threads();
        try {
            for (Config cfg : new Config[]{CONFIGS[2], CONFIGS[4]}) {
                float[][] start = floatData(r, SPLIT_SIZE);
                float[][] want = copy(start);
                for (int t = 1; t <= 3; t++) {
                    referenceF(want[0], want[3 + t], want[1], want[2], cfg.amsgrad ? want[3] : null, cfg, t);
                }
                for (int threads : new int[]{1, 2, 3}) {
                    Kernels.setThreads(threads);
                    float[][] got = copy(start);
                    for (int t = 1; t <= 3; t++) {
                        OptimizerUpdates.adam(got[0], got[3 + t], got[1], got[2], cfg.amsgrad ? got[3] : null, null,
                                c.set(B1, B2, EPS, cfg.weightDecay, cfg.decoupled, t, LR));
                    }
                    for (int k = 0; k < 4; k++) {
                        assertThat(got[k]).as("%s threads=%d array %d", cfg, threads, k).isEqualTo(want[k]);
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }

    /** An SGD configuration: weight decay, momentum, dampening, Nesterov. */
    private record SgdConfig(double weightDecay, double momentum, double dampening, boolean nesterov) {
    }

    private static final SgdConfig[] SGD_CONFIGS = {
        new SgdConfig(1e-2, 0, 0, false), new SgdConfig(0, 0.9, 0, false), new SgdConfig(1e-3, 0.9, 0.1, false),
        new SgdConfig(1e-3, 0.9, 0, true),
    };

    /**
     * The float32 rule in float32 arithmetic, written out from PyTorch 1.13's SGD:
     * {@code g = g.add(p, alpha=λ); b = g.clone() at first, else b.mul_(μ).add_(g, alpha=1-τ);
     * g = g.add(b, alpha=μ) (Nesterov) or b; p.add_(g, alpha=-lr)}, scalars rounded to float32, no fused multiply-add.
     */
    private static void referenceSgd(float[] p, float[] grad, float[] buf, SgdConfig cfg, boolean first) {
        float keep = (float) (1 - cfg.dampening);
        float wd = (float) cfg.weightDecay;
        float mu = (float) cfg.momentum;
        float lr = (float) LR;
        for (int j = 0; j < p.length; j++) {
            float g = grad[j];
            if (wd != 0) {
                g = g + wd * p[j];
            }
            if (mu != 0) {
                float b = first ? g : mu * buf[j] + keep * g;
                buf[j] = b;
                g = cfg.nesterov ? g + mu * b : b;
            }
            p[j] = p[j] - lr * g;
        }
    }

    /** The float64 element loop of optim.SGD before the kernel (commit 93fbc05). */
    private static void referenceSgd(double[] p, double[] grad, double[] buf, SgdConfig cfg, boolean first) {
        double keep = 1 - cfg.dampening;
        for (int j = 0; j < p.length; j++) {
            double g = grad[j];
            if (cfg.weightDecay != 0) {
                g = g + cfg.weightDecay * p[j];
            }
            if (cfg.momentum != 0) {
                double b = first ? g : cfg.momentum * buf[j] + keep * g;
                buf[j] = b;
                g = cfg.nesterov ? g + cfg.momentum * b : b;
            }
            p[j] = p[j] - LR * g;
        }
    }

    @Test
    void sgdIsTheScalarRuleOnEveryKernelSetAndThreadCount() {
        SplittableRandom r = new SplittableRandom(14);
        SgdCoefficients c = new SgdCoefficients();
        int before = Kernels.threads();
        try {
            for (SgdConfig cfg : SGD_CONFIGS) {
                for (int n : new int[]{1, 17, 257, SPLIT_SIZE}) {
                    float[][] f = floatData(r, n); // p, buf, (unused), (unused), g1..g3
                    double[][] d = {KernelSetsTest.randomD(r, n), new double[n], KernelSetsTest.randomD(r, n),
                        KernelSetsTest.randomD(r, n), KernelSetsTest.randomD(r, n)};
                    float[][] fWant = copy(f);
                    double[] dp = d[0].clone();
                    double[] db = d[1].clone();
                    for (int t = 1; t <= 3; t++) {
                        referenceSgd(fWant[0], fWant[3 + t], cfg.momentum != 0 ? fWant[1] : null, cfg, t == 1);
                        referenceSgd(dp, d[1 + t], cfg.momentum != 0 ? db : null, cfg, t == 1);
                    }
                    for (String set : new String[]{"plain", "vector"}) {
                        if (set.equals("vector") && !Kernels.vectorAvailable()) {
                            continue;
                        }
                        String was = Kernels.implementation();
                        Kernels.use(set);
                        try {
                            for (int threads : new int[]{1, 2, 3}) {
                                Kernels.setThreads(threads);
                                float[][] fGot = copy(f);
                                double[] gp = d[0].clone();
                                double[] gb = d[1].clone();
                                for (int t = 1; t <= 3; t++) {
                                    c.set(LR, cfg.weightDecay, cfg.momentum, cfg.dampening, cfg.nesterov, t == 1);
                                    OptimizerUpdates.sgd(fGot[0], fGot[3 + t], cfg.momentum != 0 ? fGot[1] : null, null, c);
                                    OptimizerUpdatesF64.sgd(gp, d[1 + t], cfg.momentum != 0 ? gb : null, null, c);
                                }
                                String what = cfg + " n=" + n + " " + set + " threads=" + threads;
                                assertThat(fGot[0]).as("float p %s", what).isEqualTo(fWant[0]);
                                assertThat(fGot[1]).as("float buf %s", what).isEqualTo(fWant[1]);
                                assertThat(gp).as("double p %s", what).isEqualTo(dp);
                                assertThat(gb).as("double buf %s", what).isEqualTo(db);
                            }
                        } finally {
                            Kernels.use(was);
                        }
                    }
                }
            }
        } finally {
            Kernels.setThreads(before);
        }
    }
}
