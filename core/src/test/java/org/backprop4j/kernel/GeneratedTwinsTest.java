package org.backprop4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed float64 kernel twins are exactly what {@link TwinGenerator} makes of their float32
 * templates, so a twin cannot drift from its template.
 */
class GeneratedTwinsTest {
    @Test
    void everyCommittedTwinMatchesItsRegeneratedSource() throws IOException {
        for (String template : TwinGenerator.TEMPLATES) {
            String committed = Files.readString(
                    TwinGenerator.KERNEL_DIR.resolve(TwinGenerator.twinName(template) + ".java"), StandardCharsets.UTF_8);
            assertThat(committed)
                    .as("%s.java is stale: regenerate it with TwinGenerator (see its Javadoc)",
                            TwinGenerator.twinName(template))
                    .isEqualTo(TwinGenerator.generate(TwinGenerator.KERNEL_DIR, template));
        }
    }

    @Test
    void substitutionsTouchWholeFloatTokensOnly() {
        String template = "/** A {@link Demo}; see TwinGenerator. */\nclass Demo {\n"
                + "    float[] floatData; float32 Float F32 DemoF32x;\n"
                + "    float a = (float) (1.5f + 2f * 1e-5f) + Float.NaN + x1f;\n"
                + "    Im2col.im2col(); Im2colTest t;\n}\n";
        String twin = TwinGenerator.generate("Demo", template);
        assertThat(twin).startsWith("// GENERATED from Demo.java by TwinGenerator")
                .doesNotContain("see TwinGenerator")
                .contains("class DemoF64 {")
                .contains("double[] floatData; float64 Double F64 DemoF32x;")
                .contains("double a = (1.5d + 2d * 1e-5d) + Double.NaN + x1f;")
                .contains("Im2colF64.im2col(); Im2colTest t;");
    }
}
