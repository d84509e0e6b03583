package org.backprop4j.kernel;

/** Run in a child JVM by {@link KernelChoiceTest}: two GEMMs, then the kernel set's name on stdout. */
public final class KernelChoiceMain {
    private KernelChoiceMain() {
    }

    /** Multiplies twice (the choice must be logged once) and prints {@link Kernels#implementation()}. */
    public static void main(String[] args) {
        float[] c = new float[1];
        Gemm.gemm(false, false, 1, 1, 1, new float[]{2}, 0, new float[]{3}, 0, c, 0, false);
        Gemm.gemm(false, false, 1, 1, 1, new float[]{2}, 0, new float[]{3}, 0, c, 0, true);
        System.out.println(Kernels.implementation() + " " + c[0]);
    }
}
