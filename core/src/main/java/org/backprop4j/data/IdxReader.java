package org.backprop4j.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.backprop4j.ndarray.MemoryBudget;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by
 * their magic bytes): a header of two zero bytes, a type byte, the number of dimensions and each
 * dimension as a big-endian 32-bit integer, then the values row-major. Only unsigned bytes (type
 * 0x08) are supported, which is what image and label files hold.
 *
 * <p>Before it allocates anything the reader checks the magic number, the dimensions (each
 * non-negative, their product below 2^31) and the size the header implies against the file's real
 * length: the file size for a plain file, the uncompressed size recorded in the gzip trailer for a
 * compressed one. While reading, it checks that the data ends exactly where the header says.
 * Every error is an {@link IllegalArgumentException} that names the file.
 *
 * <pre>{@code
 * IdxArray images = IdxReader.read(Path.of("train-images-idx3-ubyte.gz")); // dims [60000, 28, 28]
 * }</pre>
 */
public final class IdxReader {
    /** The largest expansion of deflate (RFC 1951): 258 bytes from a 2-bit code, about 1032 to 1. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** The IDX type code of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMS = 8;

    private IdxReader() {
    }

    /** Reads and validates an IDX file of unsigned bytes, gzip-compressed or not. */
    public static IdxArray read(Path file) {
        return read(file, 0);
    }

    /**
     * {@link #read(Path)}, checking before anything is allocated that the heap holds the bytes plus
     * {@code extraBytesPerValue} for each value, for a caller that converts them (4 for float features).
     */
    public static IdxArray read(Path file, int extraBytesPerValue) {
        try {
            long fileSize = Files.size(file);
            boolean gzip = isGzip(file);
            long uncompressed = gzip ? gzipTrailerSize(file, fileSize) : fileSize;
            try (InputStream raw = CsvReader.decompressed(Files.newInputStream(file));
                 DataInputStream in = new DataInputStream(raw)) {
                int[] dims = header(in, file);
                long expected = 4L + 4L * dims.length + product(dims, file);
                checkLength(file, gzip, uncompressed, expected);
                int count = (int) product(dims, file);
                // the bytes, and what the caller makes of them
                MemoryBudget.require(file + ": " + count + " values", MemoryBudget.bytes(count, 1 + extraBytesPerValue));
                // a plain file's length is checked, so it holds the values; a gzip trailer can lie, but deflate
                // expands at most MAX_DEFLATE_RATIO to 1, so a compressed file big enough to hold the values is read
                // straight into place too; only a smaller one is read in growing chunks, so that memory follows the
                // data really present (growing chunks of Fashion-MNIST left 63 MB of garbage in the old generation)
                boolean mayHoldAll = !gzip || count <= fileSize * MAX_DEFLATE_RATIO;
                byte[] values = mayHoldAll ? new byte[count] : readGrowing(in, count);
                if (values == null || mayHoldAll && in.readNBytes(values, 0, count) < count) {
                    throw new IllegalArgumentException(file + ": the data ends before the " + count
                            + " values its header " + Arrays.toString(dims) + " announces (truncated file?)");
                }
                if (in.read() != -1) {
                    throw new IllegalArgumentException(file + ": there is data after the " + values.length
                            + " values its header " + Arrays.toString(dims) + " announces");
                }
                return new IdxArray(dims, values);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": the file ends inside the IDX header", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
    }

    /** Exactly {@code count} bytes, allocated in chunks as they arrive; null when the stream ends first. */
    private static byte[] readGrowing(InputStream in, int count) throws IOException {
        byte[] values = new byte[Math.min(count, 1 << 20)];
        int n = 0;
        while (n < count) {
            if (n == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            int r = in.read(values, n, values.length - n);
            if (r < 0) {
                return null;
            }
            n += r;
        }
        return values;
    }

    /** Reads the magic number and the dimensions; throws unless they describe unsigned-byte data. */
    private static int[] header(DataInputStream in, Path file) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0) {
            throw new IllegalArgumentException(file + " is not an IDX file: its magic number starts with "
                    + String.format("0x%02x%02x", zero0, zero1) + " instead of 0x0000");
        }
        if (type != UNSIGNED_BYTE) {
            throw new IllegalArgumentException(file + ": IDX type " + String.format("0x%02x", type)
                    + " is not supported; only unsigned bytes (0x08) are");
        }
        if (rank < 1 || rank > MAX_DIMS) {
            throw new IllegalArgumentException(file + ": the IDX header has " + rank + " dimensions; expected 1 to "
                    + MAX_DIMS);
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new IllegalArgumentException(file + ": dimension " + i + " of the IDX header is negative ("
                        + Integer.toUnsignedString(dims[i]) + " read as unsigned)");
            }
        }
        return dims;
    }

    private static long product(int[] dims, Path file) {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": the IDX dimensions " + Arrays.toString(dims)
                        + " hold more than 2^31 values, too many for one array");
            }
        }
        return n;
    }

    private static void checkLength(Path file, boolean gzip, long actual, long expected) {
        // gzip records the uncompressed size modulo 2^32
        long want = gzip ? expected & 0xFFFFFFFFL : expected;
        if (actual != want) {
            throw new IllegalArgumentException(file + ": the header implies " + expected + " bytes"
                    + (gzip ? " uncompressed" : "") + " but the file " + (gzip ? "decompresses to " : "has ") + actual
                    + " (truncated or not an IDX file of this shape?)");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** The ISIZE field of the gzip trailer: the uncompressed size mod 2^32. */
    private static long gzipTrailerSize(Path file, long fileSize) throws IOException {
        if (fileSize < 18) {
            throw new IllegalArgumentException(file + ": a gzip file of " + fileSize + " bytes is truncated");
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(fileSize - 4);
            long b0 = f.read();
            long b1 = f.read();
            long b2 = f.read();
            long b3 = f.read();
            return b0 | b1 << 8 | b2 << 16 | b3 << 24;
        }
    }
}
