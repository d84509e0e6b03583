package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.backprop4j.cli.CodeBlocks.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import picocli.CommandLine;

/**
 * Every code block of the README, and every Javadoc example of core, is checked so that none can drift
 * from the code: a README block marked as a file of the repository must be that file; Java snippets
 * (which carry their own imports) must compile against core; every {@code ./backprop4j} command line
 * must parse with the real command (picocli, without running it); the Maven coordinates must be the
 * core module's.
 */
class DocumentedCodeTest {
    /** Programs a shell block may run besides {@code ./backprop4j}; anything else is probably a typo. */
    private static final Set<String> OTHER_PROGRAMS = Set.of("mvn", "java", "git", "cd", "export", "sudo",
            "spark-submit");

    @TempDir
    Path dir;

    private static List<Block> readme() throws IOException {
        return CodeBlocks.markdown(CodeBlocks.root().resolve("README.md"));
    }

    private static List<Block> blocks(String... languages) throws IOException {
        return readme().stream().filter(b -> List.of(languages).contains(b.language())).toList();
    }

    @Test
    void fileBlocksAreTheFilesTheyName() throws IOException {
        for (Block b : readme()) {
            if (b.file() != null) {
                Path file = CodeBlocks.root().resolve(b.file());
                assertThat(file).as("%s names %s", b.where(), b.file()).isRegularFile();
                assertThat(b.text()).as("%s must be the whole of %s", b.where(), b.file())
                        .isEqualTo(Files.readString(file));
            }
        }
    }

    /**
     * The README's Java snippets, and the Javadoc examples of core that carry imports (short examples
     * of one call, without imports, are read, not compiled).
     */
    @Test
    void javaSnippetsCompileWithTheirOwnImports() throws IOException {
        List<Block> snippets = new ArrayList<>(blocks("java").stream().filter(b -> b.file() == null).toList());
        assertThat(snippets).as("Java snippets in the README").isNotEmpty();
        Path core = CodeBlocks.root().resolve("core/src/main");
        List<Block> javadoc = CodeBlocks.javadocExamples(core).stream()
                .filter(b -> b.text().startsWith("import ")).toList();
        assertThat(javadoc).as("Javadoc examples with imports in core (the overview's at least)").isNotEmpty();
        snippets.addAll(javadoc);
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(compilationUnit(snippets.get(i), "Snippet" + (i + 1)));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-d", dir.resolve("classes").toString());
            boolean ok = javac.getTask(diagnostics, files, null, options, null, units).call();
            assertThat(ok).as("documented Java snippets (each source names its origin in line 1):%n%s", diagnostics)
                    .isTrue();
        }
    }

    /**
     * The snippet as a source file: its leading import lines stay imports, the rest becomes the body of
     * a method (statements, so no borrowed variables; whole programs are file blocks instead).
     */
    private Path compilationUnit(Block snippet, String className) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.text().split("\n", -1)) {
            boolean header = body.toString().isBlank();
            if (header && (line.startsWith("import ") || line.isBlank())) {
                imports.append(line).append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        String source = "// " + snippet.where() + "\n" + imports
                + "public class " + className + " {\n    static void snippet() throws Exception {\n"
                + body + "    }\n}\n";
        Path file = dir.resolve("src").resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return file;
    }

    @Test
    void shellCommandsAreRealBackprop4jCommands() throws IOException {
        int checked = 0;
        for (Block b : blocks("sh", "shell", "bash", "text")) {
            for (List<String> command : CodeBlocks.commands(b, b.language().equals("text"))) {
                String program = command.get(0);
                if (program.equals("./backprop4j")) {
                    parses(b, command.subList(1, command.size()));
                    checked++;
                } else if (program.equals("spark-submit")) {
                    int jar = indexOfJar(command);
                    assertThat(jar).as("%s: spark-submit without cli/target/backprop4j.jar", b.where()).isPositive();
                    parses(b, command.subList(jar + 1, command.size()));
                    checked++;
                } else {
                    assertThat(OTHER_PROGRAMS).as("%s: unknown program in %s", b.where(), command).contains(program);
                }
            }
        }
        assertThat(checked).as("./backprop4j command lines in the README").isGreaterThan(10);
    }

    private static int indexOfJar(List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).endsWith("cli/target/backprop4j.jar")) {
                return i;
            }
        }
        return -1;
    }

    private static void parses(Block b, List<String> args) {
        try {
            CommandLine.ParseResult result = Main.commandLine().parseArgs(args.toArray(String[]::new));
            assertThat(result.hasSubcommand() || args.isEmpty())
                    .as("%s: %s names no subcommand", b.where(), args).isTrue();
        } catch (CommandLine.ParameterException e) {
            fail(b.where() + ": ./backprop4j " + String.join(" ", args) + ": " + e.getMessage());
        }
    }

    @Test
    void mavenCoordinatesAreTheCoreModules() throws Exception {
        List<Block> xml = blocks("xml");
        assertThat(xml).as("the README's <dependency> block").isNotEmpty();
        Document core = parse(Files.readString(CodeBlocks.root().resolve("core/pom.xml")));
        // core inherits groupId and version from its <parent>
        for (Block b : xml) {
            Document dependency = parse(b.text());
            assertThat(text(dependency, "groupId")).as(b.where()).isEqualTo(childText(core, "parent", "groupId"));
            assertThat(text(dependency, "artifactId")).as(b.where()).isEqualTo(text(core, "artifactId"));
            assertThat(text(dependency, "version")).as(b.where()).isEqualTo(childText(core, "parent", "version"));
        }
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of the child {@code tag} of the document element. */
    private static String text(Document doc, String tag) {
        Node n = child(doc.getDocumentElement(), tag);
        return n == null ? null : n.getTextContent().trim();
    }

    /** The text of {@code <outer><tag>} under the document element. */
    private static String childText(Document doc, String outer, String tag) {
        return child(child(doc.getDocumentElement(), outer), tag).getTextContent().trim();
    }

    private static Node child(Node parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (tag.equals(n.getNodeName())) {
                return n;
            }
        }
        return null;
    }
}
