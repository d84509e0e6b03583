package org.backprop4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Parameter registration and PyTorch names, modes, dtype conversion, state dicts and printing. */
class ModuleTest {

    /** A module with a parameter of its own and a child, as users write them. */
    static final class Scaled extends Module {
        Scaled(Linear inner) {
            registerParameter("scale", Tensor.of(new float[]{2f}));
            registerModule("inner", inner);
        }

        @Override
        public Tensor forward(Tensor x) {
            return namedChildren().get("inner").forward(x).mul(parameter("scale"));
        }
    }

    /** Two linear layers sharing one weight (tied). */
    static final class Tied extends Module {
        Tied() {
            Linear a = registerModule("a", new Linear(3, 3, false, new Rng(1), DType.FLOAT32));
            registerParameter("shared", a.weight());
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(parameter("shared"));
        }
    }

    private static Sequential mlp(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(4, 3, rng), new ReLU(), new Linear(3, 2, rng));
    }

    // ---------------------------------------------------------------- names

    @Test
    void sequentialParametersHavePyTorchNamesAndShapes() {
        Map<String, Tensor> p = mlp(0).namedParameters();
        assertThat(p.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(p.get("0.weight").shape()).containsExactly(3, 4);
        assertThat(p.get("0.bias").shape()).containsExactly(3);
        assertThat(p.get("2.weight").shape()).containsExactly(2, 3);
        p.forEach((k, t) -> {
            assertThat(t.name()).isEqualTo(k);
            assertThat(t.requiresGradFlag()).isTrue();
        });
    }

    @Test
    void nestedModulesGiveDottedPaths() {
        Sequential outer = new Sequential(new Identity(), mlp(1), new Scaled(new Linear(2, 2, new Rng(2))));
        assertThat(outer.namedParameters().keySet()).containsExactly("1.0.weight", "1.0.bias", "1.2.weight", "1.2.bias",
                "2.scale", "2.inner.weight", "2.inner.bias");
        assertThat(outer.namedParameters().get("2.inner.weight").name()).isEqualTo("2.inner.weight");
        assertThat(outer.namedChildren().keySet()).containsExactly("0", "1", "2");
    }

    @Test
    void parametersFollowNamedParametersOrder() {
        Sequential m = mlp(0);
        assertThat(m.parameters()).containsExactlyElementsOf(m.namedParameters().values());
    }

    @Test
    void parameterCountSumsSizes() {
        assertThat(mlp(0).parameterCount()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
    }

    @Test
    void tiedParameterIsListedAndCountedOnce() {
        // PyTorch lists a module's own parameters before its children's and drops repeats
        Tied t = new Tied();
        assertThat(t.namedParameters().keySet()).containsExactly("shared");
        assertThat(t.parameterCount()).isEqualTo(9);
    }

    @Test
    void badRegistrationsAreRejected() {
        Module m = new Identity();
        assertThatThrownBy(() -> m.registerParameter("a.b", Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.b");
        m.registerParameter("w", Tensor.zeros(2));
        assertThatThrownBy(() -> m.registerModule("w", new ReLU()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already used");
        Tensor computed = Tensor.zeros(2).requiresGrad().mul(2.0);
        assertThatThrownBy(() -> m.registerParameter("c", computed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf");
    }

    // ---------------------------------------------------------------- gradients and modes

    @Test
    void zeroGradClearsEveryGradient() {
        Sequential m = mlp(0);
        m.forward(Tensor.ones(2, 4)).sum().backward();
        assertThat(m.parameters()).allSatisfy(t -> assertThat(t.grad()).isNotNull());
        m.zeroGrad();
        assertThat(m.parameters()).allSatisfy(t -> assertThat(t.grad()).isNull());
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Dropout inner = new Dropout(0.5);
        Sequential m = new Sequential(new Linear(2, 2), new Sequential(inner));
        assertThat(m.isTraining()).isTrue();
        assertThat(m.eval()).isSameAs(m);
        assertThat(m.isTraining()).isFalse();
        assertThat(m.get(1).isTraining()).isFalse();
        assertThat(inner.isTraining()).isFalse();
        m.train();
        assertThat(inner.isTraining()).isTrue();
        m.train(false);
        assertThat(inner.isTraining()).isFalse();
    }

    // ---------------------------------------------------------------- dtype

    @Test
    void toConvertsEveryParameterToANewLeafThatRequiresGrad() {
        Sequential m = mlp(3);
        Map<String, Tensor> before = m.namedParameters();
        assertThat(m.to(DType.FLOAT64)).isSameAs(m);
        Map<String, Tensor> after = m.namedParameters();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        after.forEach((k, t) -> {
            assertThat(t.dtype()).isEqualTo(DType.FLOAT64);
            assertThat(t.requiresGradFlag()).isTrue();
            assertThat(t.isLeaf()).isTrue();
            assertThat(t.name()).isEqualTo(k);
            assertThat(t).isNotSameAs(before.get(k));
            // float32 -> float64 is exact
            assertThat(t.toDoubleArray()).containsExactly(before.get(k).toDoubleArray());
        });
        assertThat(((Linear) m.get(0)).weight()).isSameAs(after.get("0.weight"));
        Tensor y = m.forward(Tensor.ones(DType.FLOAT64, 1, 4));
        assertThat(y.dtype()).isEqualTo(DType.FLOAT64);
        y.sum().backward();
        assertThat(after.get("0.weight").grad()).isNotNull();
    }

    @Test
    void toTheSameDtypeKeepsTheParameters() {
        Sequential m = mlp(3);
        Tensor w = m.namedParameters().get("0.weight");
        m.to(DType.FLOAT32);
        assertThat(m.namedParameters().get("0.weight")).isSameAs(w);
    }

    @Test
    void tiedParameterStaysTiedAfterConversion() {
        Tied t = new Tied();
        t.to(DType.FLOAT64);
        assertThat(t.parameter("shared")).isSameAs(((Linear) t.namedChildren().get("a")).weight());
        assertThat(t.parameter("shared").dtype()).isEqualTo(DType.FLOAT64);
    }

    // ---------------------------------------------------------------- state

    @Test
    void stateDictRoundTripReproducesTheModel() {
        Sequential a = mlp(10);
        Sequential b = mlp(11);
        Tensor x = Tensor.randn(new Rng(5), 3, 4);
        assertThat(b.forward(x).toFloatArray()).isNotEqualTo(a.forward(x).toFloatArray());
        Map<String, NDArray> state = a.stateDict();
        assertThat(state.keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        b.loadStateDict(state);
        assertThat(b.forward(x).toFloatArray()).containsExactly(a.forward(x).toFloatArray());
    }

    @Test
    void stateDictHoldsCopies() {
        Sequential a = mlp(10);
        Map<String, NDArray> state = a.stateDict();
        float before = a.namedParameters().get("0.weight").toFloatArray()[0];
        state.get("0.weight").set(0, 123.0);
        assertThat(a.namedParameters().get("0.weight").toFloatArray()[0]).isEqualTo(before);
        Sequential b = mlp(11);
        b.loadStateDict(state);
        state.get("0.weight").set(0, 7.0);
        assertThat(b.namedParameters().get("0.weight").toFloatArray()[0]).isEqualTo(123f);
    }

    @Test
    void loadStateDictNamesMissingAndUnexpectedKeys() {
        Sequential m = mlp(0);
        Map<String, NDArray> state = m.stateDict();
        state.remove("2.bias");
        state.put("3.weight", NDArray.zeros(DType.FLOAT32, 2));
        assertThatThrownBy(() -> m.loadStateDict(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing keys [2.bias]").hasMessageContaining("unexpected keys [3.weight]");
    }

    @Test
    void loadStateDictNamesTheParameterAndBothShapesAndChangesNothing() {
        Sequential m = mlp(0);
        float[] before = m.namedParameters().get("0.bias").toFloatArray();
        Map<String, NDArray> state = mlp(1).stateDict();
        state.put("0.weight", NDArray.zeros(DType.FLOAT32, 4, 3));
        assertThatThrownBy(() -> m.loadStateDict(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.weight").hasMessageContaining("[4, 3]").hasMessageContaining("[3, 4]");
        assertThat(m.namedParameters().get("0.bias").toFloatArray()).containsExactly(before);
    }

    @Test
    void loadStateDictRejectsAnotherDtype() {
        Sequential m = mlp(0);
        Map<String, NDArray> state = m.stateDict();
        state.put("2.bias", state.get("2.bias").astype(DType.FLOAT64));
        assertThatThrownBy(() -> m.loadStateDict(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.bias").hasMessageContaining("float64").hasMessageContaining("float32");
    }

    // ---------------------------------------------------------------- printing

    @Test
    void toStringPrintsTheArchitectureAsPyTorchDoes() {
        Sequential m = new Sequential(new Linear(64, 32), new ReLU(), new Dropout(0.5),
                new Sequential(new Linear(32, 10), new LogSoftmax(1)));
        assertThat(m.toString()).isEqualTo(String.join("\n",
                "Sequential(",
                "  (0): Linear(in_features=64, out_features=32, bias=true)",
                "  (1): ReLU()",
                "  (2): Dropout(p=0.5)",
                "  (3): Sequential(",
                "    (0): Linear(in_features=32, out_features=10, bias=true)",
                "    (1): LogSoftmax(dim=1)",
                "  )",
                ")"));
    }

    @Test
    void toStringOfACustomModuleListsItsChildren() {
        assertThat(new Scaled(new Linear(2, 3, new Rng(0))).toString()).isEqualTo(
                "Scaled(\n  (inner): Linear(in_features=2, out_features=3, bias=true)\n)");
        assertThat(new Sequential().toString()).isEqualTo("Sequential()");
    }
}
