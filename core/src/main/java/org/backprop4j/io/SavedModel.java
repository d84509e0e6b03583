package org.backprop4j.io;

import java.util.List;
import java.util.Objects;
import org.backprop4j.nn.Sequential;

/**
 * A trained classifier with everything needed to use it again: its architecture, the network with
 * its weights, the class names and the feature scaling of its inputs. {@link ModelFile} saves and
 * loads it as one safetensors file.
 *
 * @param spec the architecture the model was built from
 * @param model the network (its parameters are saved; it is held, not copied)
 * @param classNames one name per output, or an empty list when the classes are unnamed (null means empty; copied)
 * @param scaling the input scaling applied before the model (null means {@link Scaling#none()})
 */
public record SavedModel(ModelSpec spec, Sequential model, List<String> classNames, Scaling scaling) {

    /** Checks that the class names and the scaling fit the architecture's outputs and inputs. */
    public SavedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(model, "model");
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        scaling = scaling == null ? Scaling.none() : scaling;
        if (!classNames.isEmpty() && classNames.size() != spec.outputs()) {
            throw new IllegalArgumentException(classNames.size() + " class names " + classNames + " but the model has "
                    + spec.outputs() + " outputs");
        }
        if (!scaling.isNone() && scaling.features() != spec.inputs()) {
            throw new IllegalArgumentException("the " + scaling.kind() + " scaling has " + scaling.features()
                    + " features but the model has " + spec.inputs() + " inputs");
        }
    }
}
