package dev.curfew.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ```sh} blocks of a Markdown guide, in order. A block whose fence follows the line
 * {@value #ILLUSTRATION} (blank lines between are allowed) is an illustration: it needs a browser, a second
 * program or values of the reader's own, and is not run. Blocks indented inside a list item lose that indent.
 */
public final class ShellBlocks {
    public static final String ILLUSTRATION = "<!-- illustration -->";

    private ShellBlocks() {}

    /** One block: where it starts (the fence's line, from 1), whether it is an illustration, and its text. */
    public record Block(Path file, int line, boolean illustration, String text) {
        public String where() {
            return file.getFileName() + ":" + line;
        }
    }

    public static List<Block> of(Path guide) throws IOException {
        return parse(guide, Files.readAllLines(guide, StandardCharsets.UTF_8));
    }

    static List<Block> parse(Path guide, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i);
            if (!fence.strip().equals("```sh")) {
                continue;
            }
            String indent = fence.substring(0, fence.indexOf('`'));
            List<String> body = new ArrayList<>();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                String line = lines.get(end);
                body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(guide + ":" + (i + 1) + ": a ```sh block is never closed");
            }
            blocks.add(new Block(guide, i + 1, illustration(lines, i), String.join("\n", body)));
            i = end;
        }
        return blocks;
    }

    /** Whether the first non-blank line before the fence at {@code fence} is the illustration marker. */
    private static boolean illustration(List<String> lines, int fence) {
        for (int i = fence - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip().equals(ILLUSTRATION);
            }
        }
        return false;
    }
}
