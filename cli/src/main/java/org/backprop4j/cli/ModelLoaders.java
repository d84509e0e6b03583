package org.backprop4j.cli;

import java.nio.file.Path;
import org.backprop4j.nn.Module;

/** The one place where the CLI learns how to read saved models. */
final class ModelLoaders {
    private static ModelLoader current = ModelLoaders::unavailable;

    private ModelLoaders() {
    }

    // ===== WIRE org.backprop4j.io HERE =====================================================
    // When package org.backprop4j.io (safetensors) is merged, replace the body of this method
    // with a call that returns the saved Module, for example:
    //     return org.backprop4j.io.<the model reader>.load(file);
    // Nothing else in the CLI needs to change: explain and graph only call loader().load(path).
    private static Module unavailable(Path file) {
        throw new IllegalArgumentException("cannot load " + file + ": reading saved models needs the package "
                + "org.backprop4j.io (safetensors), which is not in this build yet");
    }
    // =======================================================================================

    /** The loader in use. */
    static ModelLoader loader() {
        return current;
    }

    /** Replaces the loader (tests use this to supply models); returns the previous one. */
    static ModelLoader use(ModelLoader loader) {
        ModelLoader previous = current;
        current = java.util.Objects.requireNonNull(loader, "loader");
        return previous;
    }
}
