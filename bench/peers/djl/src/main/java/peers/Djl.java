package peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** What the DJL harnesses share: the engine's settings and PyTorch's default initialisation. */
final class Djl {
    private Djl() {
    }

    /** PyTorch with the workload's intra-op threads, one inter-op thread, and no downloads. Call before the first NDManager. */
    static void configure(Workload w) {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(w.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
    }

    /** PyTorch's default initialisation of a layer's weight and bias: U(-1/sqrt(fanIn), 1/sqrt(fanIn)), trainable. */
    static NDArray uniform(NDManager manager, int fanIn, Shape shape) {
        float bound = (float) (1 / Math.sqrt(fanIn));
        NDArray p = manager.randomUniform(-bound, bound, shape);
        p.setRequiresGradient(true);
        return p;
    }
}
