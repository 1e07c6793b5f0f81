package dev.curfew.bench.vskeycloak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The figures of a run, one line each as they are taken (so a run stopped half-way keeps what it measured), in a
 * tab-separated file that {@link SideBySideTable} prints. {@code bench/vs-keycloak.sh} appends the start-up times
 * to the same file.
 *
 * <pre>
 * row   SECTION   MEASURE   SERVER   ROUND   VALUE      (VALUE NaN: not reached)
 * note  TEXT
 * </pre>
 */
final class Results {
    private final Path file;

    Results(Path file) {
        this.file = file;
    }

    void row(String section, String measure, String server, int round, double value) throws IOException {
        append(String.join(
                "\t",
                "row",
                section,
                measure,
                server,
                Integer.toString(round),
                String.format(Locale.ROOT, "%s", value)));
    }

    void note(String text) throws IOException {
        append("note\t" + text.replace('\t', ' ').replace('\n', ' '));
    }

    private void append(String line) throws IOException {
        Files.writeString(
                file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
