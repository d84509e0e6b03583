package org.backprop4j.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.backprop4j.onnx.proto.OnnxProto.TensorProto;

/**
 * Converts between ONNX tensors ({@code TensorProto}) and Java arrays: float32 weights and int64
 * settings (such as Pad's pads). Reading checks the dimensions and the data's length against each
 * other before anything is allocated, so a file cannot make the reader allocate more than it holds.
 */
final class OnnxTensors {
    /** The most elements one tensor may have (an int-indexed array). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private OnnxTensors() {
    }

    /** A float32 tensor of the given shape holding {@code values} in row-major order, as raw little-endian bytes. */
    static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** An int64 tensor of shape [values.length]. */
    static TensorProto longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** The dimensions as ints; throws naming the tensor when one is negative or the element count is too large. */
    static int[] shape(TensorProto t, String where) {
        int[] shape = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > MAX_ELEMENTS) {
                throw new OnnxException(where, "tensor '" + t.getName() + "' has dimension " + d);
            }
            count *= d; // both factors are below 2^31, so the product cannot overflow before the check
            if (count > MAX_ELEMENTS) {
                throw new OnnxException(where, "tensor '" + t.getName() + "' has the shape " + t.getDimsList()
                        + ", more than " + MAX_ELEMENTS + " elements");
            }
            shape[i] = (int) d;
        }
        return shape;
    }

    /** Number of elements of a shape checked by {@link #shape}. */
    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The values of a float32 tensor, after checking that its data holds exactly what its shape needs. */
    static float[] floatValues(TensorProto t, String where) {
        int n = count(shape(t, where));
        requireInline(t, where, TensorProto.DataType.FLOAT_VALUE);
        if (t.hasRawData()) {
            requireBytes(t, where, n, Float.BYTES);
            float[] out = new float[n];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        requireCount(t, where, n, t.getFloatDataCount());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    /** The values of an int64 tensor, checked as {@link #floatValues}. */
    static long[] longValues(TensorProto t, String where) {
        int n = count(shape(t, where));
        requireInline(t, where, TensorProto.DataType.INT64_VALUE);
        if (t.hasRawData()) {
            requireBytes(t, where, n, Long.BYTES);
            long[] out = new long[n];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
        requireCount(t, where, n, t.getInt64DataCount());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.getInt64Data(i);
        }
        return out;
    }

    private static void requireInline(TensorProto t, String where, int dataType) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxException(where, "tensor '" + t.getName() + "' keeps its data in an external file, "
                    + "which is not supported; save the model with its data inside");
        }
        if (t.hasSegment()) {
            throw new OnnxException(where, "tensor '" + t.getName() + "' is segmented, which is not supported");
        }
        if (t.getDataType() != dataType) {
            TensorProto.DataType actual = TensorProto.DataType.forNumber(t.getDataType());
            throw new OnnxException(where, "tensor '" + t.getName() + "' has data type "
                    + (actual == null ? Integer.toString(t.getDataType()) : actual.name()) + " but "
                    + TensorProto.DataType.forNumber(dataType).name() + " is needed here");
        }
    }

    private static void requireBytes(TensorProto t, String where, int n, int bytesEach) {
        if (t.getRawData().size() != (long) n * bytesEach) {
            throw new OnnxException(where, "tensor '" + t.getName() + "' holds " + t.getRawData().size()
                    + " bytes but its shape " + t.getDimsList() + " needs " + (long) n * bytesEach);
        }
    }

    private static void requireCount(TensorProto t, String where, int n, int actual) {
        if (actual != n) {
            throw new OnnxException(where, "tensor '" + t.getName() + "' holds " + actual + " values but its shape "
                    + t.getDimsList() + " needs " + n);
        }
    }
}
