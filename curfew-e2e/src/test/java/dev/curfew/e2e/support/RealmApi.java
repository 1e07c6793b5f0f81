package dev.curfew.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.e2e.support.CurfewHttp.Answer;
import java.util.List;
import java.util.Map;

/**
 * A realm (the demo realm unless told otherwise) as a test drives it over HTTP, through whichever address {@code
 * http} talks to (the balancer or one node): the administrator's token, a confidential client with the password
 * grant, sign-ins, refresh, introspection and sign-outs.
 */
public final class RealmApi {
    private final CurfewHttp http;
    private final String adminToken;
    private final String realm;

    /** The demo realm. */
    public RealmApi(CurfewHttp http, String adminToken) {
        this(http, adminToken, "demo");
    }

    private RealmApi(CurfewHttp http, String adminToken, String realm) {
        this.http = http;
        this.adminToken = adminToken;
        this.realm = realm;
    }

    /** Another realm, through the same address with the same administrator's token. */
    public RealmApi inRealm(String name) {
        return new RealmApi(http, adminToken, name);
    }

    private String token() {
        return "/realms/" + realm + "/protocol/openid-connect/token";
    }

    /** A confidential client of the realm, with its secret. */
    public record Client(String clientId, String secret) {
        String basic() {
            return clientId + ":" + secret;
        }
    }

    /** What a sign-in gave: its session, its user and its tokens. */
    public record Tokens(String sid, String userId, String accessToken, String refreshToken, Client client) {}

    public CurfewHttp http() {
        return http;
    }

    public String adminToken() {
        return adminToken;
    }

    /** The same realm reached through another address, with the same administrator's token. */
    public RealmApi via(CurfewHttp other) {
        return new RealmApi(other, adminToken, realm);
    }

    public static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as("answer: %s", answer).isEqualTo(status);
        return answer;
    }

    public Answer admin(String method, String path, Object body) {
        return http.json(method, path, adminToken, body);
    }

    public JsonNode adminGet(String path) {
        return expect(http.get(path, adminToken), 200).body();
    }

    /** Creates a confidential client with the password grant. */
    public Client createClient(String clientId) {
        String secret = "cluster-secret-" + clientId + "-0123456789abcdef";
        expect(
                admin(
                        "POST",
                        "/admin/realms/" + realm + "/clients",
                        Map.of("clientId", clientId, "secret", secret, "directAccessGrantsEnabled", true)),
                201);
        return new Client(clientId, secret);
    }

    public Answer passwordGrant(Client client, String username, String password) {
        return http.form(
                token(), client.basic(), Map.of("grant_type", "password", "username", username, "password", password));
    }

    public Tokens signIn(Client client, String username, String password) {
        Answer answer = expect(passwordGrant(client, username, password), 200);
        String access = answer.text("access_token");
        JsonNode claims = CurfewHttp.claims(access);
        return new Tokens(
                claims.path("sid").asText(), claims.path("sub").asText(), access, answer.text("refresh_token"), client);
    }

    public Answer refresh(Tokens tokens) {
        return http.form(
                token(),
                tokens.client().basic(),
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
    }

    /** RFC 7662 introspection of the access token: {@code active}. */
    public boolean active(Tokens tokens) {
        return expect(
                        http.form(
                                token() + "/introspect",
                                tokens.client().basic(),
                                Map.of("token", tokens.accessToken())),
                        200)
                .body()
                .path("active")
                .asBoolean();
    }

    /** Signs out as the administrator and answers the sign-out's id once the 201 is in. */
    public String signOut(Map<String, Object> scope) {
        return expect(
                        admin(
                                "POST",
                                "/admin/realms/" + realm + "/sign-outs",
                                Map.of("scope", scope, "reason", "cluster test: " + scope.get("type"))),
                        201)
                .text("id");
    }

    public String signOutUser(String userId) {
        return signOut(Map.of("type", "user", "userId", userId));
    }

    public String signOutSession(String sessionId) {
        return signOut(Map.of("type", "session", "sessionIds", List.of(sessionId)));
    }
}
