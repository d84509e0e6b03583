/**
 * backprop4j's core: tensors with reverse-mode automatic differentiation, layers, losses, optimisers,
 * data loading, the training loop, safetensors files and the explain tool. Every API package is
 * exported; {@code org.backprop4j.internal} (checked system properties, the JSON reader and writer)
 * is not. The Vector API kernels are used when {@code jdk.incubator.vector} is in the boot layer
 * ({@code --add-modules jdk.incubator.vector}); without it the plain-Java kernels run, so the module is
 * only a static (compile-time) dependency. The jar works on the class path as well.
 */
module org.backprop4j.core {
    requires static jdk.incubator.vector;

    exports org.backprop4j.autograd;
    exports org.backprop4j.data;
    exports org.backprop4j.explain;
    exports org.backprop4j.io;
    exports org.backprop4j.kernel;
    exports org.backprop4j.ndarray;
    exports org.backprop4j.nn;
    exports org.backprop4j.ops;
    exports org.backprop4j.optim;
    exports org.backprop4j.tensor;
    exports org.backprop4j.train;
}
