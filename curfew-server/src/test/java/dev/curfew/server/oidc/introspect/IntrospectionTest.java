package dev.curfew.server.oidc.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 7662: token introspection")
class IntrospectionTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        api = realm.confidentialClient("api");
        realm.publicClient("spa");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§2.1: a public client may not introspect (401 invalid_client)")
    void publicClientIsRefused() {
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "alice");
        HttpResponse<String> response = curfew.postForm(
                realm.introspectPath(),
                Map.of("token", tokens.get("access_token").asText(), "client_id", "spa"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("\"active\"");
    }

    @Test
    @DisplayName("§2.1: a caller without client authentication is 401")
    void unauthenticatedCallerIsRefused() {
        HttpResponse<String> response = curfew.postForm(realm.introspectPath(), Map.of("token", "anything"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("§2.1: a missing token parameter is invalid_request")
    void missingTokenIsInvalidRequest() {
        HttpResponse<String> response = curfew.postForm(realm.introspectPath(), Map.of(), api.basicHeader());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("§2.2: an active access token is described with its claims")
    void activeAccessTokenIsDescribed() throws Exception {
        User ben = realm.user("ben");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "ben");
        String access = tokens.get("access_token").asText();
        HttpResponse<String> response =
                curfew.postForm(realm.introspectPath(), Map.of("token", access), api.basicHeader());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode answer = OidcFlow.ok(response);
        var claims = OidcFlow.claims(access);
        assertThat(answer.get("active").asBoolean()).isTrue();
        assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.get("client_id").asText()).isEqualTo("web");
        assertThat(answer.get("username").asText()).isEqualTo("ben");
        assertThat(answer.get("sub").asText()).isEqualTo(ben.id());
        assertThat(answer.get("iss").asText()).isEqualTo(realm.issuer());
        assertThat(answer.get("scope").asText().split(" ")).contains("openid", "email");
        assertThat(answer.get("sid").asText()).isEqualTo(claims.getStringClaim("sid"));
        assertThat(answer.get("jti").asText()).isEqualTo(claims.getJWTID());
        assertThat(answer.get("exp").asLong())
                .isEqualTo(claims.getExpirationTime().getTime() / 1000);
        assertThat(answer.get("iat").asLong()).isEqualTo(claims.getIssueTime().getTime() / 1000);
    }

    @Test
    @DisplayName("§2.2: an active refresh token is described, with or without token_type_hint")
    void activeRefreshTokenIsDescribed() throws Exception {
        User cat = realm.user("cat");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "cat");
        String refresh = tokens.get("refresh_token").asText();
        for (Map<String, String> form : java.util.List.of(
                Map.of("token", refresh), Map.of("token", refresh, "token_type_hint", "refresh_token"))) {
            JsonNode answer = OidcFlow.ok(curfew.postForm(realm.introspectPath(), form, api.basicHeader()));
            assertThat(answer.get("active").asBoolean()).isTrue();
            assertThat(answer.get("token_type").asText()).isEqualTo("refresh_token");
            assertThat(answer.get("client_id").asText()).isEqualTo("web");
            assertThat(answer.get("username").asText()).isEqualTo("cat");
            assertThat(answer.get("sub").asText()).isEqualTo(cat.id());
            assertThat(answer.get("sid").asText())
                    .isEqualTo(
                            OidcFlow.claims(tokens.get("access_token").asText()).getStringClaim("sid"));
            assertThat(answer.get("exp").asLong())
                    .isGreaterThan(answer.get("iat").asLong());
        }
    }

    @Test
    @DisplayName("§2.2: garbage is inactive, and nothing more is said")
    void garbageIsInactive() {
        JsonNode answer = OidcFlow.introspect(realm, api, "garbage");
        assertThat(answer.get("active").asBoolean()).isFalse();
        assertThat(answer.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("§2.2: after RP-initiated logout both tokens are inactive")
    void tokensAreInactiveAfterLogout() {
        realm.user("dan");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "dan");
        browser.get(realm.logoutPath() + "?"
                + TestCurfew.formBody(
                        Map.of("id_token_hint", tokens.get("id_token").asText())));
        assertInactive(tokens.get("access_token").asText());
        assertInactive(tokens.get("refresh_token").asText());
    }

    @Test
    @DisplayName("§2.2: after revocation (RFC 7009) the access token is inactive")
    void accessTokenIsInactiveAfterRevocation() {
        realm.user("eve");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "eve");
        String access = tokens.get("access_token").asText();
        curfew.postForm(realm.revokePath(), Map.of("token", access), web.basicHeader());
        assertInactive(access);
    }

    @Test
    @DisplayName("§2.2: a token of another realm is inactive, also once that realm has found it active (its signature"
            + " is remembered for that realm only)")
    void tokenOfAnotherRealmIsInactive() {
        TestRealm other = TestRealm.create(curfew);
        other.user("fin");
        ConfidentialClient otherWeb = other.confidentialClient("web");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), other, otherWeb, "fin");
        assertInactive(tokens.get("access_token").asText());
        assertInactive(tokens.get("refresh_token").asText());

        assertThat(OidcFlow.introspect(
                                other, otherWeb, tokens.get("access_token").asText())
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertInactive(tokens.get("access_token").asText());
    }

    @Test
    @DisplayName("An access token changed by one character is inactive, also after the real one was found active")
    void alteredTokenIsInactive() {
        realm.user("ines");
        String access = OidcFlow.signIn(curfew.browser(), realm, web, "ines")
                .get("access_token")
                .asText();
        assertThat(OidcFlow.introspect(realm, api, access).get("active").asBoolean())
                .isTrue();

        int inSignature = access.length() - 5;
        char changed = access.charAt(inSignature) == 'A' ? 'B' : 'A';
        assertInactive(access.substring(0, inSignature) + changed + access.substring(inSignature + 1));
        String[] parts = access.split("\\.");
        String otherPayload =
                parts[1].substring(0, 10) + (parts[1].charAt(10) == 'A' ? 'B' : 'A') + parts[1].substring(11);
        assertInactive(parts[0] + "." + otherPayload + "." + parts[2]);
        assertThat(OidcFlow.introspect(realm, api, access).get("active").asBoolean())
                .isTrue();
    }

    @Test
    @DisplayName("§2.2: an expired access token is inactive, also one found active before it expired")
    void expiredAccessTokenIsInactive() {
        realm.user("gil");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "gil");
        assertThat(OidcFlow.introspect(realm, api, tokens.get("access_token").asText())
                        .get("active")
                        .asBoolean())
                .isTrue();
        curfew.clock().advance(Duration.ofMinutes(5));
        assertInactive(tokens.get("access_token").asText());
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: a rotated refresh token is inactive")
    void rotatedRefreshTokenIsInactive() {
        realm.user("hui");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "hui");
        OidcFlow.ok(OidcFlow.refresh(realm, web, tokens.get("refresh_token").asText()));
        assertInactive(tokens.get("refresh_token").asText());
    }

    @Test
    @DisplayName("After the client's cut-off its refresh and access tokens are inactive")
    void clientCutOffMakesTokensInactive() {
        ConfidentialClient app = realm.confidentialClient("cut-app");
        realm.user("ivo");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, app, "ivo");
        curfew.clock().advance(Duration.ofSeconds(1));
        realm.update(app.client(), b -> b.notBefore(Optional.of(curfew.clock().instant())));
        assertInactive(tokens.get("access_token").asText());
        assertInactive(tokens.get("refresh_token").asText());
    }

    @Test
    @DisplayName("After the user's cut-off the user's tokens are inactive")
    void userCutOffMakesTokensInactive() {
        User jo = realm.user("jo");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "jo");
        curfew.clock().advance(Duration.ofSeconds(1));
        curfew.services()
                .store()
                .users()
                .update(jo.withNotBefore(Optional.of(curfew.clock().instant())));
        assertInactive(tokens.get("access_token").asText());
        assertInactive(tokens.get("refresh_token").asText());
    }

    private static void assertInactive(String token) {
        JsonNode answer = OidcFlow.introspect(realm, api, token);
        assertThat(answer.get("active").asBoolean()).isFalse();
        assertThat(answer.size()).isEqualTo(1);
    }
}
