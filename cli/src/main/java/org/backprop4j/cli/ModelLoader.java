package org.backprop4j.cli;

import java.nio.file.Path;
import org.backprop4j.nn.Module;

/** Loads a saved model (a safetensors file) for {@code explain --model} and {@code graph --model}. */
@FunctionalInterface
public interface ModelLoader {
    /** The model saved in {@code file}; bad files are reported with an {@link IllegalArgumentException}. */
    Module load(Path file);
}
