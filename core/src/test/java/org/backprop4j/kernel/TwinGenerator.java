package org.backprop4j.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates the float64 twin of each float32 kernel template (Lucene's way): the template's source is
 * rewritten by a fixed list of whole-token substitutions and written next to it with a "do not edit"
 * header. {@link GeneratedTwinsTest} regenerates every twin in memory and fails if the committed file
 * differs. After editing a template, rewrite the twins from the {@code core} directory with
 * {@code java src/test/java/org/backprop4j/kernel/TwinGenerator.java} (the JDK runs this single file).
 */
public final class TwinGenerator {
    /** The float32 templates: classes of package {@code org.backprop4j.kernel}, twins named by {@link #twinName}. */
    public static final List<String> TEMPLATES = List.of("Im2col", "Pool2dKernels", "ChannelNormKernels",
            "PlainGemmF32", "OptimizerUpdates", "Conv2dAccessF32",
            "DirectConvLoopsF32", "WinogradLoopsF32", "WinogradGradientLoopsF32");

    /** Directory of the kernel sources, relative to the core module. */
    public static final Path KERNEL_DIR = Path.of("src/main/java/org/backprop4j/kernel");

    /** Lines of a template holding this text (its pointer to the twin) are left out of the twin. */
    static final String TEMPLATE_ONLY = "TwinGenerator";

    // a cast to float disappears: in the twin it would cast a double to double
    private static final Pattern FLOAT_CAST = Pattern.compile("\\(float\\) ");
    // whole tokens only: "floatData" or "DemoF32x" are left alone
    private static final Pattern FLOAT = Pattern.compile("\\bfloat\\b");
    private static final Pattern BOXED = Pattern.compile("\\bFloat\\b");
    private static final Pattern FLOAT32 = Pattern.compile("\\bfloat32\\b");
    private static final Pattern F32 = Pattern.compile("\\bF32\\b");
    // a float's bits (an int) become a double's (a long): a template keeps them in a long
    private static final Pattern FLOAT_BITS = Pattern.compile("\\bfloatToRawIntBits\\b");
    // and back: Float.intBitsToFloat(int) becomes Double.longBitsToDouble(long)
    private static final Pattern FROM_BITS = Pattern.compile("\\bintBitsToFloat\\b");
    // a float literal such as 0f, 1.5f or 1e-5f becomes the same digits with suffix d
    private static final Pattern FLOAT_LITERAL = Pattern.compile("\\b(\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?)[fF]\\b");

    private TwinGenerator() {
    }

    /** Name of the float64 twin of class {@code template}: a suffix F32 becomes F64, else F64 is appended. */
    public static String twinName(String template) {
        return template.endsWith("F32") ? template.substring(0, template.length() - 3) + "F64" : template + "F64";
    }

    /** The source of the float64 twin of class {@code template}, whose float32 source is {@code source}. */
    public static String generate(String template, String source) {
        String body = source.lines().filter(line -> !line.contains(TEMPLATE_ONLY))
                .collect(Collectors.joining("\n", "", "\n"));
        // the template's name and those of the other templates it uses become their twins' names
        for (String name : Stream.concat(Stream.of(template), TEMPLATES.stream()).distinct().toList()) {
            body = Pattern.compile("\\b" + name + "\\b").matcher(body).replaceAll(twinName(name));
        }
        body = FLOAT_CAST.matcher(body).replaceAll("");
        body = FLOAT.matcher(body).replaceAll("double");
        body = BOXED.matcher(body).replaceAll("Double");
        body = FLOAT32.matcher(body).replaceAll("float64");
        body = F32.matcher(body).replaceAll("F64");
        body = FLOAT_BITS.matcher(body).replaceAll("doubleToRawLongBits");
        body = FROM_BITS.matcher(body).replaceAll("longBitsToDouble");
        body = FLOAT_LITERAL.matcher(body).replaceAll("$1d");
        return "// GENERATED from " + template + ".java by TwinGenerator (core/src/test) — do not edit.\n" + body;
    }

    /** The twin of {@code template} generated from the template file under {@code kernelDir}. */
    public static String generate(Path kernelDir, String template) throws IOException {
        return generate(template, Files.readString(kernelDir.resolve(template + ".java"), StandardCharsets.UTF_8));
    }

    /** Writes every twin into the kernel directory (argument: that directory, default {@link #KERNEL_DIR}). */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : KERNEL_DIR;
        for (String template : TEMPLATES) {
            Path twin = dir.resolve(twinName(template) + ".java");
            Files.writeString(twin, generate(dir, template), StandardCharsets.UTF_8);
            System.out.println("wrote " + twin);
        }
    }
}
