package org.backprop4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code blocks of the documentation: the fenced blocks of a Markdown file, and the
 * {@code <pre>{@code ...}</pre>} examples of Javadoc (in source files and overview.html). A Markdown block
 * directly under a line {@code <!-- file: PATH -->} (invisible when rendered) claims to be the whole of that
 * file of the repository.
 */
final class CodeBlocks {
    /** One block: its language, text, source file and 1-based line where it starts, the file it claims to be. */
    record Block(String language, String text, String source, int line, String file) {
        /** Where the block is, for failure messages. */
        String where() {
            return source + " line " + line;
        }
    }

    private static final Pattern FILE_MARKER = Pattern.compile("<!--\\s*file:\\s*(\\S+)\\s*-->");
    private static final Pattern JAVADOC_EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)}</pre>", Pattern.DOTALL);
    private static final Pattern COMMENT_MARGIN = Pattern.compile("(?m)^\\s*\\* ?");

    private CodeBlocks() {
    }

    /** The project root: the parent of the module directory the tests run in. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
    }

    /** Every fenced block of {@code markdown}, in order. */
    static List<Block> markdown(Path markdown) throws IOException {
        String source = root().relativize(markdown).toString();
        List<String> lines = Files.readAllLines(markdown);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i);
            if (!open.startsWith("```")) {
                continue;
            }
            String language = open.substring(3).trim().split("\\s+")[0];
            String file = i > 0 ? fileMarker(lines.get(i - 1)) : null;
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).startsWith("```")) {
                text.append(lines.get(j)).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": the code block is never closed");
            }
            blocks.add(new Block(language, text.toString(), source, i + 1, file));
            i = j;
        }
        return blocks;
    }

    /**
     * The Javadoc examples ({@code <pre>{@code ...}</pre>}) of every .java and .html file under
     * {@code dir}, with the comment margins ({@code " * "}) removed; their language is "java".
     */
    static List<Block> javadocExamples(Path dir) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".html")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = JAVADOC_EXAMPLE.matcher(text);
            while (m.find()) {
                String code = f.toString().endsWith(".java") ? COMMENT_MARGIN.matcher(m.group(1)).replaceAll("") : m.group(1);
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                blocks.add(new Block("java", code, root().relativize(f).toString(), line, null));
            }
        }
        return blocks;
    }

    private static String fileMarker(String line) {
        Matcher m = FILE_MARKER.matcher(line.trim());
        return m.matches() ? m.group(1) : null;
    }

    /**
     * The commands of a shell block (or the {@code $ }-prefixed lines of a transcript): continuation
     * lines joined, comments dropped, {@code &&} chains split, each command cut into words as the shell
     * would (single and double quotes; no expansions).
     */
    static List<List<String>> commands(Block block, boolean transcript) {
        List<List<String>> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : block.text().split("\n")) {
            String line = raw;
            if (pending.length() == 0 && transcript) {
                if (!line.startsWith("$ ")) {
                    continue;
                }
                line = line.substring(2);
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            for (String command : pending.toString().split("&&")) {
                List<String> words = words(command);
                if (!words.isEmpty()) {
                    commands.add(words);
                }
            }
            pending.setLength(0);
        }
        return commands;
    }

    /** The words of one command line, stopping at an unquoted {@code #}. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '#' && word == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + command);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
