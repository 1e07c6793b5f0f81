package dev.curfew.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.bench.support.AdminApi;
import dev.curfew.bench.support.BenchDatabase;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.LocalCluster;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.SignInRealm;
import dev.curfew.bench.support.Trials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sign-out answered by node 1 of a cluster, and the moment nodes 2 and 3 refuse the signed-out access token at
 * introspection and at userinfo: three Curfew nodes in this JVM on one embedded PostgreSQL 18 database, on free
 * localhost ports. Each node judges tokens from memory (docs/architecture.md, "One source of truth for validity"); the
 * other nodes hear of the sign-out through PostgreSQL's {@code LISTEN/NOTIFY}.
 *
 * <p>Each trial signs a user in on node 1 (password grant), checks that nodes 2 and 3 accept the access token at both
 * endpoints (so each holds the session and the user in memory: what is measured is memory catching up, not a cold
 * read), then starts four checkers — node 2 and node 3, introspection and userinfo — that ask again and again, signs the
 * user out on node 1 ({@code POST /admin/realms/{realm}/sign-outs}, scope user), and notes for each checker the first
 * refusal; a checker pauses 2 ms between questions. Reported: ms from node 1's answer (its last byte read) to each first refusal, p50/p99/max over the trials,
 * after unreported warm-up trials. A negative time is a refusal seen before the answer reached the client. Every
 * checker stops at its first refusal or after 5 s.
 */
