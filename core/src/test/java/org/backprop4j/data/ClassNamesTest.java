package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNamesTest {
    @Test
    void namedClassesKeepTheirNames() {
        List<String> names = List.of("cat", "dog", "ant");
        assertThat(ClassNames.name(names, 1)).isEqualTo("dog");
        assertThat(ClassNames.orNumbers(names, 3)).containsExactly("cat", "dog", "ant");
    }

    @Test
    void unnamedClassesAreNamedByTheirNumbers() {
        assertThat(ClassNames.name(List.of(), 7)).isEqualTo("7");
        assertThat(ClassNames.orNumbers(List.of(), 4)).containsExactly("0", "1", "2", "3");
        assertThat(ClassNames.orNumbers(List.of(), 0)).isEmpty();
    }
}
