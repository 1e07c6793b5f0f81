package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.e2e.support.CurfewProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archive {@code ./curfew start} keeps next to the jar, replaced when the jar changes and never a reason for
 * the JVM to print errors — not even when the archive on disk does not match the jar. On JDK 25 and later it is an AOT
 * cache: the first start records the classes it used, the second makes the cache from that record in the background,
 * the third uses it. Before JDK 25 it is a class-data-sharing archive, made when the first start stops and used by the
 * second. The launcher runs from a copy of the repository's launcher files around a copy of the jar, so the archives
 * it writes are the test's.
 */
@DisplayName("./curfew start: the class archive is made from the first starts and used by the next, and a changed jar"
        + " starts without archive errors")
class LauncherArchiveIT {
    /** Making a class-data-sharing archive happens while the first start stops; on a busy machine it takes a while. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    /** How long the AOT cache made in the background may take on a busy machine. */
    private static final Duration CACHE_TIMEOUT = Duration.ofMinutes(5);

    private static final boolean AOT = Runtime.version().feature() >= 25;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** What the JVM prints about an archive it cannot use (with its archive logging left on). */
    private static final List<String> ARCHIVE_ERRORS =
            List.of("[error", "[warning", "mismatch", "Unable to map", "An error has occurred", "Error occurred");

    @TempDir
    Path root;

    @TempDir
    Path dataDir;

    @Test
    void archiveIsMadeUsedAndReplacedSilently() throws Exception {
        Path jar = root.resolve("curfew-server/target/curfew.jar");
        Files.createDirectories(jar.getParent());
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(CurfewProcess.jar(), jar);
        Path repository = CurfewProcess.repositoryRoot();
        Files.copy(repository.resolve("curfew"), root.resolve("curfew"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(repository.resolve("scripts/find-jdk.sh"), root.resolve("scripts/find-jdk.sh"));

        // Asked only for its help (as a newcomer may well do first), a start records nothing: a cache made from that
        // run would hold few of a start's classes, and every later start of this jar would use it.
        assertThat(runToEnd("./curfew", "start", "--help"))
                .as("exit code of start --help")
                .isZero();
        assertThat(records(jar.getParent()))
                .as("a record made by asking for the help")
                .isEmpty();
        assertThat(archives(jar.getParent()))
                .as("an archive made by asking for the help")
                .isEmpty();

        if (AOT) {
            // A first start that stops before it serves (here a bad port) leaves a record of few classes, not marked
            // as one of a start that served: the next start records again instead of making the cache from it.
            assertThat(runToEnd("./curfew", "start", "--http-port", "99999", "--data-dir", dataDir.toString()))
                    .as("exit code of a start with a bad port")
                    .isEqualTo(2);
            assertThat(records(jar.getParent()))
                    .as("the record of the start that failed")
                    .hasSize(1);
            assertThat(marks(jar.getParent()))
                    .as("a mark for the start that failed")
                    .isEmpty();
        }

        List<String> firstOutput = run().output();
        assertThat(firstOutput).as("what the first start printed").noneMatch(LauncherArchiveIT::isArchiveError);
        if (AOT) {
            assertThat(marks(jar.getParent()))
                    .as("the record of the first start that served, marked so by the server")
                    .hasSize(1);
            assertThat(records(jar.getParent()))
                    .as("the record of the classes the first start used, written when it stopped")
                    .hasSize(1);
            assertThat(archives(jar.getParent())).as("no cache yet").isEmpty();
            List<String> secondOutput = run().output();
            assertThat(secondOutput)
                    .as("what the start that makes the cache printed")
                    .noneMatch(LauncherArchiveIT::isArchiveError);
            await("the AOT cache made in the background")
                    .atMost(CACHE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> archives(jar.getParent()).size() == 1);
            assertThat(records(jar.getParent()))
                    .as("the record, once the cache is made")
                    .isEmpty();
            assertThat(marks(jar.getParent()))
                    .as("its mark, once the cache is made")
                    .isEmpty();
        }
        List<Path> firstArchives = archives(jar.getParent());
        assertThat(firstArchives).as("the archive made from the first starts").hasSize(1);
        assertThat(firstArchives.get(0).getFileName().toString())
                .as("an AOT cache on JDK 25 and later, a class-data-sharing archive before")
                .endsWith(AOT ? ".aot" : ".jsa");
        Path oldArchive = Files.copy(firstArchives.get(0), root.resolve("old-archive"));

        Run used = run();
        assertThat(classLog(used))
                .as("a start with the archive loaded Curfew's classes from it")
                .anyMatch(line -> line.contains("dev.curfew.server.cli.StartCommand source: shared objects file"));
        assertThat(used.output()).noneMatch(LauncherArchiveIT::isArchiveError);

        // A rebuilt jar: another modification time, as ./mvnw package gives it.
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + TimeUnit.MINUTES.toMillis(1)));
        List<String> changedJarOutput = run().output();
        assertThat(changedJarOutput).as("a start after the jar changed").noneMatch(LauncherArchiveIT::isArchiveError);
        assertThat(archives(jar.getParent()))
                .as("the stale archive removed")
                .doesNotContainAnyElementsOf(firstArchives);
        // The name the launcher now expects for the changed jar's archive.
        Path expected = AOT
                ? Path.of(records(jar.getParent()).get(0).toString().replaceFirst("\\.config$", ""))
                : archives(jar.getParent()).get(0);
        assertThat(expected).as("the changed jar's archive").isNotIn(firstArchives);

        // An archive that does not match the jar under the name the launcher expects: the JVM must ignore it quietly.
        Files.copy(oldArchive, expected, StandardCopyOption.REPLACE_EXISTING);
        Run mismatched = run();
        assertThat(mismatched.output())
                .as("a start with an archive made from another jar")
                .noneMatch(LauncherArchiveIT::isArchiveError);
        assertThat(classLog(mismatched))
                .as("the archive made from another jar was not used")
                .noneMatch(line -> line.contains("dev.curfew.server.cli.StartCommand source: shared objects file"));
    }

