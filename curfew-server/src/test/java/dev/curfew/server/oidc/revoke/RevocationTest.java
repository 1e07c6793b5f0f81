package dev.curfew.server.oidc.revoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.OidcFlow.Pkce;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 7009: token revocation")
class RevocationTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient other;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        other = realm.confidentialClient("other");
        realm.publicClient("spa");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§2.1: a revoked refresh token can no longer be used")
    void revokedRefreshTokenCannotRefresh() {
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "alice");
        String refresh = tokens.get("refresh_token").asText();
        HttpResponse<String> response = revoke(web, Map.of("token", refresh, "token_type_hint", "refresh_token"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        HttpResponse<String> refreshed = OidcFlow.refresh(realm, web, refresh);
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(refreshed).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OidcFlow.introspect(realm, other, refresh).get("active").asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("§2.1: a revoked access token is inactive at introspection and 401 at userinfo")
    void revokedAccessTokenIsRefused() {
        realm.user("bob");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "bob");
        String access = tokens.get("access_token").asText();
        assertThat(revoke(web, Map.of("token", access)).statusCode()).isEqualTo(200);
        assertThat(OidcFlow.introspect(realm, other, access).get("active").asBoolean())
                .isFalse();
        assertThat(OidcFlow.userinfo(realm, access).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("§2.1: another client's refresh token is not revoked, yet 200 is answered")
    void anotherClientsRefreshTokenIsNotRevoked() {
        realm.user("carol");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "carol");
        String refresh = tokens.get("refresh_token").asText();
        assertThat(revoke(other, Map.of("token", refresh)).statusCode()).isEqualTo(200);
        assertThat(OidcFlow.refresh(realm, web, refresh).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("§2.1: another client's access token is not revoked, yet 200 is answered")
    void anotherClientsAccessTokenIsNotRevoked() {
        realm.user("dora");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "dora");
        String access = tokens.get("access_token").asText();
        assertThat(revoke(other, Map.of("token", access)).statusCode()).isEqualTo(200);
        assertThat(OidcFlow.userinfo(realm, access).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("§2.2: an unknown token is answered 200")
    void unknownTokenIsAnswered200() {
        assertThat(revoke(web, Map.of("token", "never-issued")).statusCode()).isEqualTo(200);
        assertThat(revoke(web, Map.of("token", "a.b.c", "token_type_hint", "access_token"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("§2.1: revoking twice is answered 200 both times")
    void revokingTwiceIsAnswered200() {
        realm.user("erin");
        String refresh = OidcFlow.signIn(curfew.browser(), realm, web, "erin")
                .get("refresh_token")
                .asText();
        assertThat(revoke(web, Map.of("token", refresh)).statusCode()).isEqualTo(200);
        assertThat(revoke(web, Map.of("token", refresh)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("§2.1: a public client revokes its own refresh token by naming itself")
    void publicClientRevokesItsOwnToken() {
        realm.user("fay");
        Pkce pkce = Pkce.create();
        Map<String, String> params = OidcFlow.authParams("spa");
        params.putAll(pkce.params());
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, "fay"));
        JsonNode tokens = OidcFlow.ok(curfew.postForm(
                realm.tokenPath(),
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        TestRealm.REDIRECT_URI,
                        "client_id",
                        "spa",
                        "code_verifier",
                        pkce.verifier())));
        String refresh = tokens.get("refresh_token").asText();
        assertThat(curfew.postForm(realm.revokePath(), Map.of("token", refresh, "client_id", "spa"))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refreshed = curfew.postForm(
                realm.tokenPath(), Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", "spa"));
        assertThat(refreshed.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("§2.1: a confidential client with a wrong secret is 401 invalid_client")
    void wrongSecretIs401() {
        HttpResponse<String> response = curfew.postForm(
                realm.revokePath(),
                Map.of("token", "anything"),
                new ConfidentialClient(web.client(), "wrong").basicHeader());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    @DisplayName("§2.1: a missing token parameter is invalid_request")
    void missingTokenIsInvalidRequest() {
        HttpResponse<String> response = revoke(web, Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_request");
    }

    private static HttpResponse<String> revoke(ConfidentialClient client, Map<String, String> form) {
        return curfew.postForm(realm.revokePath(), form, client.basicHeader());
    }
}
