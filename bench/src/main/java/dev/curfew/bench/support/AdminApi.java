package dev.curfew.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The admin API of the server under test, on localhost only, with a fresh administrator token when needed. */
public final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Master access tokens live 5 minutes; a new one is fetched well before. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);

    private final String base;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    public AdminApi(int port, String username, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.username = username;
        this.password = password;
    }

    /** The answer to one sign-out request and how long it took, from sending to the last byte read. */
    public record Timed(JsonNode body, double millis) {}

    /** {@code POST /admin/realms/{realm}/sign-outs}; fails unless 201. */
    public Timed signOut(String realm, String scopeJson, Duration timeout) throws IOException, InterruptedException {
        String auth = "Bearer " + token();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/sign-outs"))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"scope\":" + scopeJson + ",\"reason\":\"signout benchmark\"}"))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "sign-out " + scopeJson + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Timed(JSON.readTree(response.body()), millis);
    }

    /** {@code PUT /admin/realms/{realm}/clients/{id}} with these changes; fails unless 2xx. */
    public void updateClient(String realm, String id, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/clients/" + id))
                        .header("Authorization", "Bearer " + token())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("client update answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code GET /admin/realms/{realm}/sign-outs/{id}}. */
    public JsonNode signOutStatus(String realm, String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + "/sign-outs/" + id))
                        .header("Authorization", "Bearer " + token())
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "sign-out status answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls until the sign-out is COMPLETED or {@code timeout} has passed; returns its last state. */
    public JsonNode awaitCompleted(String realm, String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode state = signOutStatus(realm, id);
            if ("COMPLETED".equals(state.path("status").asText()) || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(25);
        }
    }

    private String token() throws IOException, InterruptedException {
        if (token == null || Instant.now().isAfter(tokenAt.plus(TOKEN_REUSE))) {
            String form =
                    "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin login failed: " + response.statusCode() + " " + response.body());
            }
            token = JSON.readTree(response.body()).path("access_token").asText();
            tokenAt = Instant.now();
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
