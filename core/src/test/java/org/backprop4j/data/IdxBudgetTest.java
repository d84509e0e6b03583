package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDX header that claims more images than the heap (or one Java array) can hold is refused before
 * the values are allocated, with a message naming the file and the sizes.
 */
class IdxBudgetTest {
    @TempDir
    Path dir;

    @Test
    void aHeaderClaimingMoreThanOneArrayCanHoldIsRefusedByItsSize() throws IOException {
        // 2^31 - 1 images of 28 x 28 in a 16-byte file
        Path file = IdxFixtures.write(dir.resolve("huge-images-idx3-ubyte"),
                IdxFixtures.idx(new int[]{Integer.MAX_VALUE, 28, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("[2147483647, 28, 28]");
    }

    @Test
    void aFileAsLongAsItsHeaderButLargerThanTheHeapIsRefusedBeforeAllocating() throws IOException {
        // 2,739,000 images of 28 x 28 = 2,147,376,000 values (just under one array's limit), 5 bytes each
        // with the float features: 10.7 GB, more than any test heap. The file really has that length,
        // so the length check passes and the memory budget decides; it is sparse, so it costs no disk.
        int images = 2_739_000;
        long values = (long) images * 28 * 28;
        Path file = IdxFixtures.write(dir.resolve("sparse-images-idx3-ubyte"),
                IdxFixtures.idx(new int[]{images, 28, 28}, new byte[0]));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(16 + values);
        }
        assertThatThrownBy(() -> IdxReader.read(file, Float.BYTES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": " + values + " values needs 10.7 GB, the JVM can spare ")
                .hasMessageEndingWith("raise -Xmx");
        // the bytes alone (a reader that keeps them, as bench does): 2.1 GB, still more than a test heap
        assertThatThrownBy(() -> IdxReader.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": " + values + " values needs 2.1 GB, the JVM can spare ");
        Files.delete(file);
    }
}
