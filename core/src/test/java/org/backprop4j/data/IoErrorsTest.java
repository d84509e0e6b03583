package org.backprop4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void reasonsInUserTerms() {
        assertThat(IoErrors.reason(new NoSuchFileException("/x/y"))).isEqualTo("no such file or directory");
        assertThat(IoErrors.reason(new AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(IoErrors.reason(new FileSystemException("/x", null, "Is a directory"))).isEqualTo("is a directory");
        assertThat(IoErrors.reason(new FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("no space left on device");
        assertThat(IoErrors.reason(new IOException("Illegal seek"))).isEqualTo("illegal seek");
        assertThat(IoErrors.reason(new IOException())).isEqualTo("input/output error");
        assertThat(IoErrors.reason(new java.io.FileNotFoundException("/x/y (Permission denied)"))).isEqualTo("permission denied");
    }
}
