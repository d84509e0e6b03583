package org.backprop4j.tensor;

import java.util.Arrays;
import java.util.List;
import org.backprop4j.ndarray.DType;
import org.backprop4j.ndarray.NDArray;
import org.backprop4j.ndarray.Rng;
import org.backprop4j.ndarray.Shape;
import org.backprop4j.ops.Abs;
import org.backprop4j.ops.Add;
import org.backprop4j.ops.AvgPool2d;
import org.backprop4j.ops.BatchNorm;
import org.backprop4j.ops.Clamp;
import org.backprop4j.ops.Concat;
import org.backprop4j.ops.Conv2d;
import org.backprop4j.ops.Div;
import org.backprop4j.ops.Dropout;
import org.backprop4j.ops.Exp;
import org.backprop4j.ops.Gelu;
import org.backprop4j.ops.IndexSelect;
import org.backprop4j.ops.LeakyRelu;
import org.backprop4j.ops.Log;
import org.backprop4j.ops.LogSoftmax;
import org.backprop4j.ops.MatMul;
import org.backprop4j.ops.Max;
import org.backprop4j.ops.MaxPool2d;
import org.backprop4j.ops.Mean;
import org.backprop4j.ops.Mul;
import org.backprop4j.ops.Neg;
import org.backprop4j.ops.Op;
import org.backprop4j.ops.Pow;
import org.backprop4j.ops.PowScalar;
import org.backprop4j.ops.Relu;
import org.backprop4j.ops.Reshape;
import org.backprop4j.ops.Sigmoid;
import org.backprop4j.ops.Slice;
import org.backprop4j.ops.Softmax;
import org.backprop4j.ops.Sqrt;
import org.backprop4j.ops.Sub;
import org.backprop4j.ops.Sum;
import org.backprop4j.ops.Tanh;
import org.backprop4j.ops.Transpose;

/**
 * An n-dimensional float32 or float64 value that remembers the op and inputs that made it, so that
 * {@link #backward()} can compute the gradient of a scalar with respect to every tensor marked with
 * {@link #requiresGrad()}. The API follows PyTorch: {@code x.matmul(w).add(b).relu()}.
 *
 * <p>After {@code backward()} the graph below the root is released (as in PyTorch), so a training
 * loop does not hold on to old graphs; pass {@code retainGraph = true} to keep it.
 *
 * <p>Example: the gradient of {@code loss = sum(w * x)} with respect to {@code w} is {@code x}.
 * <pre>{@code
 * import org.backprop4j.tensor.Tensor;
 *
 * Tensor w = Tensor.of(new double[] {3, 4}, 2).requiresGrad();
 * Tensor x = Tensor.of(new double[] {1, 2}, 2);
 * Tensor loss = w.mul(x).sum();                  // 3*1 + 4*2 = 11
 * loss.backward();
 * double[] dLossDw = w.grad().toDoubleArray();   // [1.0, 2.0]
 * }</pre>
 */
public final class Tensor {
    private final NDArray data;
    private Tensor grad;
    private boolean requiresGrad;
    private Op op;
    private Tensor[] inputs;
    private boolean released;
    private String name;

    private Tensor(NDArray data) {
        this.data = data;
    }

    private Tensor(NDArray data, Op op, Tensor[] inputs) {
        this.data = data;
        this.op = op;
        this.inputs = inputs;
        this.requiresGrad = true;
    }

    // ---------------------------------------------------------------- creation

    /**
     * Wraps an {@link NDArray} (not copied) as a leaf tensor.
     *
     * @param data the values
     * @return a leaf tensor over data
     */
    public static Tensor wrap(NDArray data) {
        return new Tensor(data);
    }

    /**
     * A float64 tensor of the given shape (1-D when no shape is given); the values are copied.
     *
     * @param values the values, row-major
     * @param shape the dimensions, whose product is values.length
     * @return a new leaf tensor
     */
    public static Tensor of(double[] values, int... shape) {
        return new Tensor(NDArray.wrap(values.clone(), shape.length == 0 ? new int[]{values.length} : shape));
    }

