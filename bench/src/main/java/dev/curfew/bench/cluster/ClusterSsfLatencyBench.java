package dev.curfew.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.bench.support.AdminApi;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.LocalCluster;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.PollReceiver;
import dev.curfew.bench.support.PushReceiver;
import dev.curfew.bench.support.SignInRealm;
import dev.curfew.bench.support.Trials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sign-out on node 1 reaching Shared Signals receivers through the other nodes of a cluster: three Curfew nodes in
 * this JVM ({@code CurfewServer.start} three times, each with its own connection pool, caches, long polls, outbox
 * dispatcher and listening connection) on one embedded PostgreSQL 18 database, on free localhost ports. Two
 * receivers of one realm: a long-poll receiver (RFC 8936) holding {@code returnImmediately: false} polls on node 3,
 * and a push receiver (RFC 8935, a JDK HTTP server on 127.0.0.1) whose stream was created on node 2. Each trial signs
 * a user in on node 1 (a real session), signs that user out there with {@code POST /admin/realms/{realm}/sign-outs}
 * (scope user), and notes when the answer's last byte was read and when each receiver had the SET whose {@code txn}
 * is that sign-out's id. The SETs are queued in the sign-out's transaction on node 1; the other nodes hear of them
 * through PostgreSQL's {@code LISTEN/NOTIFY}, and whichever node's dispatcher claims the push row first sends it.
 * Reported: p50/p99/min/max over the trials, after unreported warm-up trials.
 */
public final class ClusterSsfLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "cluster-bench-admin-password";
    private static final String REALM = "cluster-bench";
    private static final int NODES = 3;

    private final int trials;
    private final int warmUp;
    private final BenchHttp http = new BenchHttp();

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
        try (BenchDatabase database = BenchDatabase.open("pg");
                LocalCluster cluster = LocalCluster.start(database, NODES, ADMIN_PASSWORD);
                PushReceiver pushed = PushReceiver.start()) {
            int users = trials + warmUp;
            SignInRealm realm = SignInRealm.create(cluster.node(1).services(), REALM, users);
            String basic = BenchHttp.basic(
                    "receiver",
                    realm.confidentialClient(
                            "receiver", c -> c.serviceAccounts(true).ssfReceiver(true)));
            String pollerIssuer = cluster.base(NODES) + "/realms/" + REALM;
            http.postJson(
                    cluster.base(2) + "/realms/" + REALM + "/ssf/streams",
                    clientCredentials(pollerIssuer, basic),
                    pushed.streamRequest(),
                    201);
            String pollStream = JSON.readTree(http.postJson(
                            pollerIssuer + "/ssf/streams",
                            clientCredentials(pollerIssuer, basic),
                            PollReceiver.STREAM_REQUEST,
                            201))
                    .get("stream_id")
                    .asText();
            try (PollReceiver polled = PollReceiver.start(
                    http,
                    pollerIssuer + "/ssf/streams/" + pollStream + "/poll",
                    () -> clientCredentials(pollerIssuer, basic))) {
                measure(cluster, realm, pushed, polled);
            }
        }
    }

    private void measure(LocalCluster cluster, SignInRealm realm, PushReceiver pushed, PollReceiver polled)
            throws Exception {
        AdminApi admin = new AdminApi(cluster.node(1).port(), "admin", ADMIN_PASSWORD);
        String base = cluster.base(1);
        List<double[]> results = new ArrayList<>();
        long benchStart = System.nanoTime();
        long deadline = benchStart + Duration.ofMinutes(10).toNanos();
        for (int i = 0; i < trials + warmUp && System.nanoTime() < deadline; i++) {
            passwordLogin(base, "user-" + i);
            String userId = realm.userId("user-" + i);
            long sent = System.nanoTime();
            AdminApi.Timed answer =
                    admin.signOut(REALM, "{\"type\":\"user\",\"userId\":\"" + userId + "\"}", Duration.ofSeconds(30));
            long answered = System.nanoTime();
            String txn = answer.body().get("id").asText();
            long poll = polled.arrivals().await(txn);
            long push = pushed.arrivals().await(txn);
            if (i >= warmUp) {
                results.add(new double[] {
                    (poll - answered) / 1e6,
                    (push - answered) / 1e6,
                    (poll - sent) / 1e6,
                    (push - sent) / 1e6,
                    (answered - sent) / 1e6
                });
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Sign-out on node 1 to the SET at receivers through nodes 2 and 3: %d trials (+%d warm-up), %.1f s,"
                        + " 3 nodes on one PostgreSQL 18, localhost%n",
                results.size(),
                warmUp,
                (System.nanoTime() - benchStart) / 1e9);
        Percentiles.printRows(
                results,
                "node 3's long poll has the SET, ms after node 1's API answer",
                "push receiver (stream made on node 2) has the SET, ms after the answer",
                "node 3's long poll has the SET, ms after the request was sent",
                "push receiver has the SET, ms after the request was sent",
                "sign-out API answer on node 1, ms");
    }

    private void passwordLogin(String base, String username) throws IOException, InterruptedException {
        http.form(
                base + "/realms/" + REALM + "/protocol/openid-connect/token",
                "grant_type=password&client_id=app&username=" + BenchHttp.enc(username) + "&password="
                        + BenchHttp.enc(SignInRealm.USER_PASSWORD),
                null);
    }

    private String clientCredentials(String issuer, String basic) throws IOException, InterruptedException {
        return JSON.readTree(
                        http.form(issuer + "/protocol/openid-connect/token", "grant_type=client_credentials", basic))
                .get("access_token")
                .asText();
    }
}
