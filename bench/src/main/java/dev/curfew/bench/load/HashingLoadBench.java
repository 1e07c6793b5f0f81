package dev.curfew.bench.load;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrong passwords cost everyone else: the latency of client-credentials grants (which hash nothing) on their
 * own, and while {@code attackers} virtual threads post wrong passwords to the login form as fast as the server
 * answers; then browser-login throughput. Talks only to localhost; every phase is bounded in time and count.
 *
 * <p>Usage: {@code HashingLoadBench <baseUrl> <realm> <clientId> <secret> <redirectUri> <adminPassword>
 * <user:password>...} with system properties {@code seconds} (per phase, default 15), {@code attackers} (default
 * 200), {@code loginSeconds} (default 10), {@code loginConcurrency} (default 8) and {@code toggle} ({@code true}
 * when the server has the realm field {@code bruteForceProtected}: the attack runs with the realm's protection off
 * — every attempt then reaches the password hash — and on, and login throughput is measured on, off, on, off),
 * {@code serverPid} (the server's process: each login phase then also reports the server's CPU time per login,
 * which, unlike the rate, does not depend on what else the machine runs).
 */
public final class HashingLoadBench {
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final String CSRF_COOKIE = "CURFEW_LOGIN_CSRF";
    private static final int MAX_SAMPLES = 20_000;
    private static final long MAX_ATTACK_REQUESTS = 200_000;

