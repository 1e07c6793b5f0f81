package dev.curfew.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Curfew running as a child process: started with a command line (the shaded jar, or {@code ./curfew}),
 * its output echoed and kept, reached over HTTP only. It asks for port 0 and learns the port from the line
 * {@code Curfew is ready at http://localhost:PORT}, so two builds on one machine never race for a port.
 * {@link #close()} always kills it (and anything it started); a shutdown hook does the same if the test JVM
 * exits first.
 */
public final class CurfewProcess implements AutoCloseable {
    private static final Pattern READY_AT = Pattern.compile("Curfew is ready at (https?://\\S+)");

    private final Process process;
    private final ProcessOutput output;
    private final Thread shutdownHook;
    private URI baseUrl;

    private CurfewProcess(Process process) {
        this.process = process;
        this.output = new ProcessOutput(process.getInputStream(), "[curfew " + process.pid() + "] ", System.out);
        this.shutdownHook = new Thread(() -> kill(process), "kill-curfew-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The java executable of the JVM running the tests, so Curfew runs on the same JDK. */
    public static String currentJava() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The shaded jar the reactor built before these tests. */
    public static Path jar() {
        return Path.of(System.getProperty("curfew.jar", "../curfew-server/target/curfew.jar"))
                .toAbsolutePath()
                .normalize();
    }

    /** The repository's root directory. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("curfew.repo", "..")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code command} in {@code directory} with the inherited environment minus every {@code CURFEW_*}
     * variable, plus {@code env}; waits (at most {@code startTimeout}) for the "ready at" line and then for
     * {@code /health/ready}.
     */
    public static CurfewProcess start(
            List<String> command, Path directory, Map<String, String> env, Duration startTimeout) throws IOException {
        return start(command, directory, env, startTimeout, Optional.empty());
    }

    /**
     * As {@link #start(List, Path, Map, Duration)} for a Curfew listening at {@code listensAt}: with {@code
     * --public-url}, the "ready at" line names the public URL (a balancer's), not the port this process listens on.
     */
    public static CurfewProcess start(
            List<String> command, Path directory, Map<String, String> env, Duration startTimeout, URI listensAt)
            throws IOException {
        return start(command, directory, env, startTimeout, Optional.of(listensAt));
    }

    private static CurfewProcess start(
            List<String> command,
            Path directory,
            Map<String, String> env,
            Duration startTimeout,
            Optional<URI> listensAt)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CURFEW_"));
        builder.environment().putAll(env);
        System.out.println("[e2e] starting " + String.join(" ", command) + " in " + directory);
        CurfewProcess curfew = new CurfewProcess(builder.start());
        try {
            Matcher ready = curfew.output.require(READY_AT, startTimeout, "Curfew printing its URL");
            URI printed = URI.create(ready.group(1));
            // The printed URL says localhost; use the IPv4 loopback it listens on, whatever localhost resolves to.
            curfew.baseUrl =
                    listensAt.orElseGet(() -> URI.create(printed.getScheme() + "://127.0.0.1:" + printed.getPort()));
            curfew.awaitReady(Duration.ofSeconds(30));
        } catch (RuntimeException | Error e) {
            curfew.close();
            throw e;
        }
        return curfew;
    }

    /**
     * Starts the shaded jar with {@code start --demo} on 127.0.0.1 and a free port, with {@code dataDir} as its data
     * directory and {@code adminPassword} as the bootstrap administrator's password.
     */
    public static CurfewProcess startDemo(Path dataDir, String adminPassword) throws IOException {
        return startDemo(dataDir, adminPassword, List.of());
    }

    /**
     * As {@link #startDemo(Path, String)}, with more options for {@code start} (e.g. {@code --db-url}): say {@code --outbound-allow
     * 127.0.0.1/32} when the test's relying parties or receivers listen on the loopback, which Curfew refuses to send
     * to unless allowed.
     */
    public static CurfewProcess startDemo(Path dataDir, String adminPassword, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                currentJava(),
                "-jar",
                jar().toString(),
                "start",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--demo"));
        command.addAll(options);
        return start(command, dataDir, Map.of("CURFEW_ADMIN_PASSWORD", adminPassword), Duration.ofSeconds(60));
    }

    /** Polls {@code /health/ready} until it answers 200, at most {@code timeout}. */
    public void awaitReady(Duration timeout) {
        URI ready = baseUrl.resolve("/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("Curfew exited with code " + process.exitValue()
                            + " before it was ready; output:\n" + output.text());
                }
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(ready)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                    last = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(100); // polling interval, not a wait for correctness
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("Curfew was not ready within " + timeout.toSeconds() + " s (last answer: " + last
                + "); output:\n" + output.text());
    }

    /** Base URL on the IPv4 loopback, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public ProcessOutput output() {
        return output;
    }

    public Process process() {
        return process;
    }

    /**
     * Kills Curfew at once, as a crash would: SIGKILL ({@link Process#destroyForcibly()} sends it on Linux and
     * macOS), so no shutdown hook runs and nothing is flushed or closed. Returns its exit code: 137 (128 + 9)
     * when SIGKILL ended it.
     */
    public int killNow() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("Curfew " + process.pid() + " still runs 15 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        output.awaitEnd(Duration.ofSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook finds the process gone.
        }
        return process.exitValue();
    }

    /** Stops Curfew: SIGTERM (its shutdown hook closes the database), then SIGKILL after 15 s. */
    @Override
    public void close() {
        kill(process);
        output.awaitEnd(Duration.ofSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway.
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                System.out.println("[e2e] Curfew " + process.pid() + " did not stop within 15 s: killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
