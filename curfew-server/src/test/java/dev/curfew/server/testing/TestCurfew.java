package dev.curfew.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.password.PasswordHasher;
import dev.curfew.engine.json.Json;
import dev.curfew.engine.password.Argon2idPasswordHasher;
import dev.curfew.server.CurfewServer;
import dev.curfew.server.Services;
import dev.curfew.server.config.ConfigLoader;
import dev.curfew.server.config.CurfewConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real Curfew for tests: the real server on a free port, with an in-memory H2 database, a
 * {@link MutableClock}, and Argon2id at light parameters so logins are fast (the algorithm and code path
 * are the production ones). Start one per test class.
 */
public final class TestCurfew implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final CurfewServer server;
    private final MutableClock clock;
    private final String dbUrl;
    private final String host;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestCurfew(CurfewServer server, MutableClock clock, String dbUrl, String httpHost) {
        this.server = server;
        this.clock = clock;
        this.dbUrl = dbUrl;
        // On IPv4 loopback the tests keep using the name localhost; an IPv6 literal goes in brackets (RFC 3986).
        this.host =
                httpHost.equals("127.0.0.1") ? "localhost" : httpHost.contains(":") ? "[" + httpHost + "]" : httpHost;
    }

    public static TestCurfew start() {
        return start(Map.of());
    }

    /**
     * {@code config} plus {@code outbound-allow=127.0.0.1/32}, for tests whose receivers ({@link Receiver}, a
     * Spring relying party...) listen on 127.0.0.1: the outbound policy refuses loopback destinations unless the
     * operator allows them.
     */
    public static Map<String, String> withLoopbackReceivers(Map<String, String> config) {
        Map<String, String> withAllowList = new HashMap<>(config);
        withAllowList.put("outbound-allow", "127.0.0.1/32");
        return withAllowList;
    }

    /** @param overrides configuration keys (as in {@link ConfigLoader#KEYS}) to set */
    public static TestCurfew start(Map<String, String> overrides) {
        return start(overrides, new MutableClock());
    }

    /**
     * @param clock the clock to run on: pass the previous server's clock to restart on the same database
     *     without time going backwards
     */
    public static TestCurfew start(Map<String, String> overrides, MutableClock clock) {
        return start(overrides, clock, lightHasher());
    }

    /** Argon2id at light parameters: the production algorithm and code, fast enough for tests. */
    public static PasswordHasher lightHasher() {
        return new Argon2idPasswordHasher(new Argon2idPasswordHasher.Parameters(64, 1, 1));
    }

    /** @param hasher the password hasher the server's hashing pool runs (say, one a test can hold back) */
    public static TestCurfew start(Map<String, String> overrides, MutableClock clock, PasswordHasher hasher) {
        Map<String, String> flags = new HashMap<>();
        flags.put("http-host", "127.0.0.1");
        flags.put("http-port", "0");
        flags.put("db-url", "jdbc:h2:mem:curfew-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        flags.put("admin-password", ADMIN_PASSWORD);
        flags.putAll(overrides);
        CurfewConfig config = ConfigLoader.load(flags, Map.of());
        CurfewServer server = CurfewServer.start(config, clock, hasher);
        return new TestCurfew(server, clock, config.databaseUrl(), config.httpHost());
    }

    public MutableClock clock() {
        return clock;
    }

    /**
     * The JDBC URL of this server's database, for tests that must reach under the API (say, to tamper with
     * the audit log, which has no update API by design). The in-memory database lives as long as the server.
     */
    public String dbUrl() {
        return dbUrl;
    }

    public Services services() {
        return server.services();
    }

    public CurfewServer server() {
        return server;
    }

    /** {@code http://localhost:<port>}, or {@code http://[::1]:<port>} for a server bound on {@code ::1} */
    public String baseUrl() {
        return "http://" + host + ":" + server.port();
    }

    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public HttpClient http() {
        return http;
    }

    /** A fresh browser-like client with its own cookie jar; it does not follow redirects. */
    public Browser browser() {
        return new Browser(this, Map.of());
    }

    /** A fresh browser that sends these headers (say {@code User-Agent}) with every request. */
    public Browser browser(Map<String, String> headers) {
        return new Browser(this, headers);
    }

    /** A master-realm access token of the bootstrap administrator (SYSTEM_ADMINISTRATOR for all realms). */
    public String adminToken() {
        return passwordToken("master", "admin-cli", ADMIN_USER, ADMIN_PASSWORD)
                .get("access_token")
                .asText();
    }

    /** The token response of a password grant with a public client. */
    public JsonNode passwordToken(String realm, String clientId, String username, String password) {
        HttpResponse<String> response = postForm(
                "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form))),
                headers);
    }

    public HttpResponse<String> postJson(String path, Object body, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(toJson(body))),
                headers);
    }

    public HttpResponse<String> putJson(String path, Object body, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))),
                headers);
    }

    /** {@code "Authorization", "Bearer <token>"} for the header varargs. */
    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl() + pathOrUrl);
    }

    HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        return send(http, builder, headers);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder builder, String... headers) {
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return client.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
