package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.curfew.e2e.support.CurfewProcess;
import dev.curfew.e2e.support.ProcessOutput;
import dev.curfew.e2e.support.ShellBlocks;
import dev.curfew.e2e.support.ShellBlocks.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example of the guides runs as printed. For each guide, the {@code ```sh} blocks that are not marked
 * as illustrations ({@link ShellBlocks}) run in order, in one bash, from the repository root, against the shaded
 * jar started with {@code --demo} on a free port: the test sets {@code BASE} to it and
 * {@code CURFEW_ADMIN_PASSWORD} to its administrator's password, as a reader has them after the guide's first
 * steps, and a home directory of its own (no {@code ~/.config/curfew/cli.properties}).
 *
 * <p>bash runs with {@code set -euo pipefail}: a failing command, an unset variable (not defined where first
 * used) or a failing pipeline stage fails the guide. {@code curl} is wrapped to add {@code --fail-with-body}, so an
 * HTTP error fails it too, unless the example prints the status itself ({@code -w}). The output names the block
 * ({@code ### operator-guide.md:58}) before it runs.
 */
class GuidesIT {
    static final List<String> GUIDES = List.of(
            "README.md",
            "docs/operator-guide.md",
            "docs/integrator-guide.md",
            "docs/api-reference.md",
            "docs/playbooks.md",
            "docs/guard.md");

    private static final Duration GUIDE_TIMEOUT = Duration.ofMinutes(5);

    /** Before the blocks: strict bash, and curl failing on HTTP errors unless the example prints the status. */
    private static final String PRELUDE = """
            set -euo pipefail
            curl() {
              case " $* " in
                *" -w "*|*" --write-out "*) command curl "$@" ;;
                *) command curl --fail-with-body --show-error "$@" ;;
              esac
            }
            """;

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyShellExampleOfTheGuidesRunsAsPrinted() {
        Path root = CurfewProcess.repositoryRoot();
        return GUIDES.stream().map(guide -> DynamicTest.dynamicTest(guide, () -> runGuide(root, root.resolve(guide))));
    }

    private void runGuide(Path root, Path guide) throws Exception {
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        assertThat(text.substring(0, Math.max(0, text.indexOf("-->"))))
                .as("%s opens with the note on how its examples run and what marks an illustration", guide)
                .startsWith("<!--")
                .contains("illustration");
        List<Block> runnable =
                ShellBlocks.of(guide).stream().filter(b -> !b.illustration()).toList();
        if (runnable.isEmpty()) {
            return;
        }
        String name = guide.getFileName().toString().replace(".md", "");
        String adminPassword = "guides-" + UUID.randomUUID();
        Path dataDir = Files.createDirectories(temp.resolve(name + "-data"));
        Path home = Files.createDirectories(temp.resolve(name + "-home"));
        try (CurfewProcess curfew = CurfewProcess.startDemo(dataDir, adminPassword)) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-c", script(runnable))
                    .directory(root.toFile())
                    .redirectErrorStream(true);
            bash.environment().keySet().removeIf(variable -> variable.startsWith("CURFEW_"));
            bash.environment()
                    .putAll(Map.of(
                            "BASE",
                            curfew.baseUrl().toString(),
                            "CURFEW_ADMIN_PASSWORD",
                            adminPassword,
                            "HOME",
                            home.toString()));
            run(guide, bash, runnable.size());
        }
    }

    private static String script(List<Block> blocks) {
        List<String> parts = new ArrayList<>(List.of(PRELUDE));
        for (Block block : blocks) {
            // On a line of its own, even after output that does not end with one.
            parts.add("printf '\\n### %s\\n' '" + block.where() + "' >&2");
            parts.add(block.text());
        }
        return String.join("\n", parts) + "\n";
    }

    private static void run(Path guide, ProcessBuilder bash, int blocks) throws IOException, InterruptedException {
        System.out.println("[e2e] running the " + blocks + " examples of " + guide);
        Process process = bash.start();
        ProcessOutput output =
                new ProcessOutput(process.getInputStream(), "[" + guide.getFileName() + "] ", System.out);
        try {
            if (!process.waitFor(GUIDE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail("the examples of " + guide + " did not finish within " + GUIDE_TIMEOUT.toMinutes()
                        + " minutes; output:\n" + output.text());
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            output.awaitEnd(Duration.ofSeconds(5));
        }
        List<String> ran =
                output.lines().stream().filter(l -> l.startsWith("### ")).toList();
        assertThat(process.exitValue())
                .as(
                        "exit code of the examples of %s; the last block started is %s; output:\n%s",
                        guide, ran.isEmpty() ? "none" : ran.get(ran.size() - 1), output.text())
                .isZero();
        assertThat(ran).as("every runnable block of %s ran", guide).hasSize(blocks);
    }
}
