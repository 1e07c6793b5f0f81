package dev.curfew.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the admin API of a {@link TestCurfew} the way an operator would: as the bootstrap administrator,
 * or as a master-realm user given exactly the privileges a test needs (through the privileges endpoint).
 * Names are unique per call, so tests sharing one server stay independent.
 */
final class AdminApi {
    static final String PASSWORD = "correct horse battery staple";
    /** A public client with the password grant, created in realms that need logins. */
    static final String CLI = "test-cli";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestCurfew curfew;
    private final String adminToken;

    AdminApi(TestCurfew curfew) {
        this.curfew = curfew;
        this.adminToken = curfew.adminToken();
    }

    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    String adminToken() {
        return adminToken;
    }

    /** A new realm with a public {@value #CLI} client that may use the password grant. */
    String newRealm() {
        String name = unique("realm");
        expect(curfew.postJson("/admin/realms", Map.of("realm", name), TestCurfew.bearer(adminToken)), 201);
        createClient(name, Map.of("clientId", CLI, "publicClient", true, "directAccessGrantsEnabled", true));
        return name;
    }

    String createUser(String realm, String username) {
        var response = curfew.postJson(
                "/admin/realms/" + realm + "/users",
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))),
                TestCurfew.bearer(adminToken));
        return json(expect(response, 201)).get("id").asText();
    }

    /** @return the client's internal id */
    String createClient(String realm, Map<String, Object> rep) {
        var response = curfew.postJson("/admin/realms/" + realm + "/clients", rep, TestCurfew.bearer(adminToken));
        return json(expect(response, 201)).get("id").asText();
    }

    /** A master-realm administrator created for a test, with their access token. */
    record Admin(String id, String username, String token) {}

    /** A new master-realm administrator holding exactly {@code grants} ("PRIVILEGE@realm"), logged in. */
    Admin newAdmin(String... grants) {
        String username = unique("admin");
        String id = createUser("master", username);
        expect(
                curfew.putJson(
                        "/admin/realms/master/users/" + id + "/privileges",
                        grantsBody(grants),
                        TestCurfew.bearer(adminToken)),
                200);
        return new Admin(id, username, loginToken("master", "admin-cli", username));
    }

    /** The body of a privileges PUT for {@code grants} ("PRIVILEGE@realm"). */
    static List<Map<String, String>> grantsBody(String... grants) {
        List<Map<String, String>> body = new ArrayList<>();
        for (String grant : grants) {
            String[] parts = grant.split("@", 2);
            body.add(Map.of("privilege", parts[0], "realm", parts[1]));
        }
        return body;
    }

    /** The access token of a new master-realm administrator holding exactly {@code grants}. */
    String tokenWith(String... grants) {
        return newAdmin(grants).token();
    }

    /** The password-grant token response (scope {@code openid}) of a user created with {@link #createUser}. */
    JsonNode login(String realm, String clientId, String username) {
        var response = curfew.postForm(
                "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type", "password",
                        "client_id", clientId,
                        "username", username,
                        "password", PASSWORD,
                        "scope", "openid"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    String loginToken(String realm, String clientId, String username) {
        return login(realm, clientId, username).get("access_token").asText();
    }

    HttpResponse<String> get(String path) {
        return curfew.get(path, TestCurfew.bearer(adminToken));
    }

    HttpResponse<String> post(String path, Object body) {
        return curfew.postJson(path, body, TestCurfew.bearer(adminToken));
    }

    HttpResponse<String> put(String path, Object body) {
        return curfew.putJson(path, body, TestCurfew.bearer(adminToken));
    }

    HttpResponse<String> delete(String path) {
        return curfew.delete(path, TestCurfew.bearer(adminToken));
    }

    static JsonNode json(HttpResponse<String> response) {
        return TestCurfew.json(response);
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("status of %s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return response;
    }

    /** Asserts an RFC 9457 problem of that status and returns its body. */
    static JsonNode problem(HttpResponse<String> response, int status) {
        expect(response, status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    /** The names in a 400 problem's {@code invalid-params}. */
    static List<String> invalidFields(HttpResponse<String> response) {
        JsonNode body = problem(response, 400);
        List<String> names = new ArrayList<>();
        body.path("invalid-params").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }
}
