package dev.curfew.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in front of the nodes, as an operator would run it (Debian's {@code haproxy} package): round robin, no
 * stickiness, and each node checked on {@code /health/ready} every 500 ms (out after 2 failed checks, back after 2
 * good ones). A request whose connection to a node fails is sent to another node ({@code option redispatch}). The
 * configuration is generated into a directory of the test's; HAProxy runs in the foreground ({@code -db}) as a
 * child process, killed on {@link #close()} and by a shutdown hook. Its statistics page (CSV) tells the test which
 * nodes HAProxy takes as up and how many requests each one got.
 */
public final class Balancer implements AutoCloseable {
    public static final String HAPROXY = "/usr/sbin/haproxy";
    private static final String BACKEND = "curfew";

    private final Process process;
    private final ProcessOutput output;
    private final Thread shutdownHook;
    private final URI url;
    private final URI stats;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Balancer(Process process, URI url, URI stats) {
        this.process = process;
        this.output = new ProcessOutput(process.getInputStream(), "[haproxy] ", System.out);
        this.shutdownHook = new Thread(process::destroyForcibly, "kill-haproxy-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.url = url;
        this.stats = stats;
    }

    /** One node behind the balancer: its name in HAProxy and its port on 127.0.0.1. */
    public record Server(String name, int port) {}

    /**
     * Writes the configuration for {@code servers} into {@code directory}, starts HAProxy listening on {@code port}
     * (127.0.0.1), and waits (at most 30 s) until it takes every server as up.
     */
    public static Balancer start(Path directory, int port, List<Server> servers) throws IOException {
        int statsPort = FreePort.pick();
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, configuration(port, statsPort, servers));
        ProcessBuilder builder = new ProcessBuilder(HAPROXY, "-db", "-f", config.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true);
        System.out.println("[e2e] starting HAProxy on 127.0.0.1:" + port + " with " + config);
        Balancer balancer = new Balancer(
                builder.start(),
                URI.create("http://127.0.0.1:" + port),
                URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"));
        try {
            for (Server server : servers) {
                balancer.awaitStatus(server.name(), "UP", Duration.ofSeconds(30));
            }
        } catch (RuntimeException | Error e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    /** The configuration, as {@code scripts/cluster-demo.sh} and the operator guide write it. */
    static String configuration(int port, int statsPort, List<Server> servers) {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 1024

                defaults
                    mode http
                    option forwardfor
                    timeout connect 2s
                    timeout client 60s
                    # Above the 30 s for which a Shared Signals long poll is held.
                    timeout server 60s
                    retries 3
                    option redispatch 1

                frontend curfew_in
                    bind 127.0.0.1:%d
                    # Curfew believes the first X-Forwarded-For entry (proxy-headers): drop what the client sent.
                    http-request del-header X-Forwarded-For
                    http-request del-header X-Forwarded-Host
                    http-request del-header X-Forwarded-Proto
                    default_backend %s

                backend %s
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /health/ready
                    http-check expect status 200
                    default-server check inter 500ms fall 2 rise 2
                    # Names the node that answered, to follow a browser's requests across nodes.
                    http-response set-header X-Curfew-Node %%[srv_name]
                """.formatted(port, BACKEND, BACKEND));
        for (Server server : servers) {
            config.append("    server ")
                    .append(server.name())
                    .append(" 127.0.0.1:")
                    .append(server.port())
                    .append('\n');
        }
        config.append("""

                frontend stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(statsPort));
        return config.toString();
    }

    /** Where clients reach Curfew, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return url;
    }

    public ProcessOutput output() {
        return output;
    }

    /** What HAProxy knows of one node now: its check status and how many requests it sent there. */
    public record ServerState(String name, String status, long requests) {
        public boolean up() {
            return status.startsWith("UP");
        }
    }

    /** Every node's state, by name, from HAProxy's statistics (CSV: {@code svname}, {@code status}, {@code stot}). */
    public Map<String, ServerState> servers() {
        String csv = fetch(stats);
        String[] lines = csv.split("\n");
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(",", -1));
        int proxy = header.indexOf("pxname");
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        int total = header.indexOf("stot");
        Map<String, ServerState> servers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length > total
                    && fields[proxy].equals(BACKEND)
                    && !List.of("FRONTEND", "BACKEND").contains(fields[name])) {
                servers.put(fields[name], new ServerState(fields[name], fields[status], Long.parseLong(fields[total])));
            }
        }
        return servers;
    }

    /** Waits until HAProxy's check status of {@code server} starts with {@code status} ({@code UP}, {@code DOWN}). */
    public void awaitStatus(String server, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "HAProxy exited with code " + process.exitValue() + "; output:\n" + output.text());
            }
            try {
                ServerState state = servers().get(server);
                last = state == null ? "no such server" : state.status();
                if (state != null && state.status().startsWith(status)) {
                    return;
                }
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            pause(Duration.ofMillis(100)); // polling interval, not a wait for correctness
        }
        throw new AssertionError("HAProxy did not see " + server + " " + status + " within " + timeout.toSeconds()
                + " s (last: " + last + "); output:\n" + output.text());
    }

    private String fetch(URI uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills HAProxy (it keeps no state worth a graceful stop) and waits for it to end. */
    @Override
    public void close() {
        http.close();
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.awaitEnd(Duration.ofSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook finds the process gone.
        }
    }
}