    /** A start that has stopped: what it printed, and the process id of its JVM (the launcher execs it). */
    private record Run(List<String> output, long pid) {}

    /** Starts {@code ./curfew start} on the data directory, waits until it serves, stops it and waits for its exit. */
    private Run run() throws IOException, InterruptedException {
        List<String> command = List.of(
                "./curfew", "start", "--http-host", "127.0.0.1", "--http-port", "0", "--data-dir", dataDir.toString());
        Map<String, String> env = Map.of(
                "JAVA_HOME",
                javaHome(),
                // One log per process (%p, its pid): which classes came from the archive.
                "CURFEW_JAVA_OPTS",
                "-Xlog:class+load:file=" + root.resolve("classes-%p.log"));
        try (CurfewProcess curfew = CurfewProcess.start(command, root, env, START_TIMEOUT)) {
            curfew.process().toHandle().destroy();
            assertThat(curfew.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("Curfew stopped")
                    .isTrue();
            curfew.output().awaitEnd(Duration.ofSeconds(10));
            return new Run(curfew.output().lines(), curfew.process().pid());
        }
    }

    /** Runs a command of the launcher that ends by itself (nothing to stop), and returns its exit code. */
    private int runToEnd(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", javaHome());
        Process process = builder.start();
        assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as(String.join(" ", command) + " ended")
                .isTrue();
        return process.exitValue();
    }

    /** The JDK running the tests, for the launcher to run Curfew with. */
    private static String javaHome() {
        return Path.of(CurfewProcess.currentJava()).getParent().getParent().toString();
    }

    private static boolean isArchiveError(String line) {
        return ARCHIVE_ERRORS.stream().anyMatch(line::contains);
    }

    private List<String> classLog(Run run) throws IOException {
        return Files.readAllLines(root.resolve("classes-" + run.pid() + ".log"));
    }

    private static List<Path> archives(Path directory) throws IOException {
        return files(directory, "curfew-\\d+\\.(aot|jsa)");
    }

    /** What a first start on JDK 25 and later records for the AOT cache. */
    private static List<Path> records(Path directory) throws IOException {
        return files(directory, "curfew-\\d+\\.aot\\.config");
    }

    /** The marks a start that served leaves beside its record. */
    private static List<Path> marks(Path directory) throws IOException {
        return files(directory, "curfew-\\d+\\.aot\\.config\\.ready");
    }

    private static List<Path> files(Path directory, String pattern) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches(pattern))
                    .toList();
        }
    }
}