    /**
     * A float32 tensor of the given shape (1-D when no shape is given); the values are copied.
     *
     * @param values the values, row-major
     * @param shape the dimensions, whose product is values.length
     * @return a new leaf tensor
     */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(NDArray.wrap(values.clone(), shape.length == 0 ? new int[]{values.length} : shape));
    }

    /**
     * A float64 scalar (shape []).
     *
     * @param value the value
     * @return a new leaf tensor
     */
    public static Tensor scalar(double value) {
        return new Tensor(NDArray.full(DType.FLOAT64, value));
    }

    /**
     * A scalar (shape []) of the given dtype.
     *
     * @param dtype the element type
     * @param value the value
     * @return a new leaf tensor
     */
    public static Tensor scalar(DType dtype, double value) {
        return new Tensor(NDArray.full(dtype, value));
    }

    /**
     * A float32 tensor of zeros.
     *
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /**
     * A tensor of zeros.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(NDArray.zeros(dtype, shape));
    }

    /**
     * A float32 tensor of ones.
     *
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor ones(int... shape) {
        return ones(DType.FLOAT32, shape);
    }

    /**
     * A tensor of ones.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor ones(DType dtype, int... shape) {
        return new Tensor(NDArray.full(dtype, 1, shape));
    }

    /**
     * A tensor filled with one value.
     *
     * @param dtype the element type
     * @param value the value of every element
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor full(DType dtype, double value, int... shape) {
        return new Tensor(NDArray.full(dtype, value, shape));
    }

    /**
     * The float32 values 0, 1, ..., n-1.
     *
     * @param n the number of values
     * @return a new 1-D leaf tensor
     */
    public static Tensor arange(int n) {
        return arange(DType.FLOAT32, 0, n, 1);
    }

    /**
     * The values start, start+step, ... below end (above end for a negative step).
     *
     * @param dtype the element type
     * @param start the first value
     * @param end the bound, not included
     * @param step the difference between neighbours, not 0
     * @return a new 1-D leaf tensor
     */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange needs finite bounds and a non-zero step, got " + start + ", "
                    + end + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        NDArray a = NDArray.zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            a.set(i, start + i * step);
        }
        return new Tensor(a);
    }

    /**
     * A float32 n x n identity matrix.
     *
     * @param n the number of rows and columns
     * @return a new leaf tensor
     */
    public static Tensor eye(int n) {
        return eye(DType.FLOAT32, n);
    }

    /**
     * An n x n identity matrix.
     *
     * @param dtype the element type
     * @param n the number of rows and columns
     * @return a new leaf tensor
     */
    public static Tensor eye(DType dtype, int n) {
        NDArray a = NDArray.zeros(dtype, n, n);
        for (int i = 0; i < n; i++) {
            a.set(i * n + i, 1);
        }
        return new Tensor(a);
    }

    /**
     * Float32 values uniform in [0, 1).
     *
     * @param rng the generator
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor rand(Rng rng, int... shape) {
        return uniform(rng, DType.FLOAT32, 0, 1, shape);
    }

    /**
     * Float32 values from the standard normal distribution.
     *
     * @param rng the generator
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor randn(Rng rng, int... shape) {
        return randn(rng, DType.FLOAT32, shape);
    }

    /**
     * Values from the standard normal distribution.
     *
     * @param rng the generator
     * @param dtype the element type
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor randn(Rng rng, DType dtype, int... shape) {
        NDArray a = NDArray.zeros(dtype, shape);
        for (int i = 0, n = a.size(); i < n; i++) {
            a.set(i, rng.nextGaussian());
        }
        return new Tensor(a);
    }

    /**
     * Values uniform in [low, high).
     *
     * @param rng the generator
     * @param dtype the element type
     * @param low the lower bound, included
     * @param high the upper bound, excluded
     * @param shape the dimensions
     * @return a new leaf tensor
     */
    public static Tensor uniform(Rng rng, DType dtype, double low, double high, int... shape) {
        NDArray a = NDArray.zeros(dtype, shape);
        for (int i = 0, n = a.size(); i < n; i++) {
            a.set(i, low + (high - low) * rng.nextDouble());
        }
        return new Tensor(a);
    }

    // ---------------------------------------------------------------- values

    /**
     * The underlying array (shared: writing to it changes this tensor, as optimisers do).
     *
     * @return the values
     */
    public NDArray data() {
        return data;
    }

    /**
     * The shape (a copy).
     *
     * @return the size of each dimension
     */
    public int[] shape() {
        return data.shape();
    }

    /**
     * Size of dimension {@code i} (negative counts from the end).
     *
     * @param i the dimension, from 0 (or from -1 for the last)
     * @return its size
     */
    public int dim(int i) {
        return data.dim(i);
    }

    /**
     * Number of dimensions.
     *
     * @return the rank (0 for a scalar)
     */
    public int rank() {
        return data.rank();
    }

    /**
     * Number of elements.
     *
     * @return the product of the dimensions
     */
    public int size() {
        return data.size();
    }

    /**
     * Element type.
     *
     * @return float32 or float64
     */
    public DType dtype() {
        return data.dtype();
    }

    /**
     * The only value of a one-element tensor.
     *
     * @return the value
     * @throws IllegalArgumentException when the tensor does not have exactly one element
     */
    public double item() {
        if (data.size() != 1) {
            throw new IllegalArgumentException("item() needs a tensor with one element, shape is " + Shape.str(shape()));
        }
        return data.get(0);
    }

    /**
     * Element at a multi-dimensional index.
     *
     * @param index one index per dimension
     * @return the value there
     */
    public double get(int... index) {
        return data.at(index);
    }

    /**
     * The values in row-major order, as a new double array.
     *
     * @return the values
     */
    public double[] toDoubleArray() {
        return data.toDoubleArray();
    }

    /**
     * The values in row-major order, as a new float array.
     *
     * @return the values
     */
    public float[] toFloatArray() {
        return data.toFloatArray();
    }

    /**
     * A copy converted to another dtype; it is a new leaf.
     *
     * @param dtype the target type
     * @return the converted copy
     */
    public Tensor to(DType dtype) {
        return new Tensor(data.dtype() == dtype ? data.copy() : data.astype(dtype));
    }

    /**
     * An optional name shown in graphs and explanations, such as {@code 0.weight}.
     *
     * @return the name, or null when unnamed
     */
    public String name() {
        return name;
    }

    /**
     * Sets the display name; returns this tensor.
     *
     * @param newName the name
     * @return this tensor
     */
    public Tensor named(String newName) {
        this.name = newName;
        return this;
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Marks this leaf as one whose gradient {@link #backward()} computes; returns this tensor.
     *
     * @return this tensor
     */
    public Tensor requiresGrad() {
        return requiresGrad(true);
    }

    /**
     * Sets whether this leaf's gradient is computed; returns this tensor.
     *
     * @param flag true to compute its gradient
     * @return this tensor
     */
    public Tensor requiresGrad(boolean flag) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad can only be set on a leaf tensor; use detach() first");
        }
        this.requiresGrad = flag;
        return this;
    }

    /**
     * Whether gradients flow to this tensor.
     *
     * @return whether this tensor requires grad
     */
    public boolean requiresGradFlag() {
        return requiresGrad;
    }

    /**
     * The accumulated gradient, or null before any backward pass reached this leaf.
     *
     * @return the gradient, shaped as this tensor, or null
     */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * True for a tensor not made by a recorded op (inputs, parameters, constants).
     *
     * @return whether this tensor is a leaf
     */
    public boolean isLeaf() {
        return op == null && !released;
    }

    /**
     * The op that made this tensor, or null for a leaf.
     *
     * @return the op, or null
     */
    public Op op() {
        return op;
    }

    /**
     * The inputs of the op that made this tensor (empty for a leaf).
     *
     * @return the op's inputs, in order
     */
    public List<Tensor> inputs() {
        return inputs == null ? List.of() : List.of(inputs);
    }

    Tensor[] inputsArray() {
        if (released) {
            throw new IllegalStateException("the graph below this tensor was released by an earlier backward(); "
                    + "call backward(gradient, true) to keep it");
        }
        return inputs;
    }

    /**
     * A new leaf sharing this tensor's values, cut off from the graph.
     *
     * @return the detached tensor
     */
    public Tensor detach() {
        return new Tensor(data);
    }

    /** Backpropagates from a one-element tensor (the loss): {@code d this / d leaf} into every leaf's {@link #grad()}. */
    public void backward() {
        if (data.size() != 1) {
            throw new IllegalArgumentException("backward() needs a one-element tensor, shape is " + Shape.str(shape())
                    + "; pass a gradient of that shape, or reduce it first (e.g. loss.sum())");
        }
        backward(null, false);
    }

    /**
     * Backpropagates the given gradient of some scalar with respect to this tensor (same shape).
     *
     * @param gradient the gradient of the scalar with respect to this tensor
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * Backpropagates {@code gradient} (ones when null); keeps the graph when {@code retainGraph},
     * so that backward can run again through it.
     *
     * @param gradient the gradient with respect to this tensor, or null for ones (a scalar loss)
     * @param retainGraph true to keep the graph for another backward pass
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not require grad: no input was marked "
                    + "with requiresGrad(), or it was computed with gradients disabled");
        }
        NDArray seed;
        if (gradient == null) {
            seed = NDArray.full(dtype(), 1, data.shape());
        } else {
            NDArray.requireSameShape(gradient.data, data, "backward gradient");
            NDArray.requireSameDtype(gradient.data, data);
            seed = gradient.data;
        }
        Backward.run(this, seed, retainGraph);
    }

    void accumulateGrad(NDArray g, boolean owned) {
        if (grad == null) {
            grad = new Tensor(owned ? g : g.copy());
        } else {
            grad.data.addInPlace(g);
        }
    }

    void releaseGraph() {
        op = null;
        inputs = null;
        released = true;
    }

    // ---------------------------------------------------------------- recording

    private static Tensor apply(Op op, Tensor... in) {
        NDArray[] arrays = new NDArray[in.length];
        boolean track = false;
        for (int i = 0; i < in.length; i++) {
            arrays[i] = in[i].data;
            track |= in[i].requiresGrad;
        }
        op.markApplied();
        NDArray out = op.forward(arrays);
        if (track && Grad.isEnabled()) {
            for (Tensor t : in) {
                if (t.released) {
                    t.inputsArray(); // throws the explanatory message
                }
            }
            return new Tensor(out, op, in.clone());
        }
        return new Tensor(out);
    }

    /**
     * Records an arbitrary op on the given inputs: how layers and losses add ops of their own. Each
     * call needs a new op instance.
     *
     * @throws IllegalStateException when {@code op} has been recorded before
     * @param op a new op instance
     * @param in the op's inputs
     * @return the op's output, recorded in the graph
     */
    public static Tensor record(Op op, Tensor... in) {
        return apply(op, in);
    }

    private Tensor constant(double v) {
        return new Tensor(NDArray.full(dtype(), v));
    }

    // ---------------------------------------------------------------- element-wise

    /**
     * {@code this + other}, broadcasting.
     *
     * @param other the tensor to add
     * @return a new tensor, recorded in the graph
     */
    public Tensor add(Tensor other) {
        return apply(new Add(), this, other);
    }

    /**
     * {@code this + c}.
     *
     * @param c the constant to add
     * @return a new tensor, recorded in the graph
     */
    public Tensor add(double c) {
        return apply(new Add(), this, constant(c));
    }

    /**
     * {@code this - other}, broadcasting.
     *
     * @param other the tensor to subtract
     * @return a new tensor, recorded in the graph
     */
    public Tensor sub(Tensor other) {
        return apply(new Sub(), this, other);
    }

    /**
     * {@code this - c}.
     *
     * @param c the constant to subtract
     * @return a new tensor, recorded in the graph
     */
    public Tensor sub(double c) {
        return apply(new Sub(), this, constant(c));
    }

    /**
     * {@code this · other} element-wise, broadcasting.
     *
     * @param other the factor
     * @return a new tensor, recorded in the graph
     */
    public Tensor mul(Tensor other) {
        return apply(new Mul(), this, other);
    }

    /**
     * {@code this · c}.
     *
     * @param c the factor
     * @return a new tensor, recorded in the graph
     */
    public Tensor mul(double c) {
        return apply(new Mul(), this, constant(c));
    }

    /**
     * {@code this / other} element-wise, broadcasting.
     *
     * @param other the divisor
     * @return a new tensor, recorded in the graph
     */
    public Tensor div(Tensor other) {
        return apply(new Div(), this, other);
    }

    /**
     * {@code this / c}.
     *
     * @param c the divisor
     * @return a new tensor, recorded in the graph
     */
    public Tensor div(double c) {
        return apply(new Div(), this, constant(c));
    }

    /**
     * {@code -this}.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor neg() {
        return apply(new Neg(), this);
    }

    /**
     * {@code this^p} element-wise.
     *
     * @param p the exponent
     * @return a new tensor, recorded in the graph
     */
    public Tensor pow(double p) {
        return apply(new PowScalar(p), this);
    }

    /**
     * {@code this^other} element-wise, broadcasting.
     *
     * @param other the exponents
     * @return a new tensor, recorded in the graph
     */
    public Tensor pow(Tensor other) {
        return apply(new Pow(), this, other);
    }

    /**
     * {@code e^this}.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor exp() {
        return apply(new Exp(), this);
    }

    /**
     * Natural logarithm.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor log() {
        return apply(new Log(), this);
    }

    /**
     * Square root.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor sqrt() {
        return apply(new Sqrt(), this);
    }

    /**
     * Absolute value.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor abs() {
        return apply(new Abs(), this);
    }

    /**
     * Clamps every element into [min, max].
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return a new tensor, recorded in the graph
     */
    public Tensor clamp(double min, double max) {
        return apply(new Clamp(min, max), this);
    }

    // ---------------------------------------------------------------- activations

    /**
     * max(0, x).
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor relu() {
        return apply(new Relu(), this);
    }

    /**
     * Leaky ReLU with slope 0.01 (PyTorch's default).
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor leakyRelu() {
        return leakyRelu(0.01);
    }

    /**
     * Leaky ReLU with the given negative slope.
     *
     * @param slope the slope for negative inputs
     * @return a new tensor, recorded in the graph
     */
    public Tensor leakyRelu(double slope) {
        return apply(new LeakyRelu(slope), this);
    }

    /**
     * Logistic sigmoid.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor sigmoid() {
        return apply(new Sigmoid(), this);
    }

    /**
     * Hyperbolic tangent.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor tanh() {
        return apply(new Tanh(), this);
    }

    /**
     * GELU, exact erf form.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor gelu() {
        return apply(new Gelu(), this);
    }

    /**
     * Inverted dropout with drop probability p, mask drawn from {@code rng} (always applied: modules decide when).
     *
     * @param p the probability of zeroing an element, in [0, 1)
     * @param rng the generator of the mask
     * @return a new tensor (survivors scaled by 1/(1-p)), recorded in the graph
     */
    public Tensor dropout(double p, Rng rng) {
        return apply(new Dropout(p, rng), this);
    }

    /**
     * Softmax along dimension {@code dim}.
     *
     * @param dim the dimension whose entries sum to 1 (negative counts from the end)
     * @return a new tensor, recorded in the graph
     */
    public Tensor softmax(int dim) {
        return apply(new Softmax(dim), this);
    }

    /**
     * Log-softmax along dimension {@code dim}, computed in one stable step.
     *
     * @param dim the dimension to normalise along (negative counts from the end)
     * @return a new tensor, recorded in the graph
     */
    public Tensor logSoftmax(int dim) {
        return apply(new LogSoftmax(dim), this);
    }

    // ---------------------------------------------------------------- linear algebra and reductions

    /**
     * Matrix product: 2-D, batched 3-D, or 3-D times a shared 2-D matrix.
     *
     * @param other the right-hand matrix (or batch of matrices)
     * @return a new tensor, recorded in the graph
     */
    public Tensor matmul(Tensor other) {
        return apply(new MatMul(), this, other);
    }

    /**
     * Sum of all elements (a scalar).
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor sum() {
        return apply(new Sum(Sum.ALL, false), this);
    }

    /**
     * Sum over one dimension, which is removed.
     *
     * @param dim the dimension to sum over (negative counts from the end)
     * @return a new tensor, recorded in the graph
     */
    public Tensor sum(int dim) {
        return sum(dim, false);
    }

    /**
     * Sum over one dimension, kept with size 1 when {@code keepDim}.
     *
     * @param dim the dimension to sum over (negative counts from the end)
     * @param keepDim true to keep it, with size 1
     * @return a new tensor, recorded in the graph
     */
    public Tensor sum(int dim, boolean keepDim) {
        return apply(new Sum(dim, keepDim), this);
    }

    /**
     * Mean of all elements (a scalar).
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor mean() {
        return apply(new Mean(Sum.ALL, false), this);
    }

    /**
     * Mean over one dimension, which is removed.
     *
     * @param dim the dimension to average over (negative counts from the end)
     * @return a new tensor, recorded in the graph
     */
    public Tensor mean(int dim) {
        return mean(dim, false);
    }

    /**
     * Mean over one dimension, kept with size 1 when {@code keepDim}.
     *
     * @param dim the dimension to average over (negative counts from the end)
     * @param keepDim true to keep it, with size 1
     * @return a new tensor, recorded in the graph
     */
    public Tensor mean(int dim, boolean keepDim) {
        return apply(new Mean(dim, keepDim), this);
    }

    /**
     * Maximum of all elements (a scalar).
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor max() {
        return apply(new Max(Sum.ALL, false), this);
    }

    /**
     * Maximum over one dimension, which is removed.
     *
     * @param dim the dimension to reduce (negative counts from the end)
     * @return a new tensor, recorded in the graph
     */
    public Tensor max(int dim) {
        return max(dim, false);
    }

    /**
     * Maximum over one dimension, kept with size 1 when {@code keepDim}.
     *
     * @param dim the dimension to reduce (negative counts from the end)
     * @param keepDim true to keep it, with size 1
     * @return a new tensor, recorded in the graph
     */
    public Tensor max(int dim, boolean keepDim) {
        return apply(new Max(dim, keepDim), this);
    }

    /**
     * Flat row-major index of the (first) largest element.
     *
     * @return the index
     */
    public int argmax() {
        if (size() == 0) {
            throw new IllegalArgumentException("argmax of an empty tensor");
        }
        int best = 0;
        for (int i = 1, n = size(); i < n; i++) {
            if (data.get(i) > data.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Index of the (first) largest element along {@code dim}, for every position of the other
     * dimensions in row-major order (for a matrix and dim 1: the arg max of each row).
     *
     * @param dim the dimension to search along (negative counts from the end)
     * @return the indices, one per position of the other dimensions
     */
    public int[] argmax(int dim) {
        int[] s = shape();
        int axis = Shape.axis(dim, s);
        int outer = Shape.outer(s, axis);
        int len = s[axis];
        int inner = Shape.inner(s, axis);
        int[] out = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                int best = 0;
                for (int j = 1; j < len; j++) {
                    if (data.get(base + j * inner) > data.get(base + best * inner)) {
                        best = j;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- convolution, pooling, normalisation

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) of this {@code [N,C,H,W]} by
     * weight {@code [O, C/groups, kh, kw]} plus bias {@code [O]} (or null), with the same stride,
     * zero padding and dilation along height and width; the output is {@code [N, O, outH, outW]}.
     *
     * @param weight the filters {@code [O, C/groups, kh, kw]}
     * @param bias the per-filter bias {@code [O]}, or null
     * @param stride the step between windows, at least 1
     * @param padding the zeros added on every side, at least 0
     * @param dilation the spacing of the kernel taps, at least 1
     * @param groups the number of channel groups, dividing C and O
     * @return a new tensor {@code [N, O, outH, outW]}, recorded in the graph
     * @throws IllegalArgumentException when the shapes or settings do not fit
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return conv2d(weight, bias, new int[]{stride, stride}, new int[]{padding, padding},
                new int[]{dilation, dilation}, groups);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, int, int, int, int)} with stride 1, no padding, dilation 1 and one group.
     *
     * @param weight the filters {@code [O, C, kh, kw]}
     * @param bias the per-filter bias {@code [O]}, or null
     * @return a new tensor, recorded in the graph
     */
    public Tensor conv2d(Tensor weight, Tensor bias) {
        return conv2d(weight, bias, 1, 0, 1, 1);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, int, int, int, int)} with dilation 1 and one group.
     *
     * @param weight the filters {@code [O, C, kh, kw]}
     * @param bias the per-filter bias {@code [O]}, or null
     * @param stride the step between windows
     * @param padding the zeros added on every side
     * @return a new tensor, recorded in the graph
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(weight, bias, stride, padding, 1, 1);
    }

    /**
     * 2-D convolution with stride, padding and dilation given as {height, width} pairs.
     *
     * @param weight the filters {@code [O, C/groups, kh, kw]}
     * @param bias the per-filter bias {@code [O]}, or null
     * @param stride the steps along height and width
     * @param padding the zeros added above and below, left and right
     * @param dilation the spacings of the kernel taps along height and width
     * @param groups the number of channel groups, dividing C and O
     * @return a new tensor, recorded in the graph
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (stride.length != 2 || padding.length != 2 || dilation.length != 2) {
            throw new IllegalArgumentException("conv2d: stride, padding and dilation must be {height, width} pairs, got "
                    + Arrays.toString(stride) + ", " + Arrays.toString(padding) + ", " + Arrays.toString(dilation));
        }
        Conv2d op = new Conv2d(stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], groups);
        return bias == null ? apply(op, this, weight) : apply(op, this, weight, bias);
    }

    /**
     * Max pooling of this {@code [N,C,H,W]} with a k x k window, stride k and no padding.
     *
     * @param kernel the window's height and width
     * @return a new tensor, recorded in the graph
     */
    public Tensor maxPool2d(int kernel) {
        return maxPool2d(kernel, kernel, 0);
    }

    /**
     * Max pooling with a k x k window, stride s and padding p (-inf), as PyTorch's {@code max_pool2d}.
     *
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding the -inf added on every side, at most kernel / 2
     * @return a new tensor, recorded in the graph
     */
    public Tensor maxPool2d(int kernel, int stride, int padding) {
        return apply(new MaxPool2d(kernel, kernel, stride, stride, padding, padding), this);
    }

    /**
     * {@code relu().maxPool2d(kernel, stride, padding)} as one fused op and one pass: the same values
     * and gradients (NaN and signed zeros included), without the full-size ReLU output.
     *
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding the -inf added on every side, at most kernel / 2
     * @return a new tensor, recorded in the graph
     */
    public Tensor reluMaxPool2d(int kernel, int stride, int padding) {
        return apply(new MaxPool2d(kernel, kernel, stride, stride, padding, padding, true), this);
    }

    /**
     * Average pooling of this {@code [N,C,H,W]} with a k x k window, stride k and no padding.
     *
     * @param kernel the window's height and width
     * @return a new tensor, recorded in the graph
     */
    public Tensor avgPool2d(int kernel) {
        return avgPool2d(kernel, kernel, 0);
    }

    /**
     * Average pooling with a k x k window, stride s and zero padding p counted in the average, as PyTorch's default.
     *
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding the zeros added on every side, at most kernel / 2
     * @return a new tensor, recorded in the graph
     */
    public Tensor avgPool2d(int kernel, int stride, int padding) {
        return apply(new AvgPool2d(kernel, kernel, stride, stride, padding, padding), this);
    }

    /**
     * Adaptive average pooling of this {@code [N,C,H,W]} to a 1 x 1 output (global average pooling,
     * {@code adaptive_avg_pool2d(x, 1)}); only the output size 1 is supported.
     *
     * @param outputSize the output's height and width: 1
     * @return a new tensor {@code [N, C, 1, 1]}, recorded in the graph
     */
    public Tensor adaptiveAvgPool2d(int outputSize) {
        if (outputSize != 1 || rank() < 3) {
            throw new IllegalArgumentException("adaptiveAvgPool2d supports output size 1 on [N,C,H,W] or [C,H,W], got "
                    + outputSize + " on " + Shape.str(shape()));
        }
        return apply(new AvgPool2d(dim(-2), dim(-1), 1, 1, 0, 0), this);
    }

    /**
     * Batch normalisation of this {@code [N, C, ...]} with scale γ and shift β ({@code [C]}): with
     * the batch statistics in training (updating the running ones in place, when not null), else
     * with the running statistics; see {@link BatchNorm}.
     *
     * @param gamma the scale γ {@code [C]}
     * @param beta the shift β {@code [C]}
     * @param runningMean the running mean {@code [C]}, or null
     * @param runningVar the running (unbiased) variance {@code [C]}, or null
     * @param training true to normalise with the batch statistics
     * @param momentum the weight of this batch in the running statistics
     * @param eps the value added to the variance
     * @return a new tensor, recorded in the graph
     */
    public Tensor batchNorm(Tensor gamma, Tensor beta, NDArray runningMean, NDArray runningVar, boolean training,
                            double momentum, double eps) {
        return apply(new BatchNorm(training, momentum, eps, runningMean, runningVar), this, gamma, beta);
    }

    // ---------------------------------------------------------------- shape

    /**
     * The same values with another shape (one dimension may be -1).
     *
     * @param shape the new dimensions, with as many elements in all
     * @return a tensor of the new shape, recorded in the graph
     */
    public Tensor reshape(int... shape) {
        return apply(new Reshape(shape), this);
    }

    /**
     * Flattens every dimension after the first: [N, a, b, ...] becomes [N, a·b·...].
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor flatten() {
        if (rank() <= 1) {
            return reshape(-1);
        }
        return reshape(dim(0), -1);
    }

    /**
     * Swaps two dimensions.
     *
     * @param dim0 one dimension
     * @param dim1 the other
     * @return a new tensor, recorded in the graph
     */
    public Tensor transpose(int dim0, int dim1) {
        return apply(new Transpose(dim0, dim1), this);
    }

    /**
     * The transpose of a matrix.
     *
     * @return a new tensor, recorded in the graph
     */
    public Tensor t() {
        if (rank() != 2) {
            throw new IllegalArgumentException("t() needs a matrix, shape is " + Shape.str(shape()));
        }
        return transpose(0, 1);
    }

    /**
     * Entries {@code from} (inclusive) to {@code to} (exclusive) along {@code dim}.
     *
     * @param dim the dimension to slice
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @return a new tensor, recorded in the graph
     */
    public Tensor slice(int dim, int from, int to) {
        return apply(new Slice(dim, from, to), this);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive): a slice along dimension 0.
     *
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @return a new tensor, recorded in the graph
     */
    public Tensor rows(int from, int to) {
        return slice(0, from, to);
    }

    /**
     * The given rows (entries along dimension 0), in order; indices may repeat.
     *
     * @param indices the rows to take
     * @return a new tensor, recorded in the graph
     */
    public Tensor rows(int[] indices) {
        return apply(new IndexSelect(indices), this);
    }

    /**
     * Joins tensors along an existing dimension.
     *
     * @param dim the dimension to join along
     * @param tensors the tensors, of equal shapes but along dim
     * @return a new tensor, recorded in the graph
     */
    public static Tensor concat(int dim, Tensor... tensors) {
        return apply(new Concat(dim), tensors);
    }

    /**
     * Stacks tensors of one shape along a new dimension {@code dim}.
     *
     * @param dim the position of the new dimension
     * @param tensors the tensors, of one shape
     * @return a new tensor, recorded in the graph
     */
    public static Tensor stack(int dim, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        int[] s = tensors[0].shape();
        int axis = dim < 0 ? dim + s.length + 1 : dim;
        if (axis < 0 || axis > s.length) {
            throw new IllegalArgumentException("stack dimension " + dim + " is out of range for shape " + Shape.str(s));
        }
        int[] expanded = new int[s.length + 1];
        for (int i = 0, j = 0; i < expanded.length; i++) {
            expanded[i] = i == axis ? 1 : s[j++];
        }
        Tensor[] parts = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape(), s)) {
                throw new IllegalArgumentException("stack needs equal shapes, got " + Shape.str(s) + " and "
                        + Shape.str(tensors[i].shape()));
            }
            parts[i] = tensors[i].reshape(expanded);
        }
        return concat(axis, parts);
    }

    /** Shape, dtype, whether it requires grad, and the (abbreviated) values. */
    @Override
    public String toString() {
        return "Tensor(" + (name != null ? name + ", " : "") + data + (requiresGrad ? ", requiresGrad" : "")
                + (op != null ? ", op=" + op.name() : "") + ")";
    }
}
