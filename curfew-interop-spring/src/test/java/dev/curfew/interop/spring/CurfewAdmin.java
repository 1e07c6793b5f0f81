package dev.curfew.interop.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curfew's admin API over plain HTTP, as an operator's script would use it: a master-realm token from the
 * password grant of {@code admin-cli} (renewed before it expires), then JSON calls. Every answer other than
 * the expected status fails with the problem Curfew sent.
 */
public final class CurfewAdmin implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String password;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public CurfewAdmin(URI base, String adminPassword) {
        this.base = base;
        this.password = adminPassword;
    }

    /** Creates a client from its representation (Keycloak's {@code ClientRepresentation} fields). */
    public void createClient(String realm, Map<String, Object> client) {
        send("POST", "/admin/realms/" + realm + "/clients", client, 201);
    }

    /** Creates a confidential client with a chosen secret, its redirect URI and back-channel logout URI. */
    public void createClient(
            String realm, String clientId, String secret, String redirectUri, String backChannelLogoutUri) {
        createClient(
                realm,
                Map.of(
                        "clientId",
                        clientId,
                        "secret",
                        secret,
                        "redirectUris",
                        List.of(redirectUri),
                        "attributes",
                        Map.of(
                                "backchannel.logout.url",
                                backChannelLogoutUri,
                                "backchannel.logout.session.required",
                                "true")));
    }

    /** The id ({@code sub}) of the user with this username. */
    public String userId(String realm, String username) {
        JsonNode users = send(
                "GET",
                "/admin/realms/" + realm + "/users?username=" + URLEncoder.encode(username, StandardCharsets.UTF_8),
                null,
                200);
        if (users.size() != 1) {
            throw new AssertionError("expected one user " + username + " in " + realm + ", got " + users);
        }
        return users.get(0).path("id").asString();
    }

    /** {@code POST /admin/realms/{realm}/sign-outs} for every session of a user; the sign-out as answered. */
    public JsonNode signOutUser(String realm, String userId, String reason) {
        return signOut(realm, Map.of("type", "user", "userId", userId), reason);
    }

    /** {@code POST /admin/realms/{realm}/sign-outs} for one session ({@code sid}). */
    public JsonNode signOutSession(String realm, String sid, String reason) {
        return signOut(realm, Map.of("type", "session", "sessionIds", List.of(sid)), reason);
    }

    private JsonNode signOut(String realm, Map<String, Object> scope, String reason) {
        return send("POST", "/admin/realms/" + realm + "/sign-outs", Map.of("scope", scope, "reason", reason), 201);
    }

    /** The back-channel deliveries a sign-out queued, per receiver. */
    public JsonNode deliveries(String realm, String signOutId) {
        return send("GET", "/admin/realms/" + realm + "/sign-outs/" + signOutId + "/deliveries", null, 200);
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = call(request.build());
        if (response.statusCode() != expected) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private synchronized String token() {
        if (Instant.now().isBefore(renewAt)) {
            return token;
        }
        HttpResponse<String> response =
                call(HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "admin-cli",
                                "username",
                                "admin",
                                "password",
                                password))))
                        .build());
        if (response.statusCode() != 200) {
            throw new AssertionError("admin token: " + response.statusCode() + " " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        token = answer.path("access_token").asString();
        // Renew a minute before it expires (the master realm gives 5 minutes by default).
        renewAt =
                Instant.now().plusSeconds(Math.max(10, answer.path("expires_in").asLong(300) - 60));
        return token;
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        http.close();
    }
}
