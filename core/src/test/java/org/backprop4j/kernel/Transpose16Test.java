package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class Transpose16Test {
    @Test
    void writesTheTransposeOfTheBlockAndNothingElse() {
        assumeTrue(FloatVector.SPECIES_PREFERRED.length() == 16, "16-lane vectors only");
        SplittableRandom r = new SplittableRandom(3);
        int[][] cases = {{16, 16, 0, 0}, {784, 48, 5, 7}, {21, 32, 3, 1}};
        for (int[] cs : cases) {
            int ld = cs[0];
            int ldp = cs[1];
            int src = cs[2];
            int dst = cs[3];
            float[] b = new float[src + 15 * ld + 16 + 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextDouble(-1, 1);
            }
            float[] pack = new float[dst + 15 * ldp + 16 + 3];
            for (int i = 0; i < pack.length; i++) {
                pack[i] = Float.NaN;
            }
            float[] expected = pack.clone();
            for (int row = 0; row < 16; row++) {
                for (int col = 0; col < 16; col++) {
                    expected[dst + col * ldp + row] = b[src + row * ld + col];
                }
            }
            Transpose16.transpose(b, src, ld, pack, dst, ldp, new float[256]);
            assertThat(pack).as("ld=%d ldp=%d", ld, ldp).isEqualTo(expected);
        }
    }
}
