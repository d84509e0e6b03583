package org.backprop4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void aSmallAllocationPasses() {
        assertThatCode(() -> MemoryBudget.require("x", 1024)).doesNotThrowAnyException();
    }

    @Test
    void moreThanTheHeapIsOneLineNamingTheInputAndBothSizes() {
        long max = Runtime.getRuntime().maxMemory();
        assertThatThrownBy(() -> MemoryBudget.require("data.csv.gz: reading 10 values", max + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data.csv.gz: reading 10 values needs " + MemoryBudget.size(max + 1)
                        + ", the JVM can spare ")
                .hasMessageEndingWith("(its maximum heap is " + MemoryBudget.size(max) + "); raise -Xmx");
    }

    @Test
    void anOverflowedSizeIsTooLarge() {
        assertThatThrownBy(() -> MemoryBudget.require("m", -5)).hasMessageStartingWith("m needs more than 8 EB");
        assertThat(MemoryBudget.bytes(Long.MAX_VALUE / 2, 4)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.bytes(1000, 4)).isEqualTo(4000);
    }

    @Test
    void sizesForPeople() {
        assertThat(MemoryBudget.size(512)).isEqualTo("512 B");
        assertThat(MemoryBudget.size(6_400_000_000L)).isEqualTo("6.4 GB");
        assertThat(MemoryBudget.size(3_450_000)).isEqualTo("3.5 MB");
    }
}
