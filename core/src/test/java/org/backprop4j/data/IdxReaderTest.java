package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipFilesAlike() throws IOException {
        byte[] values = {0, 1, (byte) 200, (byte) 255, 7, 8};
        byte[] content = IdxFixtures.idx(new int[]{2, 1, 3}, values);
        for (String name : new String[]{"a-idx3-ubyte", "a-idx3-ubyte.gz"}) {
            IdxArray a = IdxReader.read(IdxFixtures.write(dir.resolve(name), content));
            assertThat(a.dims()).containsExactly(2, 1, 3);
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.itemSize()).isEqualTo(3);
            assertThat(a.unsigned(2)).isEqualTo(200);
            assertThat(a.unsigned(3)).isEqualTo(255);
        }
    }

    @Test
    void rejectsABadMagicNumber() throws IOException {
        byte[] content = IdxFixtures.idx(new int[]{3}, new byte[]{1, 2, 3});
        content[1] = 1;
        Path f = IdxFixtures.write(dir.resolve("bad"), content);
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad").hasMessageContaining("magic number");
    }

    @Test
    void rejectsTypesOtherThanUnsignedByte() throws IOException {
        byte[] content = IdxFixtures.idx(new int[]{3}, new byte[]{1, 2, 3});
        content[2] = 0x0D;
        Path f = IdxFixtures.write(dir.resolve("floats"), content);
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("type 0x0d");
    }

    @Test
    void rejectsAHeaderThatPromisesMoreThanTheFileHoldsBeforeAllocating() throws IOException {
        // 2^30 values announced: would be a 1 GiB allocation if the size were not checked first
        byte[] content = IdxFixtures.idx(new int[]{1 << 10, 1 << 10, 1 << 10}, new byte[0]);
        for (String name : new String[]{"huge", "huge.gz"}) {
            Path f = IdxFixtures.write(dir.resolve(name), content);
            assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("header implies " + (16 + (1L << 30)) + " bytes");
        }
    }

    @Test
    void rejectsTruncatedAndOverlongFiles() throws IOException {
        byte[] full = IdxFixtures.idx(new int[]{4}, new byte[]{1, 2, 3, 4});
        Path shortFile = IdxFixtures.write(dir.resolve("short"), Arrays.copyOf(full, full.length - 1));
        Path longFile = IdxFixtures.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 1));
        assertThatThrownBy(() -> IdxReader.read(shortFile)).hasMessageContaining("implies 12 bytes").hasMessageContaining("has 11");
        assertThatThrownBy(() -> IdxReader.read(longFile)).hasMessageContaining("has 13");
    }

    /**
     * A gzip file whose trailer claims the size its header implies but whose data stops short: read straight into
     * place when the file could hold that much (deflate expands at most 1032 to 1), in growing chunks when it could
     * not; either way one error naming the file.
     */
    @Test
    void rejectsGzipDataShorterThanItsLyingTrailer() throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int announced : new int[]{5_000, 20_000_000}) {
            byte[] present = new byte[4_000]; // random: it does not compress, so the 5,000 could be there
            for (int i = 0; i < present.length; i++) {
                present[i] = (byte) r.nextInt(256);
            }
            byte[] content = IdxFixtures.idx(new int[]{announced}, present);
            Path f = IdxFixtures.write(dir.resolve("short-" + announced + ".gz"), content);
            byte[] gz = java.nio.file.Files.readAllBytes(f);
            int size = 4 + 4 + announced; // ISIZE, the last four bytes, little-endian
            for (int i = 0; i < 4; i++) {
                gz[gz.length - 4 + i] = (byte) (size >>> (8 * i));
            }
            java.nio.file.Files.write(f, gz);
            assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString());
        }
        // and a whole file read straight into place gives its values
        byte[] values = new byte[3_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) r.nextInt(256);
        }
        Path whole = IdxFixtures.write(dir.resolve("whole.gz"), IdxFixtures.idx(new int[]{3, 1000}, values));
        assertThat(IdxReader.read(whole).values()).isEqualTo(values);
    }

    @Test
    void rejectsDimensionsWhoseProductOverflows() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("overflow"), IdxFixtures.idx(new int[]{1 << 20, 1 << 20}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("more than 2^31 values");
    }

    @Test
    void rejectsAFileThatEndsInTheHeader() throws IOException {
        Path f = IdxFixtures.write(dir.resolve("tiny"), new byte[]{0, 0, 8, 3, 0});
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("nope"))).hasMessageContaining("nope does not exist");
    }
}
