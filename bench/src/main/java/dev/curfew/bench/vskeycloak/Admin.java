package dev.curfew.bench.vskeycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The Keycloak-shaped admin API both servers offer: the same paths and JSON for realms, clients, users, session
 * counts and Keycloak's sign-out endpoints ({@code logout-all}, a user's {@code logout}). The administrator signs in
 * with the master realm's {@code admin-cli}, as with Keycloak's CLI.
 */
final class Admin {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Keycloak's master access tokens live one minute, Curfew's five: a new one well before either ends. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(30);
    /** Sign-outs are what is measured: their answer is awaited, however long it takes, up to this. */
    private static final Duration SIGN_OUT_TIMEOUT = Duration.ofMinutes(10);

    private final Http http;
    private final String username;
    private final String password;
    private String token;
    private long tokenAt;

    Admin(Http http, String username, String password) {
        this.http = http;
        this.username = username;
        this.password = password;
    }

    /** A realm with the given settings (Keycloak's {@code RealmRepresentation}; fields a server lacks are ignored). */
    void createRealm(ObjectNode realm) throws IOException, InterruptedException {
        expect(http.postJson("/admin/realms", realm.toString(), auth()), "create realm " + realm.path("realm"));
    }

    void createClient(String realm, ObjectNode client) throws IOException, InterruptedException {
        expect(
                http.postJson("/admin/realms/" + realm + "/clients", client.toString(), auth()),
                "create client " + client.path("clientId"));
    }

    /** Creates an enabled user with a complete profile (Keycloak asks for one at login otherwise); answers its id. */
    String createUser(String realm, String username, String password) throws IOException, InterruptedException {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("enabled", true)
                .put("email", username + "@example.com")
                .put("emailVerified", true)
                .put("firstName", "Bench")
                .put("lastName", "User");
        user.putArray("credentials")
                .addObject()
                .put("type", "password")
                .put("value", password)
                .put("temporary", false);
        Http.Answer answer =
                expect(http.postJson("/admin/realms/" + realm + "/users", user.toString(), auth()), "create user");
        String location = answer.location().orElseThrow(() -> new IllegalStateException("no Location for a user"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The stored password credential's parameters, where the server shows them (Keycloak does, Curfew does not). */
    Optional<String> passwordCredential(String realm, String userId) throws IOException, InterruptedException {
        Http.Answer answer = http.get("/admin/realms/" + realm + "/users/" + userId + "/credentials", auth());
        if (!answer.ok()) {
            return Optional.empty();
        }
        for (JsonNode credential : JSON.readTree(answer.body())) {
            if ("password".equals(credential.path("type").asText())) {
                return Optional.of(credential.path("credentialData").asText());
            }
        }
        return Optional.empty();
    }

    /** The sessions the server counts for the realm: the sum of {@code active} over {@code client-session-stats}. */
    long countedSessions(String realm) throws IOException, InterruptedException {
        Http.Answer answer = expect(http.get("/admin/realms/" + realm + "/client-session-stats", auth()), "stats");
        long sum = 0;
        for (JsonNode client : JSON.readTree(answer.body())) {
            sum += client.path("active").asLong();
        }
        return sum;
    }

    /** {@code POST /admin/realms/{realm}/logout-all}, timed; the answer is returned whatever its status. */
    Http.Answer logoutAll(String realm) throws IOException, InterruptedException {
        String authorization = auth();
        return http.postEmpty("/admin/realms/" + realm + "/logout-all", authorization, SIGN_OUT_TIMEOUT);
    }

    /** {@code POST /admin/realms/{realm}/users/{id}/logout}, timed; the answer is returned whatever its status. */
    Http.Answer logoutUser(String realm, String userId) throws IOException, InterruptedException {
        String authorization = auth();
        return http.postEmpty(
                "/admin/realms/" + realm + "/users/" + userId + "/logout", authorization, SIGN_OUT_TIMEOUT);
    }

    private synchronized String auth() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenAt > TOKEN_REUSE.toNanos()) {
            String form = "grant_type=password&client_id=admin-cli&username=" + Http.enc(username) + "&password="
                    + Http.enc(password);
            Http.Answer answer = expect(
                    http.postForm(
                            "/realms/master/protocol/openid-connect/token",
                            form,
                            Optional.empty(),
                            Duration.ofSeconds(60)),
                    "admin login");
            token = JSON.readTree(answer.body()).path("access_token").asText();
            tokenAt = System.nanoTime();
        }
        return Http.bearer(token);
    }

    private static Http.Answer expect(Http.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
