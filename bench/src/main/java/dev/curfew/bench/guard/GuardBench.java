package dev.curfew.bench.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curfew.bench.support.Percentiles;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.guard.CurfewGuard;
import dev.curfew.samples.guard.HelloApi;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Figure (a): how long after a sign-out's API answer a resource server guarded by curfew-guard refuses the
 * signed-out token. One JVM holds the real Curfew server (H2 file database in a temporary directory, removed at
 * the end; port 0 on 127.0.0.1), the sample
 * resource server (Jetty 12 with CurfewGuardFilter on /api/hello) and the guard's SSF feed.
 *
 * <p>Per trial: a fresh user gets an access token (password grant), the resource server answers it 200,
 * then the user (or the session) is signed out through {@code POST /admin/realms/{realm}/sign-outs}; from
 * the moment that answer has been read, {@code GET /api/hello} is called in a tight loop (at most 50,000
 * requests or 10 s) until it answers 401. The figure is the time from the answer to the first 401.
 *
 * <p>Usage: {@code GuardBench [--trials=200] [--warm-up=20] [--scopes=user,session]}; only localhost.
 */
public final class GuardBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "guard-bench-admin-password";
    private static final String USER_PASSWORD = "guard bench user password";
    private static final String REALM = "guardbench";
    private static final int MAX_REQUESTS_PER_TRIAL = 50_000;
    private static final long MAX_NANOS_PER_TRIAL = Duration.ofSeconds(10).toNanos();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String base;
    private String adminToken;
    private String webBasic;
    private URI hello;
    private int users;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help")) {
                System.out.println("GuardBench [--trials=200] [--warm-up=20] [--scopes=user,session]");
                return;
            }
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (!List.of("trials", "warm-up", "scopes").contains(kv[0]) || kv.length < 2) {
                throw new IllegalArgumentException("unknown option " + arg + "; see --help");
            }
            options.put(kv[0], kv[1]);
        }
        int trials = Integer.parseInt(options.getOrDefault("trials", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warm-up", "20"));
        List<String> scopes =
                Arrays.asList(options.getOrDefault("scopes", "user,session").split(","));
        if (trials < 1 || trials > 100_000 || warmup < 0 || warmup > 10_000) {
            throw new IllegalArgumentException("--trials must be 1..100000 and --warm-up 0..10000");
        }
        new GuardBench().run(trials, warmup, scopes);
    }

    private void run(int trials, int warmup, List<String> scopes) throws Exception {
        Path dataDir = Files.createTempDirectory("curfew-guard-bench-");
        Map<String, String> flags = new HashMap<>();
        flags.put("http-host", "127.0.0.1");
        flags.put("http-port", "0");
        flags.put("data-dir", dataDir.toString());
        flags.put("admin-password", ADMIN_PASSWORD);
        CurfewConfig config = ConfigLoader.load(flags, Map.of());
        // Argon2id at light parameters, as the server tests use: a login per trial, and the figure is not about it.
        try (CurfewServer server = CurfewServer.start(
                config,
                Clock.systemUTC(),
                new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1)))) {
            base = "http://127.0.0.1:" + server.port();
            adminToken = adminToken();
            String receiverSecret = setUpRealm();
            try (CurfewGuard guard = CurfewGuard.builder()
                    .issuer(base + "/realms/" + REALM)
                    .audience("web")
                    .receiver("hello-api", receiverSecret)
                    .build()) {
                if (!guard.start()) {
                    throw new IllegalStateException("the guard did not sync: " + guard.health());
                }
                try (HelloApi api = HelloApi.start(guard, "127.0.0.1", 0)) {
                    hello = URI.create("http://127.0.0.1:" + api.port() + "/api/hello");
                    System.out.printf(
                            Locale.ROOT,
                            "guard bench: Curfew %s, resource server %s, JDK %s, %d cores, load %s%n",
                            base,
                            hello,
                            Runtime.version(),
                            Runtime.getRuntime().availableProcessors(),
                            loadAverage());
                    for (String scope : scopes) {
                        measure(scope, warmup);
                        report(scope, measure(scope, trials));
                    }
                    checkCost(guard);
                    System.out.println(
                            "guard health at the end: " + guard.health().state());
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One trial's result. */
    record Trial(double signOutMillis, double refusedAfterMillis, int requests) {}

    private List<Trial> measure(String scope, int count) throws Exception {
        List<Trial> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = newUser();
            JsonNode tokens = passwordGrant(username);
            String bearer = "Bearer " + tokens.get("access_token").asText();
            int status = helloStatus(bearer);
            if (status != 200) {
                throw new IllegalStateException("a fresh token was answered " + status);
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder()
                    .decode(tokens.get("access_token").asText().split("\\.")[1]));
            String scopeJson = switch (scope) {
                case "user" ->
                    "{\"type\":\"user\",\"userId\":\"" + claims.get("sub").asText() + "\"}";
                case "session" ->
                    "{\"type\":\"session\",\"sessionIds\":[\""
                            + claims.get("sid").asText() + "\"]}";
                default -> throw new IllegalArgumentException("unknown scope " + scope);
            };
            long sent = System.nanoTime();
            post(
                    "/admin/realms/" + REALM + "/sign-outs",
                    "{\"scope\":" + scopeJson + ",\"reason\":\"guard benchmark\"}",
                    201);
            long answered = System.nanoTime();
            int requests = 0;
            long refused = -1;
            while (requests < MAX_REQUESTS_PER_TRIAL && System.nanoTime() - answered < MAX_NANOS_PER_TRIAL) {
                requests++;
                if (helloStatus(bearer) == 401) {
                    refused = System.nanoTime();
                    break;
                }
            }
            if (refused < 0) {
                throw new IllegalStateException("no 401 within " + requests + " requests / 10 s (" + scope + ")");
            }
            results.add(new Trial((answered - sent) / 1e6, (refused - answered) / 1e6, requests));
        }
        return results;
    }

    /**
     * The cost of one {@code check} of a valid token on this thread, the revocation state holding the trials'
     * sign-outs: time and bytes allocated per call (the check runs on every request).
     */
    private void checkCost(CurfewGuard guard) throws Exception {
        String token = passwordGrant(newUser()).get("access_token").asText();
        checkCost(guard, token, "seen before (cached)", 50_000, 100_000);
        // The first check of each token parses it and verifies its signature: a validating guard without cache.
        try (CurfewGuard uncached = CurfewGuard.builder()
                .issuer(guard.issuer())
                .audience("web")
                .tokenCacheSize(0)
                .build()) {
            uncached.start();
            checkCost(uncached, token, "first check (parse + RS256 verify)", 5_000, 20_000);
        }
    }

    private static void checkCost(CurfewGuard guard, String token, String what, int warmUp, int calls) {
        if (!guard.check(token).allowed()) {
            throw new IllegalStateException("a fresh token was refused: " + guard.check(token));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        int allowed = 0;
        for (int i = 0; i < warmUp; i++) {
            allowed += guard.check(token).allowed() ? 1 : 0;
        }
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            allowed += guard.check(token).allowed() ? 1 : 0;
        }
        long nanos = System.nanoTime() - start;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
        System.out.printf(
                Locale.ROOT,
                "check of a valid token, %s (one thread, %,d calls after %,d warm-up): %.2f µs per check"
                        + " (%,.0f/s), %,d bytes allocated per check; %d revocations held%n",
                what,
                calls,
                warmUp,
                nanos / 1e3 / calls,
                calls / (nanos / 1e9),
                bytes / calls,
                guard.health().revocations());
        if (allowed != warmUp + calls) {
            throw new IllegalStateException("some checks refused the token");
        }
    }

    private static void report(String scope, List<Trial> trials) {
        double[] refused =
                trials.stream().mapToDouble(Trial::refusedAfterMillis).sorted().toArray();
        double[] api =
                trials.stream().mapToDouble(Trial::signOutMillis).sorted().toArray();
        int[] requests = trials.stream().mapToInt(Trial::requests).sorted().toArray();
        long firstRequest = trials.stream().filter(t -> t.requests() == 1).count();
        System.out.printf(
                Locale.ROOT,
                "%-7s n=%d  answer→first 401 ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f | requests until 401:"
                        + " median %d, max %d; already 401 at the first request: %d | sign-out API ms: p50 %.2f p99 %.2f%n",
                scope,
                refused.length,
                Percentiles.nearestRank(refused, 50),
                Percentiles.nearestRank(refused, 90),
                Percentiles.nearestRank(refused, 99),
                refused[refused.length - 1],
                Arrays.stream(refused).average().orElse(0),
                requests[(requests.length - 1) / 2],
                requests[requests.length - 1],
                firstRequest,
                Percentiles.nearestRank(api, 50),
                Percentiles.nearestRank(api, 99));
    }

    private String setUpRealm() throws Exception {
        post("/admin/realms", "{\"realm\":\"" + REALM + "\"}", 201);
        JsonNode web = post(
                "/admin/realms/" + REALM + "/clients",
                "{\"clientId\":\"web\",\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}",
                201);
        webBasic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("web:" + web.get("secret").asText()).getBytes(StandardCharsets.UTF_8));
        JsonNode receiver = post(
                "/admin/realms/" + REALM + "/clients",
                "{\"clientId\":\"hello-api\",\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                        + "\"attributes\":{\"ssf.receiver\":\"true\"}}",
                201);
        return receiver.get("secret").asText();
    }

    private String newUser() throws Exception {
        String username = "user-" + (++users);
        post(
                "/admin/realms/" + REALM + "/users",
                "{\"username\":\"" + username + "\",\"credentials\":[{\"type\":\"password\",\"value\":\""
                        + USER_PASSWORD + "\",\"temporary\":false}]}",
                201);
        return username;
    }

    private JsonNode passwordGrant(String username) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/realms/" + REALM + "/protocol/openid-connect/token"))
                        .header("Authorization", webBasic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=openid&username="
                                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                                + URLEncoder.encode(USER_PASSWORD, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=password&client_id=admin-cli&username=admin&password="
                                        + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin login: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private JsonNode post(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private int helloStatus(String bearer) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(hello)
                                .header("Authorization", bearer)
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
