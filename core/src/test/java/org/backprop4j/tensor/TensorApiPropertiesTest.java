package org.backprop4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.nn.BCEWithLogitsLoss;
import org.backprop4j.nn.CrossEntropyLoss;
import org.backprop4j.nn.MSELoss;
import org.backprop4j.nn.NLLLoss;

/**
 * Random shapes, dims, labels and values thrown at the public tensor operations and losses: each
 * call gives a correct value or an {@link IllegalArgumentException} whose message names the
 * problem, never another exception (index out of bounds, negative array size, arithmetic, ...).
 */
class TensorApiPropertiesTest {

    /** The message of the last IllegalArgumentException seen by {@link #valueOrIae}. */
    private static String lastError;

    /** Runs {@code call}: returns its value, or null when it threw an IllegalArgumentException with a message. */
    static <T> T valueOrIae(Supplier<T> call) {
        lastError = null;
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("message of %s", e).isNotBlank();
            lastError = e.getMessage();
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("expected a value or an IllegalArgumentException, got " + e, e);
        }
    }

    @Provide
    Arbitrary<int[]> shapes() {
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0, 4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-3, -1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, 1 << 16, Integer.MIN_VALUE)));
        return dim.array(int[].class).ofMinSize(0).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.doubles().between(-10, 10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        1e300, -0.0)));
    }

    /** A tensor of the shape with values from the seed, or null when the shape itself is invalid. */
    static Tensor tensor(int[] shape, long seed, DType dtype) {
        return valueOrIae(() -> Tensor.randn(new Rng(seed), dtype, shape));
    }

    @Property(tries = 300)
    void creation(@ForAll("shapes") int[] shape, @ForAll("values") double v, @ForAll boolean f64) {
        DType dt = f64 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor z = valueOrIae(() -> Tensor.zeros(dt, shape));
        boolean valid = Arrays.stream(shape).allMatch(d -> d >= 0 && d <= 4);
        if (z != null) {
            assertThat(z.shape()).containsExactly(shape);
        } else {
            assertThat(valid).as("zeros(%s) refused", Arrays.toString(shape)).isFalse();
        }
        valueOrIae(() -> Tensor.full(dt, v, shape));
        valueOrIae(() -> Tensor.of(new float[Math.max(0, Math.min(shape.length * 2, 8))], shape));
        valueOrIae(() -> Tensor.arange(dt, v, v + 3, shape.length == 0 ? 0 : shape[0]));
        valueOrIae(() -> Tensor.eye(dt, shape.length == 0 ? 0 : shape[0]));
        valueOrIae(() -> Tensor.uniform(new Rng(1), dt, v, v + 1, shape));
    }

    @Property(tries = 400)
    void elementWiseWithBroadcasting(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b, @ForAll long seed,
                                     @ForAll("values") double c, @ForAll @IntRange(min = 0, max = 11) int op) {
        Tensor x = tensor(a, seed, DType.FLOAT32);
        Tensor y = tensor(b, seed + 1, op % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64);
        if (x == null || y == null) {
            return;
        }
        Tensor r = valueOrIae(() -> switch (op) {
            case 0 -> x.add(y);
            case 1 -> x.sub(y);
            case 2 -> x.mul(y);
            case 3 -> x.div(y);
            case 4 -> x.pow(y);
            case 5 -> x.add(c).mul(c).div(c).sub(c);
            case 6 -> x.pow(c);
            case 7 -> x.clamp(c, c + 1);
            case 8 -> x.leakyRelu(c);
            case 9 -> x.dropout(Math.abs(c) % 1.5, new Rng(seed));
            case 10 -> x.exp().log().sqrt().abs().neg().relu().sigmoid().tanh().gelu();
            default -> x.mul(y).sum();
        });
        if (r != null && op < 4) {
            assertThat(r.rank()).isEqualTo(Math.max(a.length, b.length));
        }
        if (r == null && op < 5) {
            assertThat(lastError).as("the message names the shapes").contains(Arrays.toString(a));
        }
    }

    @Property(tries = 400)
    void matmul(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b, @ForAll long seed) {
        Tensor x = tensor(a, seed, DType.FLOAT32);
        Tensor y = tensor(b, seed + 1, DType.FLOAT32);
        if (x == null || y == null) {
            return;
        }
        Tensor r = valueOrIae(() -> x.matmul(y));
        if (r != null && a.length == 2 && b.length == 2) {
            assertThat(r.shape()).containsExactly(a[0], b[1]);
        }
        if (r == null) {
            assertThat(lastError).as("the message names a shape").contains("[");
        }
    }

    @Property(tries = 400)
    void reductionsWithAnyDim(@ForAll("shapes") int[] a, @ForAll long seed, @ForAll @IntRange(min = -6, max = 6) int dim,
                              @ForAll boolean keep) {
        Tensor x = tensor(a, seed, DType.FLOAT64);
        if (x == null) {
            return;
        }
        boolean dimValid = dim >= -a.length && dim < a.length;
        Tensor s = valueOrIae(() -> x.sum(dim, keep));
        if (s == null && dimValid) {
            // a valid reduction of an empty tensor whose result would not fit one Java array
            assertThat(lastError).as("sum(%d) of %s", dim, Arrays.toString(a)).contains("Java array");
            return;
        }
        assertThat(s != null).as("sum(%d) of %s", dim, Arrays.toString(a)).isEqualTo(dimValid);
        if (s != null) {
            double total = Arrays.stream(x.toDoubleArray()).sum();
            assertThat(Arrays.stream(s.toDoubleArray()).sum()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9));
        }
        valueOrIae(() -> x.mean(dim, keep));
        valueOrIae(() -> x.max(dim, keep));
        valueOrIae(() -> x.argmax(dim));
        valueOrIae(() -> x.softmax(dim));
        valueOrIae(() -> x.logSoftmax(dim));
        valueOrIae(x::sum);
        valueOrIae(x::mean);
        valueOrIae(x::max);
        valueOrIae(x::argmax);
    }

    @Property(tries = 400)
    void reshapeTransposeSlice(@ForAll("shapes") int[] a, @ForAll("shapes") int[] target, @ForAll long seed,
                               @ForAll @IntRange(min = -5, max = 5) int d0, @ForAll @IntRange(min = -5, max = 5) int d1,
                               @ForAll @IntRange(min = -3, max = 6) int from, @ForAll @IntRange(min = -3, max = 6) int to) {
        Tensor x = tensor(a, seed, DType.FLOAT32);
        if (x == null) {
            return;
        }
        int[] withMinusOne = target.clone();
        if (withMinusOne.length > 0) {
            withMinusOne[0] = -1;
        }
        Tensor r = valueOrIae(() -> x.reshape(withMinusOne));
        if (r != null) {
            assertThat(r.size()).isEqualTo(x.size());
        }
        valueOrIae(() -> x.reshape(target));
        valueOrIae(x::flatten);
        valueOrIae(() -> x.transpose(d0, d1));
        valueOrIae(x::t);
        valueOrIae(() -> x.slice(d0, from, to));
        valueOrIae(() -> x.rows(from, to));
        valueOrIae(() -> x.rows(new int[]{from, to}));
        valueOrIae(() -> x.get(new int[]{from, to}));
        valueOrIae(() -> x.dim(d0));
    }

    @Property(tries = 300)
    void concatAndStack(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b, @ForAll long seed,
                        @ForAll @IntRange(min = -5, max = 5) int dim) {
        Tensor x = tensor(a, seed, DType.FLOAT32);
        Tensor y = tensor(b, seed + 1, DType.FLOAT32);
        if (x == null || y == null) {
            return;
        }
        Tensor c = valueOrIae(() -> Tensor.concat(dim, x, y));
        if (c != null) {
            assertThat(c.size()).isEqualTo(x.size() + y.size());
        }
        Tensor s = valueOrIae(() -> Tensor.stack(dim, x, y));
        if (s != null) {
            assertThat(s.rank()).isEqualTo(a.length + 1);
        }
        valueOrIae(() -> Tensor.concat(dim));
        valueOrIae(() -> Tensor.stack(dim));
    }

    @Property(tries = 500)
    void lossesWithRandomLabels(@ForAll("shapes") int[] a, @ForAll long seed,
                                @ForAll("labels") int[] labels, @ForAll @IntRange(min = -101, max = 5) int ignore,
                                @ForAll("shapes") int[] targetShape, @ForAll @IntRange(min = 0, max = 3) int smoothing) {
        Tensor logits = tensor(a, seed, DType.FLOAT32);
        if (logits == null) {
            return;
        }
        logits.requiresGrad();
        Tensor ce = valueOrIae(() -> CrossEntropyLoss.builder().ignoreIndex(ignore).labelSmoothing(smoothing * 0.1).build()
                .apply(logits, labels));
        if (ce != null) {
            // [N, C] logits with N labels, or [C] logits (one sample) with one label
            assertThat(a.length).isBetween(1, 2);
            int classes = a[a.length - 1];
            assertThat(labels).hasSize(a.length == 2 ? a[0] : 1);
            for (int y : labels) {
                assertThat(y == ignore || y >= 0 && y < classes).as("label %d accepted for %s", y, Arrays.toString(a)).isTrue();
            }
            valueOrIae(() -> {
                ce.backward();
                return ce;
            });
        }
        valueOrIae(() -> new NLLLoss().apply(logits, labels));
        Tensor target = tensor(targetShape, seed + 2, DType.FLOAT32);
        if (target != null) {
            valueOrIae(() -> new CrossEntropyLoss().apply(logits, target.softmax(-1)));
            valueOrIae(() -> new BCEWithLogitsLoss().apply(logits, target.sigmoid()));
            valueOrIae(() -> new MSELoss().apply(logits, target));
        }
        valueOrIae(() -> CrossEntropyLoss.builder().classWeights(Tensor.ones(Math.max(0, labels.length))).build()
                .apply(logits, labels));
    }

    @Provide
    Arbitrary<int[]> labels() {
        return Arbitraries.integers().between(-101, 6).array(int[].class).ofMaxSize(5);
    }

    @Property(tries = 200)
    void gradientsOfAnyAcceptedGraph(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b, @ForAll long seed) {
        Tensor x = tensor(a, seed, DType.FLOAT64);
        Tensor y = tensor(b, seed + 1, DType.FLOAT64);
        if (x == null || y == null) {
            return;
        }
        x.requiresGrad();
        y.requiresGrad();
        Tensor out = valueOrIae(() -> x.mul(y).add(x).tanh().sum());
        if (out != null) {
            valueOrIae(() -> {
                out.backward();
                return out;
            });
            assertThat(x.grad().shape()).containsExactly(a);
        }
        Tensor notScalar = valueOrIae(() -> x.add(1.0));
        if (notScalar != null && notScalar.size() != 1) {
            valueOrIae(() -> {
                notScalar.backward();
                return notScalar;
            });
        }
    }
}
