package org.backprop4j.io;

import java.util.List;
import java.util.Objects;
import org.backprop4j.nn.Sequential;

/**
 * A trained classifier with everything needed to use it again: the network with its weights, the
 * class names and the feature scaling of its inputs. Its architecture ({@link #spec()}) is read from
 * the network itself. {@link ModelFile} saves and loads it as one safetensors file, and
 * {@link #predictor()} classifies new rows.
 *
 * <pre>{@code
 * ModelFile.save(path, new SavedModel(model, data.classNames(), Scaling.of(standardizer)));
 * Predictor p = ModelFile.load(path).predictor();
 * String name = p.className(p.predict(new float[]{5.1f, 3.5f, 1.4f, 0.2f})[0]);
 * }</pre>
 *
 * @param model the network (its parameters are saved; it is held, not copied); every layer must be one
 *              a model file can describe ({@link ModelSpec#of})
 * @param classNames one name per output, or an empty list when the classes are unnamed (null means empty; copied)
 * @param scaling the input scaling applied before the model (null means {@link Scaling#none()})
 */
public record SavedModel(Sequential model, List<String> classNames, Scaling scaling) {

    /**
     * Checks that the model can be described and that the class names and the scaling fit its outputs and inputs.
     *
     * @param model the network
     * @param classNames one name per output, or null or empty for none
     * @param scaling the input scaling, or null for none
     * @throws IllegalArgumentException when a layer cannot be described or the names or scaling do not fit the model
     */
    public SavedModel {
        Objects.requireNonNull(model, "model");
        ModelSpec spec = ModelSpec.of(model);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        scaling = scaling == null ? Scaling.none() : scaling;
        if (!classNames.isEmpty() && classNames.size() != spec.outputs()) {
            throw new IllegalArgumentException(classNames.size() + " class names " + classNames + " but the model has "
                    + spec.outputs() + " outputs");
        }
        if (!scaling.isNone() && spec.inputs() > 0 && scaling.features() != spec.inputs()) {
            throw new IllegalArgumentException("the " + scaling.kind() + " scaling has " + scaling.features()
                    + " features but the model has " + spec.inputs() + " inputs");
        }
    }

    /**
     * As the canonical constructor, for a model built from {@code spec}: throws when the spec does not
     * describe the model (so a spec that says ReLU cannot be saved with a model that has Tanh).
     *
     * @param spec the architecture the model was built from
     * @param model the network
     * @param classNames one name per output, or null or empty for none
     * @param scaling the input scaling, or null for none
     * @throws IllegalArgumentException when the spec does not describe the model
     */
    public SavedModel(ModelSpec spec, Sequential model, List<String> classNames, Scaling scaling) {
        this(describedBy(spec, model), classNames, scaling);
    }

    private static Sequential describedBy(ModelSpec spec, Sequential model) {
        ModelSpec actual = ModelSpec.of(Objects.requireNonNull(model, "model"));
        if (!actual.equals(Objects.requireNonNull(spec, "spec"))) {
            throw new IllegalArgumentException("the spec " + spec + " does not describe the model, which is " + actual);
        }
        return model;
    }

    /**
     * The architecture, read from the model now.
     *
     * @return the architecture of {@link #model()}
     */
    public ModelSpec spec() {
        return ModelSpec.of(model);
    }

    /**
     * A predictor with a private copy of the current weights, in evaluation mode; safe for concurrent callers.
     *
     * @return a new predictor
     */
    public Predictor predictor() {
        return new Predictor(this);
    }
}
