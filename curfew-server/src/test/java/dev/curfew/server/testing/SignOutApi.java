package dev.curfew.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * The session-control part of the admin API (sign-outs, session search, audit), called as the bootstrap
 * administrator or as a master-realm administrator holding exactly the privileges a test gives them.
 */
public final class SignOutApi {
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestCurfew curfew;
    private final String adminToken;

    public SignOutApi(TestCurfew curfew) {
        this.curfew = curfew;
        this.adminToken = curfew.adminToken();
    }

    public String adminToken() {
        return adminToken;
    }

    /** A master-realm administrator created for a test. */
    public record Admin(String id, String username, String token) {}

    /** A new master-realm administrator holding exactly {@code grants} ("PRIVILEGE@realm"), logged in. */
    public Admin newAdmin(String... grants) {
        String username = "admin-" + COUNTER.incrementAndGet();
        HttpResponse<String> created = curfew.postJson(
                "/admin/realms/master/users",
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", ADMIN_PASSWORD, "temporary", false))),
                TestCurfew.bearer(adminToken));
        String id = TestCurfew.json(expect(created, 201)).get("id").asText();
        List<Map<String, String>> body = new ArrayList<>();
        for (String grant : grants) {
            String[] parts = grant.split("@", 2);
            body.add(Map.of("privilege", parts[0], "realm", parts[1]));
        }
        expect(grantPrivileges(id, body, adminToken, "onboarding"), 200);
        String token = curfew.passwordToken("master", "admin-cli", username, ADMIN_PASSWORD)
                .get("access_token")
                .asText();
        return new Admin(id, username, token);
    }

    public HttpResponse<String> grantPrivileges(String userId, Object grants, String token, String reason) {
        return curfew.putJson(
                "/admin/realms/master/users/" + userId + "/privileges?reason=" + reason,
                grants,
                TestCurfew.bearer(token));
    }

    public String tokenWith(String... grants) {
        return newAdmin(grants).token();
    }

    /** {@code {"scope": scope, "reason": reason}} plus {@code extra} fields. */
    public static Map<String, Object> body(Map<String, Object> scope, String reason, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        body.put("reason", reason);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    public HttpResponse<String> post(String realm, Object body, String... headers) {
        return postAs(token(adminToken), realm, body, headers);
    }

    /** A bearer token to call with, so it is never taken for a header name. */
    public record Token(String value) {}

    public static Token token(String value) {
        return new Token(value);
    }

    public HttpResponse<String> postAs(Token token, String realm, Object body, String... headers) {
        String[] all = concat(TestCurfew.bearer(token.value()), headers);
        return curfew.postJson("/admin/realms/" + realm + "/sign-outs", body, all);
    }

    /** Signs out as the bootstrap administrator and answers the 201 representation. */
    public JsonNode signOut(String realm, Map<String, Object> scope, String reason) {
        return TestCurfew.json(expect(post(realm, body(scope, reason)), 201));
    }

    /** Waits (only) for the background clean-up of a realm, client or user sign-out to reach COMPLETED. */
    public JsonNode awaitCompleted(String realm, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get("/admin/realms/" + realm + "/sign-outs/" + id)
                        .get("status")
                        .asText()
                        .equals("COMPLETED"));
        return get("/admin/realms/" + realm + "/sign-outs/" + id);
    }

    /** A GET as the bootstrap administrator that must answer 200. */
    public JsonNode get(String path) {
        return TestCurfew.json(expect(curfew.get(path, TestCurfew.bearer(adminToken)), 200));
    }

    public JsonNode history(String realm) {
        return get("/admin/realms/" + realm + "/sign-outs");
    }

    public JsonNode audit(String realm) {
        return get("/admin/realms/" + realm + "/audit");
    }

    public JsonNode sessions(String realm, String query) {
        return get("/admin/realms/" + realm + "/sessions" + (query.isEmpty() ? "" : "?" + query));
    }

    public static Map<String, Object> sessionScope(String... sids) {
        return Map.of("type", "session", "sessionIds", List.of(sids));
    }

    public static Map<String, Object> userScope(String userId) {
        return Map.of("type", "user", "userId", userId);
    }

    public static Map<String, Object> clientScope(String clientId) {
        return Map.of("type", "client", "clientId", clientId);
    }

    public static Map<String, Object> realmScope() {
        return Map.of("type", "realm");
    }

    public static Map<String, Object> filterScope(Map<String, Object> filter) {
        return Map.of("type", "filter", "filter", filter);
    }

    public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("status of %s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return response;
    }

    /** Asserts an RFC 9457 problem of that status and returns its body. */
    public static JsonNode problem(HttpResponse<String> response, int status) {
        expect(response, status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = TestCurfew.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    /** The names in a 400 problem's {@code invalid-params}. */
    public static List<String> invalidFields(HttpResponse<String> response) {
        JsonNode body = problem(response, 400);
        List<String> names = new ArrayList<>();
        body.path("invalid-params").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