public final class ClusterSignOutBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "cluster-bench-admin-password";
    private static final String REALM = "cluster-bench";
    private static final int NODES = 3;
    private static final Duration CHECK_FOR = Duration.ofSeconds(5);
    /** Between two questions of one checker: the resolution of the measurement, on top of a request's own time. */
    private static final Duration PAUSE = Duration.ofMillis(2);

    private static final String[] CHECKS = {
        "node 2 introspection", "node 2 userinfo", "node 3 introspection", "node 3 userinfo"
    };

    private final int trials;
    private final int warmUp;
    private final BenchHttp http = new BenchHttp();
    private String apiBasic;

    private ClusterSignOutBench(int trials, int warmUp) {
        this.trials = trials;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        Optional<Trials> options = Trials.parse(args, "ClusterSignOutBench");
        if (options.isPresent()) {
            new ClusterSignOutBench(options.get().trials(), options.get().warmUp()).run();
        }
    }

    private void run() throws Exception {
        try (BenchDatabase database = BenchDatabase.open("pg");
                LocalCluster cluster = LocalCluster.start(database, NODES, ADMIN_PASSWORD)) {
            int users = trials + warmUp;
            SignInRealm realm = SignInRealm.create(cluster.node(1).services(), REALM, users);
            apiBasic = BenchHttp.basic("api", realm.confidentialClient("api", c -> c));
            AdminApi admin = new AdminApi(cluster.node(1).port(), "admin", ADMIN_PASSWORD);
            List<double[]> results = new ArrayList<>();
            long benchStart = System.nanoTime();
            long deadline = benchStart + Duration.ofMinutes(10).toNanos();
            for (int i = 0; i < users && System.nanoTime() < deadline; i++) {
                double[] trial = trial(cluster, admin, realm, "user-" + i);
                if (i >= warmUp) {
                    results.add(trial);
                }
            }
            report(results, (System.nanoTime() - benchStart) / 1e9);
        }
    }

    /** One sign-out; ms from node 1's answer to each checker's first refusal, then the answer's own ms. */
    private double[] trial(LocalCluster cluster, AdminApi admin, SignInRealm realm, String username) throws Exception {
        String token = JSON.readTree(http.form(
                        cluster.base(1) + "/realms/" + REALM + "/protocol/openid-connect/token",
                        "grant_type=password&scope=openid&client_id=app&username=" + BenchHttp.enc(username)
                                + "&password="
                                + BenchHttp.enc(SignInRealm.USER_PASSWORD),
                        null))
                .get("access_token")
                .asText();
        List<Check> checks = List.of(
                new Check(cluster.base(2), true),
                new Check(cluster.base(2), false),
                new Check(cluster.base(3), true),
                new Check(cluster.base(3), false));
        for (Check check : checks) {
            if (!check.accepts(token)) {
                throw new IllegalStateException(check + " refused a fresh token");
            }
        }
        List<CompletableFuture<Long>> refusals = new ArrayList<>();
        for (Check check : checks) {
            CompletableFuture<Long> refused = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> check.untilRefused(token, refused));
            refusals.add(refused);
        }
        String userId = realm.userId(username);
        long sent = System.nanoTime();
        admin.signOut(REALM, "{\"type\":\"user\",\"userId\":\"" + userId + "\"}", Duration.ofSeconds(30));
        long answered = System.nanoTime();
        double[] trial = new double[checks.size() + 1];
        for (int k = 0; k < checks.size(); k++) {
            trial[k] = (await(refusals.get(k), CHECKS[k]) - answered) / 1e6;
        }
        trial[checks.size()] = (answered - sent) / 1e6;
        return trial;
    }

    private static long await(CompletableFuture<Long> refused, String what)
            throws InterruptedException, ExecutionException {
        try {
            return refused.get(CHECK_FOR.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " never refused the signed-out token", e);
        }
    }

    /** Asks one node, at one endpoint, whether a token is still accepted. */
    private final class Check {
        private final String base;
        private final boolean introspection;

        Check(String base, boolean introspection) {
            this.base = base;
            this.introspection = introspection;
        }

        boolean accepts(String token) throws IOException, InterruptedException {
            String oidc = base + "/realms/" + REALM + "/protocol/openid-connect";
            if (introspection) {
                return JSON.readTree(http.form(oidc + "/token/introspect", "token=" + token, apiBasic))
                        .get("active")
                        .asBoolean();
            }
            int status = http.get(oidc + "/userinfo", token).statusCode();
            if (status != 200 && status != 401) {
                throw new IllegalStateException("userinfo answered " + status);
            }
            return status == 200;
        }

        /** Asks until refused (completing with System.nanoTime() of the refusal's answer) or for at most 5 s. */
        void untilRefused(String token, CompletableFuture<Long> refused) {
            long stop = System.nanoTime() + CHECK_FOR.toNanos();
            try {
                while (System.nanoTime() < stop) {
                    if (!accepts(token)) {
                        refused.complete(System.nanoTime());
                        return;
                    }
                    // Four checkers asking without a pause would take the two cores from the nodes they measure.
                    Thread.sleep(PAUSE);
                }
                refused.completeExceptionally(new IllegalStateException(this + " still accepts after 5 s"));
            } catch (IOException | RuntimeException e) {
                refused.completeExceptionally(e);
            } catch (InterruptedException e) {
                refused.completeExceptionally(e);
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return base + (introspection ? " introspection" : " userinfo");
        }
    }

    private void report(List<double[]> results, double seconds) {
        System.out.printf(
                Locale.ROOT,
                "Sign-out answered by node 1 to the token refused on nodes 2 and 3: %d trials (+%d warm-up), %.1f s,"
                        + " 3 nodes on one PostgreSQL 18, localhost%n",
                results.size(),
                warmUp,
                seconds);
        for (int k = 0; k <= CHECKS.length; k++) {
            int column = k;
            double[] values =
                    results.stream().mapToDouble(r -> r[column]).sorted().toArray();
            String name = k < CHECKS.length
                    ? CHECKS[k] + " refuses it, ms after node 1's answer"
                    : "sign-out API answer on node 1, ms";
            System.out.printf(
                    Locale.ROOT,
                    "  %-58s p50 %7.2f   p99 %7.2f   min %7.2f   max %7.2f%n",
                    name,
                    Percentiles.nearestRank(values, 50),
                    Percentiles.nearestRank(values, 99),
                    values[0],
                    values[values.length - 1]);
        }
    }
}
