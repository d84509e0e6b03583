package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.data.Dataset;
import org.junit.jupiter.api.Test;

class RunIdentityTest {
    private static Dataset data(float first, int label, List<String> names) {
        return new Dataset(new float[]{first, 2, 3, 4}, 2, new int[]{label, 1}, 2, names, List.of());
    }

    @Test
    void theFingerprintFollowsTheContent() {
        String a = RunIdentity.fingerprint(data(1, 0, List.of("x", "y")));
        assertThat(RunIdentity.fingerprint(data(1, 0, List.of("x", "y")))).isEqualTo(a).hasSize(32);
        assertThat(RunIdentity.fingerprint(data(1.0001f, 0, List.of("x", "y")))).isNotEqualTo(a);
        assertThat(RunIdentity.fingerprint(data(1, 1, List.of("x", "y")))).isNotEqualTo(a);
        assertThat(RunIdentity.fingerprint(data(1, 0, List.of("y", "x")))).isNotEqualTo(a);
        assertThat(RunIdentity.fingerprint(data(1, 0, List.of("x", "y")), data(1, 0, List.of("x", "y")))).isNotEqualTo(a);
    }

    @Test
    void aDifferenceNamesTheCheckpointAndWhatDiffers() {
        Path ckpt = Path.of("run.safetensors");
        Map<String, String> saved = Map.of(RunIdentity.DATA, "aa", "lr", "0.1", "hidden", "8");
        RunIdentity.requireSame(ckpt, saved, Map.of(RunIdentity.DATA, "aa", "lr", "0.1", "epochs-not-saved", "3"));
        assertThatThrownBy(() -> RunIdentity.requireSame(ckpt, saved,
                new java.util.LinkedHashMap<>(Map.of(RunIdentity.DATA, "bb"))))
                .hasMessage("--resume run.safetensors: the checkpoint comes from a different run (the data differ "
                        + "(fingerprint aa in the checkpoint, bb now)); give the data and options of that run, only --epochs may change");
        assertThatThrownBy(() -> RunIdentity.requireSame(ckpt, saved, Map.of("lr", "0.01")))
                .hasMessageContaining("(--lr was 0.1, now 0.01)");
    }
}