    private final String base;
    private final String realm;
    private final String clientId;
    private final String secret;
    private final String redirectUri;
    private final String adminPassword;
    private final List<String[]> users = new ArrayList<>();
    private final int seconds = Integer.getInteger("seconds", 15);
    private final int attackers = Integer.getInteger("attackers", 200);
    private final int loginSeconds = Integer.getInteger("loginSeconds", 10);
    private final int loginConcurrency = Integer.getInteger("loginConcurrency", 8);
    private final boolean toggle = Boolean.getBoolean("toggle");
    private final Optional<ProcessHandle> server =
            Optional.ofNullable(Long.getLong("serverPid")).flatMap(ProcessHandle::of);
    private final HttpClient measuring =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HashingLoadBench(String[] args) {
        base = args[0];
        realm = args[1];
        clientId = args[2];
        secret = args[3];
        redirectUri = args[4];
        adminPassword = args[5];
        for (int i = 6; i < args.length; i++) {
            users.add(args[i].split(":", 2));
        }
        String host = URI.create(base).getHost();
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            throw new IllegalArgumentException("this benchmark only targets localhost");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: HashingLoadBench <baseUrl> <realm> <clientId> <secret> <redirectUri>"
                    + " <adminPassword> <user:password>...");
            System.exit(2);
        }
        new HashingLoadBench(args).run();
    }

    private void run() throws Exception {
        System.out.printf(
                "cores=%d attackers=%d seconds-per-phase=%d%n",
                Runtime.getRuntime().availableProcessors(), attackers, seconds);
        for (int i = 0; i < 200; i++) {
            if (clientCredentials() != 200) {
                throw new IllegalStateException("client_credentials fails even without an attack");
            }
        }
        report(
                "client_credentials alone",
                clientCredentialsFor(Duration.ofSeconds(seconds)).nanos(),
                Map.of());
        if (toggle) {
            setProtection(false);
            attackPhase("client_credentials during the attack, realm protection off");
            setProtection(true);
            attackPhase("client_credentials during the attack, realm protection on");
            for (boolean on : new boolean[] {true, false, true, false}) {
                setProtection(on);
                logins("browser logins, protection " + (on ? "on " : "off"));
            }
            setProtection(true);
        } else {
            attackPhase("client_credentials during the attack");
            logins("browser logins");
        }
    }

    /** Client-credentials latencies, one request at a time, while the attackers post wrong passwords. */
    private void attackPhase(String name) throws Exception {
        Map<String, String> form = loginFormFields();
        String action = form.remove("__action");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        HttpClient attackClient = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        CountDownLatch done = new CountDownLatch(attackers);
        Samples samples;
        long attackStart = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int a = 0; a < attackers; a++) {
                    int attacker = a;
                    executor.submit(() -> {
                        try {
                            long n = 0;
                            while (!stop.get() && sent.incrementAndGet() <= MAX_ATTACK_REQUESTS) {
                                int status = wrongPassword(attackClient, action, form, attacker, n++);
                                statuses.computeIfAbsent(status, s -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                }
                // Let every attacker have its first request in flight before measuring.
                Thread.sleep(1000);
                samples = clientCredentialsFor(Duration.ofSeconds(seconds));
            } finally {
                // Whatever happened to the measurement, the attack ends with it.
                stop.set(true);
            }
            done.await();
        }
        double attackSeconds = (System.nanoTime() - attackStart) / 1e9;
        Map<String, String> extra = new LinkedHashMap<>();
        long total = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        extra.put("wrong-password answers", String.format("%.0f/s", total / attackSeconds));
        new TreeMap<>(statuses).forEach((status, count) -> extra.put("HTTP " + status, Long.toString(count.get())));
        samples.errors().forEach((status, count) -> extra.put("client_credentials HTTP " + status, count.toString()));
        report(name, samples.nanos(), extra);
    }

    /** One wrong password; the HTTP status, or -1 when the request failed. */
    private int wrongPassword(HttpClient client, String action, Map<String, String> form, int attacker, long n) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("csrf", "bench-csrf-" + attacker);
        fields.put("username", users.get(0)[0]);
        fields.put("password", "wrong-password-" + attacker + "-" + n);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", CSRF_COOKIE + "=bench-csrf-" + attacker)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields)))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Latencies of client-credentials grants, successful or not, and the statuses of those that failed. */
    private record Samples(long[] nanos, Map<Integer, Long> errors) {}

    private Samples clientCredentialsFor(Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        long[] samples = new long[MAX_SAMPLES];
        Map<Integer, Long> errors = new TreeMap<>();
        int n = 0;
        while (System.nanoTime() < deadline && n < MAX_SAMPLES) {
            long start = System.nanoTime();
            int status = clientCredentials();
            samples[n++] = System.nanoTime() - start;
            if (status != 200) {
                errors.merge(status, 1L, Long::sum);
            }
        }
        return new Samples(Arrays.copyOf(samples, n), errors);
    }

    /** One grant; its HTTP status, or -1 when no answer came (a minute passed, or the server closed the connection). */
    private int clientCredentials() throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
        try {
            return measuring
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Authorization", "Basic " + basic)
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void report(String name, long[] nanos, Map<String, String> extra) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        StringBuilder line = new StringBuilder(String.format(
                "%-58s n=%5d  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
                name,
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
        extra.forEach((k, v) -> line.append("  ").append(k).append(' ').append(v));
        System.out.println(line);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** Successful browser logins per second from {@code loginConcurrency} virtual threads. */
    private void logins(String name) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long cpuBefore = serverCpuNanos();
        long deadline = System.nanoTime() + Duration.ofSeconds(loginSeconds).toNanos();
        long start = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(loginConcurrency);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < loginConcurrency; w++) {
                int worker = w;
                executor.submit(() -> {
                    try {
                        long i = worker;
                        while (System.nanoTime() < deadline && ok.get() + failed.get() < 100_000) {
                            try {
                                login(users.get((int) (i % users.size())));
                                ok.incrementAndGet();
                            } catch (Exception e) {
                                if (failed.incrementAndGet() == 1) {
                                    System.err.println("  first failure in " + name + ": " + e.getMessage());
                                }
                            }
                            i += loginConcurrency;
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            finished.await();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String cpu = server.isPresent() && ok.get() > 0
                ? String.format("  server CPU %.1f ms per login", (serverCpuNanos() - cpuBefore) / 1e6 / ok.get())
                : "";
        System.out.printf(
                "%-58s %7.1f /s  (%d ok, %d failed, %.1f s)%s%n",
                name, ok.get() / elapsed, ok.get(), failed.get(), elapsed, cpu);
    }

    /** The server process's CPU time so far (user and system, in clock ticks of 10 ms); 0 when unknown. */
    private long serverCpuNanos() {
        return server.flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** The login page's hidden fields and, under {@code __action}, where the form posts. */
    private Map<String, String> loginFormFields() throws Exception {
        HttpResponse<String> page = measuring.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl())).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        Matcher action = ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form: " + page.statusCode());
        }
        form.put("__action", action.group(1));
        return form;
    }

    private String authorizationUrl() {
        return base + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
                + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&state=s";
    }

    /** A full browser login: the real login form with its cookie, then the code from the redirect. */
    private void login(String[] user) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(authorizationUrl())).build(), HttpResponse.BodyHandlers.ofString());
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
        HttpResponse<String> response = browser.send(
                HttpRequest.newBuilder(URI.create(base + action.group(1)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("login failed: " + response.statusCode()));
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                return;
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    /** Turns the realm's brute-force protection on or off through the admin API. */
    private void setProtection(boolean on) throws Exception {
        HttpResponse<String> token = measuring.send(
                HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=password&client_id=admin-cli&username=admin&password="
                                        + enc(adminPassword)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
        if (!m.find()) {
            throw new IllegalStateException("no admin token: " + token.statusCode() + " " + token.body());
        }
        HttpResponse<String> put = measuring.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + m.group(1))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"bruteForceProtected\":" + on + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 204) {
            throw new IllegalStateException("realm update answered " + put.statusCode() + ": " + put.body());
        }
        // Forget the attack's failures, so a locked account or address does not spill into the next phase.
        measuring.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/admin/realms/" + realm + "/attack-detection/brute-force/users"))
                        .header("Authorization", "Bearer " + m.group(1))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(enc(k))
                .append('=')
                .append(enc(v)));
        return body.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
