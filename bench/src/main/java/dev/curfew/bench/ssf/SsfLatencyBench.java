package dev.curfew.bench.ssf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.curfew.bench.support.BenchHttp;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.bench.support.SignInRealm;
import dev.curfew.bench.support.Trials;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
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
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** txn (sign-out id) → System.nanoTime() when the receiver had the SET. */
    private final Map<String, Long> pushed = new ConcurrentHashMap<>();

    private final Map<String, Long> polled = new ConcurrentHashMap<>();
    private volatile boolean polling = true;
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
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/push", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long at = System.nanoTime();
            record(pushed, new String(body, StandardCharsets.UTF_8), at);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> flags = new HashMap<>();
        flags.put("http-host", "127.0.0.1");
        flags.put("http-port", "0");
        flags.put("data-dir", dataDir.toString());
        flags.put("admin-password", ADMIN_PASSWORD);
        // The push receiver listens on 127.0.0.1, which Curfew sends to only when the operator allows it.
        flags.put("outbound-allow", "127.0.0.1/32");
        CurfewConfig config = ConfigLoader.load(flags, Map.of());
        Thread poller = null;
        // Argon2id at light parameters, as the server tests use: logins are set-up here, not what is measured.
        try (CurfewServer server = CurfewServer.start(
                config,
                Clock.systemUTC(),
                new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1)))) {
            base = "http://127.0.0.1:" + server.port();
            var services = server.services();
            SignInRealm realm = SignInRealm.create(services, REALM, trials + warmUp);
            String basic = BenchHttp.basic(
                    "guard",
                    realm.confidentialClient(
                            "guard", c -> c.serviceAccounts(true).ssfReceiver(true)));

            String issuer = base + "/realms/" + REALM;
            String receiverToken = clientCredentials(basic);
            String pushUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/push";
            post(
                    issuer + "/ssf/streams",
                    receiverToken,
                    "{\"delivery\":{\"method\":\"urn:ietf:rfc:8935\",\"endpoint_url\":\"" + pushUrl
                            + "\",\"authorization_header\":\"Bearer bench\"}}",
                    201);
            String pollStream = JSON.readTree(post(
                            issuer + "/ssf/streams",
                            receiverToken,
                            "{\"delivery\":{\"method\":\"urn:ietf:rfc:8936\"}}",
                            201))
                    .get("stream_id")
                    .asText();
            poller = Thread.ofVirtual().start(() -> pollLoop(issuer + "/ssf/streams/" + pollStream + "/poll", basic));

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
                String answer = post(
                        base + "/admin/realms/" + REALM + "/sign-outs",
                        admin,
                        "{\"scope\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},\"reason\":\"ssf bench\"}",
                        201);
                long answered = System.nanoTime();
                String txn = JSON.readTree(answer).get("id").asText();
                long push = await(pushed, txn);
                long poll = await(polled, txn);
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
            double seconds = (System.nanoTime() - benchStart) / 1e9;
            polling = false;
            poller.interrupt();
            poller.join(Duration.ofSeconds(5));
            report(results, seconds);
        } finally {
            polling = false;
            if (poller != null) {
                poller.interrupt();
            }
            receiver.stop(0);
            deleteTree(dataDir);
        }
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
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(pollUrl))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
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
                "SSF delivery after a user sign-out: %d trials (+%d warm-up), %.1f s, H2 file database, localhost%n",
                results.size(),
                warmUp,
                seconds);
        String[] names = {
            "push receiver has the SET, ms after the API answer",
            "long-poll receiver has the SET, ms after the API answer",
            "push receiver has the SET, ms after the request was sent",
            "long-poll receiver has the SET, ms after the request was sent",
            "sign-out API answer, ms"
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
        form(
                base + "/realms/" + REALM + "/protocol/openid-connect/token",
                "grant_type=password&client_id=app&username=" + enc(username) + "&password="
                        + enc(SignInRealm.USER_PASSWORD),
                null);
    }

    private String clientCredentials(String basic) throws IOException, InterruptedException {
        return JSON.readTree(form(
                        base + "/realms/" + REALM + "/protocol/openid-connect/token",
                        "grant_type=client_credentials",
                        basic))
                .get("access_token")
                .asText();
    }

    private String adminToken() throws IOException, InterruptedException {
        return JSON.readTree(form(
                        base + "/realms/master/protocol/openid-connect/token",
                        "grant_type=password&client_id=admin-cli&username=admin&password=" + enc(ADMIN_PASSWORD),
                        null))
                .get("access_token")
                .asText();
    }

    private String form(String url, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String post(String url, String bearer, String json, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
