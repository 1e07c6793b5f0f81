package dev.curfew.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Curfew as several stateless nodes on one PostgreSQL behind a load balancer, all real processes on 127.0.0.1: a
 * {@link RestartablePostgres}, N nodes from the shaded jar ({@link CurfewProcess}) and HAProxy ({@link Balancer})
 * in front of them. Every node has the balancer's URL as {@code --public-url}, so each issues tokens with the same
 * issuer, and {@code --outbound-allow 127.0.0.1/32} for receivers a test runs on the loopback. The first node
 * starts alone (it migrates the empty database and creates the master realm, the administrator and the demo
 * realm), the others then start together. A test can kill a node ({@code kill -9}) and start it again on its port,
 * and stop and start PostgreSQL. {@link #close()} kills everything; shutdown hooks do the same if the JVM exits.
 */
public final class Cluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final String adminPassword = "cluster-" + UUID.randomUUID();
    private final List<String> extraOptions;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> demoPasswords = new LinkedHashMap<>();
    private DemoClient demoClient;
    private RestartablePostgres postgres;
    private Balancer balancer;
    private URI publicUrl;

    private Cluster(Path directory, List<String> extraOptions) {
        this.directory = directory;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /** Starts PostgreSQL, {@code nodeCount} nodes and HAProxy, with the files of each under {@code directory}. */
    public static Cluster start(Path directory, int nodeCount) throws IOException {
        return start(directory, nodeCount, List.of());
    }

    /** As {@link #start(Path, int)}, with more options for every node's {@code start}. */
    public static Cluster start(Path directory, int nodeCount, List<String> options) throws IOException {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs a node");
        }
        Cluster cluster = new Cluster(directory, options);
        try {
            cluster.startAll(nodeCount);
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll(int nodeCount) throws IOException {
        long started = System.nanoTime();
        postgres = RestartablePostgres.start(Files.createDirectories(directory.resolve("postgres")));
        int balancerPort = FreePort.pick();
        publicUrl = URI.create("http://127.0.0.1:" + balancerPort);
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new Node("node" + i, Files.createDirectories(directory.resolve("node" + i))));
        }
        nodes.getFirst().start();
        readDemoRealm(nodes.getFirst().process());
        List<CompletableFuture<Void>> others = nodes.subList(1, nodes.size()).stream()
                .map(node -> CompletableFuture.runAsync(node::start))
                .toList();
        try {
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<Balancer.Server> servers =
                nodes.stream().map(n -> new Balancer.Server(n.name(), n.port())).toList();
        balancer = Balancer.start(directory, balancerPort, servers);
        System.out.printf(
                "[e2e] cluster of %d nodes ready at %s in %d ms%n",
                nodeCount,
                publicUrl,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void readDemoRealm(CurfewProcess first) {
        for (String user : List.of("alice", "bob", "carol")) {
            demoPasswords.put(
                    user,
                    first.output()
                            .require(
                                    Pattern.compile("^\\s+user " + user + " / password (\\S+)$"),
                                    Duration.ofSeconds(10),
                                    user + "'s demo password")
                            .group(1));
        }
        Matcher client = first.output()
                .require(
                        Pattern.compile("^\\s+client (\\S+) / secret (\\S+) / redirect URI (\\S+)$"),
                        Duration.ofSeconds(10),
                        "the demo client's secret");
        demoClient = new DemoClient(client.group(1), client.group(2), client.group(3));
    }

    /** The balancer's URL: every node's {@code public-url}, and where clients send their requests. */
    public URI url() {
        return publicUrl;
    }

    public Balancer balancer() {
        return balancer;
    }

    public RestartablePostgres postgres() {
        return postgres;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The node named {@code node<number>}, from 1. */
    public Node node(int number) {
        return nodes.get(number - 1);
    }

    /** The bootstrap administrator ({@code admin}) of the master realm has this password. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The passwords of the demo realm's users alice, bob and carol, as the first start printed them. */
    public Map<String, String> demoPasswords() {
        return Map.copyOf(demoPasswords);
    }

    /** The demo realm's confidential client ({@code demo-app}), as the first start printed it. */
    public record DemoClient(String clientId, String secret, String redirectUri) {}

    public DemoClient demoClient() {
        return demoClient;
    }

    /** A client of Curfew's HTTP API through the balancer. */
    public CurfewHttp http() {
        return new CurfewHttp(publicUrl);
    }

    /** One Curfew process of the cluster, reached directly (not through the balancer). */
    public final class Node {
        private final String name;
        private final Path dataDir;
        private final int port;
        private CurfewProcess process;

        private Node(String name, Path dataDir) {
            this.name = name;
            this.dataDir = dataDir;
            // Fixed, not 0: the balancer's configuration names it, and a restart must come back on it.
            this.port = FreePort.pick();
        }

        /** Its server name in the balancer's configuration: {@code node1}, {@code node2}... */
        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }

        /** A client of Curfew's HTTP API talking to this node only. */
        public CurfewHttp http() {
            return new CurfewHttp(url());
        }

        public CurfewProcess process() {
            if (process == null) {
                throw new IllegalStateException(name + " does not run");
            }
            return process;
        }

        public boolean isRunning() {
            return process != null && process.process().isAlive();
        }

        /** {@code kill -9}: no shutdown hook runs, nothing is flushed. Answers the exit code (137). */
        public int kill() {
            int exit = process().killNow();
            process = null;
            return exit;
        }

        /** Starts the node again on its port (the one the balancer sends to), on the same database. */
        public void restart() {
            if (isRunning()) {
                throw new IllegalStateException(name + " still runs");
            }
            start();
        }

        private void start() {
            List<String> command = new ArrayList<>(List.of(
                    CurfewProcess.currentJava(),
                    "-jar",
                    CurfewProcess.jar().toString(),
                    "start",
                    "--http-host",
                    "127.0.0.1",
                    "--http-port",
                    Integer.toString(port),
                    "--data-dir",
                    dataDir.toString(),
                    "--db-url",
                    postgres.jdbcUrl(),
                    "--db-username",
                    RestartablePostgres.USER,
                    "--public-url",
                    publicUrl.toString(),
                    "--proxy-headers",
                    "true",
                    "--outbound-allow",
                    "127.0.0.1/32"));
            if (this == nodes.getFirst()) {
                command.add("--demo");
            }
            command.addAll(extraOptions);
            try {
                process = CurfewProcess.start(
                        command, dataDir, Map.of("CURFEW_ADMIN_PASSWORD", adminPassword), START_TIMEOUT, url());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }

        @Override
        public String toString() {
            return name + " (" + url() + ")";
        }
    }

    /** Kills HAProxy, stops every node (SIGTERM, then SIGKILL), and stops PostgreSQL. */
    @Override
    public void close() {
        if (balancer != null) {
            balancer.close();
        }
        nodes.parallelStream().filter(n -> n.process != null).forEach(n -> n.process.close());
        if (postgres != null) {
            postgres.close();
        }
    }
}
