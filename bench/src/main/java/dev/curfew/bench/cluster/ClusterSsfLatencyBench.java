package dev.curfew.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.bench.support.AdminApi;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.LocalCluster;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.SignInRealm;
import dev.curfew.bench.support.Trials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sign-out on node 1 reaching a Shared Signals long poll held on node 3 of a cluster: three Curfew nodes in this
 * JVM ({@code CurfewServer.start} three times, each with its own connection pool, caches, long polls and listening
 * connection) on one embedded PostgreSQL 18 database, on free localhost ports. A long-poll receiver (RFC 8936) holds
 * {@code returnImmediately: false} polls on node 3 and acknowledges what it got; each trial signs a user in on node 1
 * (a real session), signs that user out there with {@code POST /admin/realms/{realm}/sign-outs} (scope user), and
 * notes when the answer's last byte was read and when node 3's poll returned the SET whose {@code txn} is that
 * sign-out's id. The SET is queued in the sign-out's transaction on node 1; node 3 hears of it through PostgreSQL's
 * {@code LISTEN/NOTIFY}. Reported: p50/p99/max over the trials, after unreported warm-up trials.
 */
public final class ClusterSsfLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "cluster-bench-admin-password";
    private static final String REALM = "cluster-bench";
    private static final int NODES = 3;

    private final int trials;
    private final int warmUp;
    private final BenchHttp http = new BenchHttp();
    /** txn (sign-out id) → System.nanoTime() when the receiver had the SET. */
    private final Map<String, Long> polled = new ConcurrentHashMap<>();

    private volatile boolean polling = true;
    /** Node 1, where users sign in and are signed out. */
    private String base;
    /** Node 3, where the long poll is held. */
    private String pollerBase;

    private ClusterSsfLatencyBench(int trials, int warmUp) {
        this.trials = trials;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        Optional<Trials> options = Trials.parse(args, "ClusterSsfLatencyBench");
        if (options.isPresent()) {
            new ClusterSsfLatencyBench(options.get().trials(), options.get().warmUp()).run();
        }
    }

    private void run() throws Exception {
        Thread poller = null;
        try (BenchDatabase database = BenchDatabase.open("pg");
                LocalCluster cluster = LocalCluster.start(database, NODES, ADMIN_PASSWORD)) {
            try {
                base = cluster.base(1);
                pollerBase = cluster.base(NODES);
                poller = measure(cluster);
            } finally {
                polling = false;
                if (poller != null) {
                    poller.interrupt();
                }
            }
        }
    }

    /** Sets the realm up through node 1, holds the long poll on node 3, and runs the trials; returns the poller. */
    private Thread measure(LocalCluster cluster) throws Exception {
        int users = trials + warmUp;
        SignInRealm realm = SignInRealm.create(cluster.node(1).services(), REALM, users);
        String basic = BenchHttp.basic(
                "receiver",
                realm.confidentialClient(
                        "receiver", c -> c.serviceAccounts(true).ssfReceiver(true)));

        String issuer = pollerBase + "/realms/" + REALM;
        String receiverToken = clientCredentials(basic);
        String pollStream = JSON.readTree(http.postJson(
                        issuer + "/ssf/streams",
                        receiverToken,
                        "{\"delivery\":{\"method\":\"urn:ietf:rfc:8936\"}}",
                        201))
                .get("stream_id")
                .asText();
        Thread poller =
                Thread.ofVirtual().start(() -> pollLoop(issuer + "/ssf/streams/" + pollStream + "/poll", basic));

        AdminApi admin = new AdminApi(cluster.node(1).port(), "admin", ADMIN_PASSWORD);
        List<double[]> results = new ArrayList<>();
        long benchStart = System.nanoTime();
        long deadline = benchStart + Duration.ofMinutes(10).toNanos();
        for (int i = 0; i < users && System.nanoTime() < deadline; i++) {
            passwordLogin("user-" + i);
            String userId = realm.userId("user-" + i);
            long sent = System.nanoTime();
            AdminApi.Timed answer =
                    admin.signOut(REALM, "{\"type\":\"user\",\"userId\":\"" + userId + "\"}", Duration.ofSeconds(30));
            long answered = System.nanoTime();
            String txn = answer.body().get("id").asText();
            long poll = await(polled, txn);
            if (i >= warmUp) {
                results.add(new double[] {(poll - answered) / 1e6, (poll - sent) / 1e6, (answered - sent) / 1e6});
            }
        }
        report(results, (System.nanoTime() - benchStart) / 1e9);
        return poller;
    }

    /** The long-poll receiver: holds a poll, notes the arrival of each SET, acknowledges it with the next poll. */
    private void pollLoop(String pollUrl, String basic) {
        List<String> ack = new ArrayList<>();
        String token = null;
        long tokenAt = 0;
        while (polling) {
            try {
                if (token == null
                        || System.nanoTime() - tokenAt > Duration.ofMinutes(3).toNanos()) {
                    token = clientCredentials(basic);
                    tokenAt = System.nanoTime();
                }
                String body =
                        "{\"returnImmediately\":false,\"maxEvents\":100,\"ack\":" + JSON.writeValueAsString(ack) + "}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pollUrl))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
                long at = System.nanoTime();
                ack = new ArrayList<>();
                if (response.statusCode() != 200) {
                    token = null;
                    continue;
                }
                for (var set : JSON.readTree(response.body()).get("sets").properties()) {
                    ack.add(set.getKey());
                    record(polled, set.getValue().asText(), at);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!polling) {
                    return;
                }
                System.err.println("poll failed: " + e);
            }
        }
    }

    private static void record(Map<String, Long> arrivals, String set, long at) {
        try {
            Object txn = SignedJWT.parse(set).getJWTClaimsSet().getClaim("txn");
            if (txn != null) {
                synchronized (arrivals) {
                    arrivals.putIfAbsent(txn.toString(), at);
                    arrivals.notifyAll();
                }
            }
        } catch (java.text.ParseException e) {
            System.err.println("not a SET: " + e.getMessage());
        }
    }

    /** Waits (at most 30 s) until the receiver has the SET of sign-out {@code txn}, woken by its arrival. */
    private static long await(Map<String, Long> arrivals, String txn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (arrivals) {
            while (true) {
                Long at = arrivals.get(txn);
                if (at != null) {
                    return at;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no SET for sign-out " + txn + " within 30 s");
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void report(List<double[]> results, double seconds) {
        System.out.printf(
                Locale.ROOT,
                "Sign-out on node 1 to the SET in a long poll held on node 3: %d trials (+%d warm-up), %.1f s,"
                        + " 3 nodes on one PostgreSQL 18, localhost%n",
                results.size(),
                warmUp,
                seconds);
        String[] names = {
            "node 3's long poll has the SET, ms after node 1's API answer",
            "node 3's long poll has the SET, ms after the request was sent",
            "sign-out API answer on node 1, ms"
        };
        for (int k = 0; k < names.length; k++) {
            int column = k;
            double[] values =
                    results.stream().mapToDouble(r -> r[column]).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  %-64s p50 %7.2f   p99 %7.2f   min %7.2f   max %7.2f%n",
                    names[k],
                    Percentiles.nearestRank(values, 50),
                    Percentiles.nearestRank(values, 99),
                    values[0],
                    values[values.length - 1]);
        }
    }

    private void passwordLogin(String username) throws IOException, InterruptedException {
        http.form(
                base + "/realms/" + REALM + "/protocol/openid-connect/token",
                "grant_type=password&client_id=app&username=" + BenchHttp.enc(username) + "&password="
                        + BenchHttp.enc(SignInRealm.USER_PASSWORD),
                null);
    }

    private String clientCredentials(String basic) throws IOException, InterruptedException {
        return JSON.readTree(http.form(
                        pollerBase + "/realms/" + REALM + "/protocol/openid-connect/token",
                        "grant_type=client_credentials",
                        basic))
                .get("access_token")
                .asText();
    }
}
