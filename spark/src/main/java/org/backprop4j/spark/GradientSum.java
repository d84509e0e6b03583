package org.backprop4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.backprop4j.tensor.Tensor;

/**
 * The sum over some samples of the per-sample loss gradients of every parameter (accumulated in
 * float64), with the loss sum, the loss denominator (the number of counted samples), the number
 * correct and the number of samples: what {@code treeAggregate} adds up in the synchronous mode.
 * A float32 model's sums travel as 4-byte floats (a partition's sum is a float32 result anyway).
 * Module buffers (batch norm's running statistics) are summed weighted by the samples that moved
 * them, in float64, so that the driver can take their sample-weighted mean.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient boolean wide;
    private transient double[][] sums;
    private transient boolean[] has;
    private transient double loss;
    private transient double denominator;
    private transient long correct;
    private transient long count;
    private transient double[] buffers;

    private GradientSum(boolean wide) {
        this.wide = wide;
    }

    /** An empty sum; {@code wide} keeps float64 precision on the wire (for float64 models). */
    static GradientSum zero(boolean wide) {
        return new GradientSum(wide);
    }

    /** Adds the gradients held by {@code params} (a parameter without a gradient adds nothing) and the batch figures. */
    void addGradients(List<Tensor> params, double lossSum, double denom, long numCorrect, long samples) {
        if (sums == null) {
            sums = new double[params.size()][];
            has = new boolean[params.size()];
        }
        for (int i = 0; i < params.size(); i++) {
            Tensor g = params.get(i).grad();
            if (g == null) {
                continue;
            }
            double[] v = g.toDoubleArray();
            if (sums[i] == null) {
                sums[i] = new double[v.length];
            }
            double[] s = sums[i];
            for (int j = 0; j < v.length; j++) {
                s[j] += v[j];
            }
            has[i] = true;
        }
        loss += lossSum;
        denominator += denom;
        correct += numCorrect;
        count += samples;
    }

    /** Adds {@code samples} times the values of {@code moduleBuffers} (in their order, flattened) to the buffer sum. */
    void addBuffers(Collection<Tensor> moduleBuffers, long samples) {
        int size = moduleBuffers.stream().mapToInt(b -> b.data().size()).sum();
        if (buffers == null) {
            buffers = new double[size];
        }
        int at = 0;
        for (Tensor b : moduleBuffers) {
            for (double v : b.toDoubleArray()) {
                buffers[at++] += samples * v;
            }
        }
    }

    /** Adds {@code other} into this sum; returns this. */
    GradientSum merge(GradientSum other) {
        if (other.sums != null) {
            if (sums == null) {
                sums = new double[other.sums.length][];
                has = new boolean[other.sums.length];
            }
            for (int i = 0; i < sums.length; i++) {
                if (other.sums[i] == null) {
                    continue;
                }
                if (sums[i] == null) {
                    sums[i] = other.sums[i].clone();
                } else {
                    double[] s = sums[i];
                    double[] o = other.sums[i];
                    for (int j = 0; j < s.length; j++) {
                        s[j] += o[j];
                    }
                }
                has[i] |= other.has[i];
            }
        }
        loss += other.loss;
        denominator += other.denominator;
        correct += other.correct;
        count += other.count;
        if (other.buffers != null) {
            if (buffers == null) {
                buffers = other.buffers.clone();
            } else {
                for (int j = 0; j < buffers.length; j++) {
                    buffers[j] += other.buffers[j];
                }
            }
        }
        return this;
    }

    /** The summed gradient of parameter {@code i}, or null when no sample reached it. */
    double[] gradient(int i) {
        return sums == null || !has[i] ? null : sums[i];
    }

    /** The loss summed over the samples. */
    double loss() {
        return loss;
    }

    /** The mean loss's denominator: the number of samples whose label counts. */
    double denominator() {
        return denominator;
    }

    /** The number of correctly classified samples. */
    long correct() {
        return correct;
    }

    /** The number of samples. */
    long count() {
        return count;
    }

    /** The module buffers' values flattened in order, each summed over the samples, or null when the model has none. */
    double[] bufferSum() {
        return buffers;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeBoolean(wide);
        out.writeDouble(loss);
        out.writeDouble(denominator);
        out.writeLong(correct);
        out.writeLong(count);
        out.writeInt(buffers == null ? -1 : buffers.length);
        if (buffers != null) {
            for (double v : buffers) {
                out.writeDouble(v);
            }
        }
        out.writeInt(sums == null ? -1 : sums.length);
        if (sums == null) {
            return;
        }
        for (int i = 0; i < sums.length; i++) {
            double[] s = sums[i];
            out.writeInt(s == null ? -1 : s.length);
            if (s == null) {
                continue;
            }
            out.writeBoolean(has[i]);
            for (double v : s) {
                if (wide) {
                    out.writeDouble(v);
                } else {
                    out.writeFloat((float) v);
                }
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        wide = in.readBoolean();
        loss = in.readDouble();
        denominator = in.readDouble();
        correct = in.readLong();
        count = in.readLong();
        int b = in.readInt();
        if (b >= 0) {
            buffers = new double[b];
            for (int j = 0; j < b; j++) {
                buffers[j] = in.readDouble();
            }
        }
        int n = in.readInt();
        if (n < 0) {
            return;
        }
        sums = new double[n][];
        has = new boolean[n];
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len < 0) {
                continue;
            }
            has[i] = in.readBoolean();
            double[] s = new double[len];
            for (int j = 0; j < len; j++) {
                s[j] = wide ? in.readDouble() : in.readFloat();
            }
            sums[i] = s;
        }
    }
}
