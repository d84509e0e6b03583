package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The assertion the robustness tests share: exit status 2 and exactly one "error: ..." line on stderr. */
final class OneLine {
    private OneLine() {
    }

    /** Status 2, one line starting "error: " containing every fragment, no stack trace and no Java exception name. */
    static void assertError(Cli.Result r, String... fragments) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments).doesNotContain("\tat ")
                .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
