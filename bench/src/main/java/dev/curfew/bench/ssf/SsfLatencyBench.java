package dev.curfew.bench.ssf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.PollReceiver;
import dev.curfew.bench.support.PushReceiver;
import dev.curfew.bench.support.SignInRealm;
import dev.curfew.bench.support.Trials;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Figure (c): how long after a sign-out's API answer a Shared Signals receiver holds the SET. The real server runs
 * in this JVM on an H2 file database in a temporary directory (as {@code ./curfew start} does), on a free localhost
 * port. Two receivers of one realm, also in this JVM, each with a stream of its own: a push receiver (a JDK HTTP
 * server the outbox POSTs to, RFC 8935) and a long-poll receiver (a loop holding {@code returnImmediately: false}
 * polls and acknowledging what it got, RFC 8936).
 *
 * <p>Each trial signs a user in (password grant: a real session), then signs that user out with
 * {@code POST /admin/realms/{realm}/sign-outs} (scope user) and notes when the answer's last byte was read; each
 * receiver notes when it has the SET whose {@code txn} is that sign-out's id. Reported: arrival minus answer (it can
 * be negative: the SET is queued in the sign-out's transaction and the dispatcher woken before the answer is
 * written) and arrival minus request start, p50/p99/max over the trials, after unreported warm-up trials.
 */
public final class SsfLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "ssf-bench-admin-password";
    private static final String REALM = "ssf-bench";

    private final int trials;
    private final int warmUp;
    private final BenchHttp http = new BenchHttp();
    private String base;

    private SsfLatencyBench(int trials, int warmUp) {
        this.trials = trials;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        Optional<Trials> options = Trials.parse(args, "SsfLatencyBench");
        if (options.isPresent()) {
            new SsfLatencyBench(options.get().trials(), options.get().warmUp()).run();
        }
    }

    private void run() throws Exception {
        Path dataDir = Files.createTempDirectory("curfew-ssf-bench-");
        Map<String, String> flags = new HashMap<>();
        flags.put("http-host", "127.0.0.1");
        flags.put("http-port", "0");
        flags.put("data-dir", dataDir.toString());
        flags.put("admin-password", ADMIN_PASSWORD);
        // The push receiver listens on 127.0.0.1, which Curfew sends to only when the operator allows it.
        flags.put("outbound-allow", "127.0.0.1/32");
        CurfewConfig config = ConfigLoader.load(flags, Map.of());
        // Argon2id at light parameters, as the server tests use: logins are set-up here, not what is measured.
        try (PushReceiver pushed = PushReceiver.start();
                CurfewServer server = CurfewServer.start(
                        config,
                        Clock.systemUTC(),
                        new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1)))) {
            base = "http://127.0.0.1:" + server.port();
            SignInRealm realm = SignInRealm.create(server.services(), REALM, trials + warmUp);
            String basic = BenchHttp.basic(
                    "guard",
                    realm.confidentialClient(
                            "guard", c -> c.serviceAccounts(true).ssfReceiver(true)));

            String issuer = base + "/realms/" + REALM;
            String receiverToken = clientCredentials(basic);
            http.postJson(issuer + "/ssf/streams", receiverToken, pushed.streamRequest(), 201);
            String pollStream = JSON.readTree(
                            http.postJson(issuer + "/ssf/streams", receiverToken, PollReceiver.STREAM_REQUEST, 201))
                    .get("stream_id")
                    .asText();
            try (PollReceiver polled = PollReceiver.start(
                    http, issuer + "/ssf/streams/" + pollStream + "/poll", () -> clientCredentials(basic))) {
                measure(realm, pushed, polled);
            }
        } finally {
            deleteTree(dataDir);
        }
    }

    private void measure(SignInRealm realm, PushReceiver pushed, PollReceiver polled) throws Exception {
        String admin = adminToken();
        List<double[]> results = new ArrayList<>();
        long benchStart = System.nanoTime();
        for (int i = 0; i < trials + warmUp; i++) {
            passwordLogin("user-" + i);
            String userId = realm.userId("user-" + i);
            if (i % 100 == 0) {
                admin = adminToken();
            }
            long sent = System.nanoTime();
            String answer = http.postJson(
                    base + "/admin/realms/" + REALM + "/sign-outs",
                    admin,
                    "{\"scope\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},\"reason\":\"ssf bench\"}",
                    201);
            long answered = System.nanoTime();
            String txn = JSON.readTree(answer).get("id").asText();
            long push = pushed.arrivals().await(txn);
            long poll = polled.arrivals().await(txn);
            if (i >= warmUp) {
                results.add(new double[] {
                    (push - answered) / 1e6,
                    (poll - answered) / 1e6,
                    (push - sent) / 1e6,
                    (poll - sent) / 1e6,
                    (answered - sent) / 1e6
                });
            }
        }
        System.out.printf(
                Locale.ROOT,
                "SSF delivery after a user sign-out: %d trials (+%d warm-up), %.1f s, H2 file database, localhost%n",
                results.size(),
                warmUp,
                (System.nanoTime() - benchStart) / 1e9);
        Percentiles.printRows(
                results,
                "push receiver has the SET, ms after the API answer",
                "long-poll receiver has the SET, ms after the API answer",
                "push receiver has the SET, ms after the request was sent",
                "long-poll receiver has the SET, ms after the request was sent",
                "sign-out API answer, ms");
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
                        base + "/realms/" + REALM + "/protocol/openid-connect/token",
                        "grant_type=client_credentials",
                        basic))
                .get("access_token")
                .asText();
    }

    private String adminToken() throws IOException, InterruptedException {
        return JSON.readTree(http.form(
                        base + "/realms/master/protocol/openid-connect/token",
                        "grant_type=password&client_id=admin-cli&username=admin&password="
                                + BenchHttp.enc(ADMIN_PASSWORD),
                        null))
                .get("access_token")
                .asText();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
