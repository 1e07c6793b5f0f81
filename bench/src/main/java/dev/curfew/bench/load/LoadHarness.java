package dev.curfew.bench.load;

import dev.curfew.engine.password.Argon2idPasswordHasher;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running Curfew over HTTP on localhost and reports throughput per operation: browser logins
 * (Argon2id-bound) against the hash-bound limit measured in the same run, refresh grants, client
 * credentials grants and introspections. Every scenario is bounded in time and in operation count.
 *
 * <p>Usage: {@code LoadHarness <baseUrl> <realm> <clientId> <secret> <redirectUri> <user:password>...}
 * with system properties {@code seconds} (per scenario, default 10), {@code concurrency} (default 8),
 * {@code maxOps} (per scenario, default 200000).
 */
public final class LoadHarness {
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    private final String base;
    private final String realm;
    private final String clientId;
    private final String secret;
    private final String redirectUri;
    private final List<String[]> users;
    private final int seconds = Integer.getInteger("seconds", 10);
    private final int concurrency = Integer.getInteger("concurrency", 8);
    private final long maxOps = Long.getLong("maxOps", 200_000);
    private final HttpClient shared =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private LoadHarness(String[] args) {
        base = args[0];
        realm = args[1];
        clientId = args[2];
        secret = args[3];
        redirectUri = args[4];
        users = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            users.add(args[i].split(":", 2));
        }
        if (!URI.create(base).getHost().equals("localhost")
                && !URI.create(base).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("the load harness only targets localhost");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println(
                    "usage: LoadHarness <baseUrl> <realm> <clientId> <secret> <redirectUri> <user:password>...");
            System.exit(2);
        }
        new LoadHarness(args).run();
    }

    private void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        double hashMs = singleHashMillis();
        double limit = cores * 1000.0 / hashMs;
        System.out.printf("cores=%d concurrency=%d seconds-per-scenario=%d%n", cores, concurrency, seconds);
        System.out.printf(
                "argon2id single verification (same run): %.1f ms -> hash-bound login limit %.1f/s%n", hashMs, limit);

        double logins = measure("password logins (browser form)", i -> login(users.get((int) (i % users.size()))));
        System.out.printf("  -> %.0f %% of the hash-bound limit%n", 100 * logins / limit);

        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            refreshTokens.add(exchange(login(users.get(i % users.size()))).get("refresh_token"));
        }
        String[] current = refreshTokens.toArray(String[]::new);
        measurePerWorker("refresh grants (rotating)", (worker, i) -> {
            current[worker] = tokenRequest("grant_type=refresh_token&refresh_token=" + enc(current[worker]))
                    .get("refresh_token");
        });
        measure("client_credentials grants", i -> tokenRequest("grant_type=client_credentials"));
        String accessToken = tokenRequest("grant_type=client_credentials").get("access_token");
        measure("introspections", i -> {
            var r = post(
                    "/realms/" + realm + "/protocol/openid-connect/token/introspect",
                    "token=" + enc(accessToken),
                    true);
            if (!r.body().contains("\"active\":true")) {
                throw new IllegalStateException("introspection said inactive: " + r.body());
            }
            return null;
        });
    }

    interface Op {
        Object run(long i) throws Exception;
    }

    interface WorkerOp {
        void run(int worker, long i) throws Exception;
    }

    private double measure(String name, Op op) throws Exception {
        return measurePerWorker(name, (w, i) -> op.run(i));
    }

    /** Runs {@code op} on {@code concurrency} virtual threads for {@code seconds} or {@code maxOps}, whichever ends first. */
    private double measurePerWorker(String name, WorkerOp op) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch finished = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                executor.submit(() -> {
                    try {
                        long i = worker;
                        while (System.nanoTime() < deadline && done.get() + failed.get() < maxOps) {
                            try {
                                op.run(worker, i);
                                done.incrementAndGet();
                            } catch (Exception e) {
                                if (failed.incrementAndGet() == 1) {
                                    System.err.println("  first failure in " + name + ": " + e.getMessage());
                                }
                            }
                            i += concurrency;
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            finished.await();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = done.get() / elapsed;
        System.out.printf(
                "%-34s %8.1f /s  (%d ok, %d failed, %.1f s)%n", name, rate, done.get(), failed.get(), elapsed);
        return rate;
    }

    private static double singleHashMillis() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher();
        String hash = hasher.hash("warm-up-password".toCharArray());
        for (int i = 0; i < 5; i++) {
            hasher.verify("warm-up-password".toCharArray(), hash);
        }
        int n = 20;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            hasher.verify("warm-up-password".toCharArray(), hash);
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    /** A full browser login: authorization request, the real login form, the code from the redirect. */
    private String login(String[] user) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        String auth =
                base + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
                        + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&state=s";
        HttpResponse<String> page =
                browser.send(HttpRequest.newBuilder(URI.create(auth)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        form.put("username", user[0]);
        form.put("password", user[1]);
        Matcher action = ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form: " + page.statusCode());
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(enc(k))
                .append('=')
                .append(enc(v)));
        HttpResponse<String> response = browser.send(
                HttpRequest.newBuilder(URI.create(base + action.group(1)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("login failed: " + response.statusCode()));
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    private Map<String, String> exchange(String code) throws Exception {
        return tokenRequest("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri));
    }

    private Map<String, String> tokenRequest(String form) throws Exception {
        HttpResponse<String> r = post("/realms/" + realm + "/protocol/openid-connect/token", form, true);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token endpoint " + r.statusCode() + ": " + r.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m =
                Pattern.compile("\"(access_token|refresh_token)\":\"([^\"]+)\"").matcher(r.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    private HttpResponse<String> post(String path, String form, boolean authenticate) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authenticate) {
            String basic = Base64.getEncoder()
                    .encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + basic);
        }
        return shared.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
