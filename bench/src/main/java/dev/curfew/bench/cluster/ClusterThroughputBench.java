package dev.curfew.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.CpuMeter;
import dev.curfew.bench.support.LocalCluster;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.SignInRealm;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the client_credentials grant and of introspection with one node and with three nodes on the same
 * cores: whether a node's cost per request grows when it has peers. Each cluster runs in this JVM on a fresh embedded
 * PostgreSQL 18 database; {@code --concurrency} closed-loop clients send their requests to the nodes in turn. CPU per
 * request is this JVM's (the nodes and the clients, the same client work in both cases) plus PostgreSQL's processes,
 * over the measured seconds. Introspection asks about password-grant access tokens (with a session), one per client.
 * Every run is bounded by {@code --seconds} after {@code --warm-up} seconds; localhost only.
 */
public final class ClusterThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "cluster-bench-admin-password";
    private static final String REALM = "cluster-bench";

    private final int seconds;
    private final int warmUp;
    private final int concurrency;
    private final BenchHttp http = new BenchHttp();

    private ClusterThroughputBench(int seconds, int warmUp, int concurrency) {
        this.seconds = seconds;
        this.warmUp = warmUp;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmUp = 4;
        int concurrency = 16;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--warm-up=")) {
                warmUp = Integer.parseInt(arg.substring("--warm-up=".length()));
            } else if (arg.startsWith("--concurrency=")) {
                concurrency = Integer.parseInt(arg.substring("--concurrency=".length()));
            } else {
                System.out.println("Usage: ClusterThroughputBench [--seconds=10] [--warm-up=4] [--concurrency=16]"
                        + "   (localhost only)");
                return;
            }
        }
        if (seconds < 1 || seconds > 120 || warmUp < 0 || warmUp > 60 || concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--seconds 1..120, --warm-up 0..60, --concurrency 1..256");
        }
        new ClusterThroughputBench(seconds, warmUp, concurrency).run();
    }

    private void run() throws Exception {
        int printed = 0;
        System.out.printf(
                Locale.ROOT,
                "%-20s %5s %10s %12s %8s %8s %7s%n",
                "workload",
                "nodes",
                "answered/s",
                "CPU ms/req",
                "p50 ms",
                "p99 ms",
                "errors");
        // A first, unreported run warms the JIT up for all that follow; then 1, 3, 3, 1 nodes, so that neither size
        // gains from coming later.
        for (int nodes : List.of(1, 1, 3, 3, 1)) {
            boolean report = printed++ > 0;
            try (BenchDatabase database = BenchDatabase.open("pg");
                    LocalCluster cluster = LocalCluster.start(database, nodes, ADMIN_PASSWORD)) {
                SignInRealm realm = SignInRealm.create(cluster.node(1).services(), REALM, concurrency);
                String basic = BenchHttp.basic("api", realm.confidentialClient("api", c -> c.serviceAccounts(true)));
                CpuMeter cpu = new CpuMeter(database.serverProcess());
                measure(
                        report,
                        "client_credentials",
                        cluster,
                        cpu,
                        (node, worker) -> http.formResponse(token(node), "grant_type=client_credentials", basic));
                List<String> tokens = new ArrayList<>();
                for (int w = 0; w < concurrency; w++) {
                    tokens.add(JSON.readTree(http.form(
                                    token(cluster.base(1)),
                                    "grant_type=password&client_id=app&username=user-" + w + "&password="
                                            + BenchHttp.enc(SignInRealm.USER_PASSWORD),
                                    null))
                            .get("access_token")
                            .asText());
                }
                measure(
                        report,
                        "introspection",
                        cluster,
                        cpu,
                        (node, worker) ->
                                http.formResponse(token(node) + "/introspect", "token=" + tokens.get(worker), basic));
            }
        }
    }

    private static String token(String base) {
        return base + "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    /** One request of a workload to one node's base URL, by one client. */
    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send(String node, int worker) throws IOException, InterruptedException;
    }

    private void measure(boolean report, String workload, LocalCluster cluster, CpuMeter cpu, Call call)
            throws Exception {
        long measureFrom = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CpuMeter.Mark[] mark = new CpuMeter.Mark[1];
        Thread markAtStart = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, measureFrom - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mark[0] = cpu.start();
        });
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(Thread.ofVirtual().start(() -> {
                long turn = worker;
                while (System.nanoTime() < end) {
                    String node = cluster.base(1 + (int) (turn++ % cluster.size()));
                    long start = System.nanoTime();
                    try {
                        int status = call.send(node, worker).statusCode();
                        long done = System.nanoTime();
                        if (status != 200) {
                            errors.incrementAndGet();
                        } else if (start >= measureFrom && done <= end) {
                            latencies.add(done - start);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        markAtStart.join();
        for (Thread t : workers) {
            t.join();
        }
        if (!report) {
            return;
        }
        double cpuMillis = cpu.millisSince(mark[0]);
        double[] sorted = latencies.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%-20s %5d %10.0f %12.3f %8.2f %8.2f %7d%n",
                workload,
                cluster.size(),
                sorted.length / (double) seconds,
                cpuMillis / Math.max(1, sorted.length),
                Percentiles.nearestRank(sorted, 50),
                Percentiles.nearestRank(sorted, 99),
                errors.get());
    }
}
