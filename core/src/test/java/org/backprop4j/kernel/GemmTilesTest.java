package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The warm-up's tile run goes through every tile and the pool split without touching shared state or failing. */
class GemmTilesTest {
    @Test
    void runsOnOneAndTwoThreads() {
        int before = Kernels.threads();
        try {
            for (int threads : new int[]{1, 2}) {
                Kernels.setThreads(threads);
                assertThatCode(GemmTiles::exercise).doesNotThrowAnyException();
            }
        } finally {
            Kernels.setThreads(before);
        }
    }
}
