package dev.curfew.server.oidc.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.client.Client;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.OidcFlow.Pkce;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §4.1.3 and RFC 7636 §4.6: exchanging an authorization code")
class AuthorizationCodeGrantTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient other;
    static Client spa;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        other = realm.confidentialClient("other");
        spa = realm.publicClient("spa");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§4.1.4 and §5.1: client_secret_basic gets access, ID and refresh tokens, not cacheable")
    void clientSecretBasicGetsTokens() {
        realm.user("alice");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "alice"));
        HttpResponse<String> response = OidcFlow.exchange(realm, web, code);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
        JsonNode body = TestCurfew.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(body.get("id_token").asText()).isNotBlank();
        assertThat(body.get("refresh_token").asText()).isNotBlank();
        assertThat(body.get("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
    }

    @Test
    @DisplayName("§2.3.1: client_secret_post works as well")
    void clientSecretPostGetsTokens() {
        realm.user("bob");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "bob"));
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        TestRealm.REDIRECT_URI,
                        "client_id",
                        "web",
                        "client_secret",
                        web.secret()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestCurfew.json(response).has("access_token")).isTrue();
    }

    @Test
    @DisplayName("RFC 7636 §4.5: a public client exchanges its code with the code_verifier")
    void publicClientExchangesWithVerifier() {
        realm.user("carol");
        Pkce pkce = Pkce.create();
        String code = publicCode("carol", pkce);
        HttpResponse<String> response = publicExchange(code, Map.of("code_verifier", pkce.verifier()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestCurfew.json(response).has("refresh_token")).isTrue();
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a wrong code_verifier is invalid_grant")
    void wrongVerifierIsInvalidGrant() {
        realm.user("dora");
        String code = publicCode("dora", Pkce.create());
        assertError(publicExchange(code, Map.of("code_verifier", Pkce.create().verifier())), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a missing code_verifier is invalid_grant")
    void missingVerifierIsInvalidGrant() {
        realm.user("dan");
        String code = publicCode("dan", Pkce.create());
        assertError(publicExchange(code, Map.of()), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a confidential client that used PKCE must send the verifier too")
    void confidentialClientWithPkceNeedsTheVerifier() {
        realm.user("dina");
        Pkce pkce = Pkce.create();
        Map<String, String> params = OidcFlow.authParams("web");
        params.putAll(pkce.params());
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, "dina"));
        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§4.1.2: a code is single-use; the second exchange is invalid_grant")
    void codeReuseIsInvalidGrant() {
        realm.user("erin");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "erin"));
        assertThat(OidcFlow.exchange(realm, web, code).statusCode()).isEqualTo(200);
        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
    }

    @Test
    @DisplayName(
            "§4.1.2: regression: a replayed code did not revoke the tokens of its first exchange; now its session ends")
    void codeReplayEndsTheSessionOfItsFirstExchange() {
        realm.user("eric");
        Browser browser = curfew.browser();
        String code = OidcFlow.code(OidcFlow.login(browser, realm, OidcFlow.authParams("web"), "eric"));
        JsonNode first = OidcFlow.ok(OidcFlow.exchange(realm, web, code));

        HttpResponse<String> replay = OidcFlow.exchange(realm, web, code);

        assertError(replay, 400, "invalid_grant");
        assertThat(TestCurfew.json(replay).get("error_description").asText()).contains("already used");
        assertThat(OidcFlow.refresh(realm, web, first.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(400);
        assertThat(OidcFlow.userinfo(realm, first.get("access_token").asText()).statusCode())
                .isEqualTo(401);
        assertThat(OidcFlow.introspect(realm, web, first.get("access_token").asText())
                        .get("active")
                        .asBoolean())
                .isFalse();
        // The SSO session is gone too: the browser must sign in again.
        HttpResponse<String> again = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(again.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("§4.1.2: a code replayed after it expired is only refused")
    void codeReplayedAfterExpiryIsOnlyRefused() {
        realm.user("enzo");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "enzo"));
        JsonNode first = OidcFlow.ok(OidcFlow.exchange(realm, web, code));
        curfew.clock().advance(Duration.ofSeconds(61));

        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
        assertThat(OidcFlow.refresh(realm, web, first.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("§4.1.3: a redirect_uri other than the request's is invalid_grant")
    void wrongRedirectUriIsInvalidGrant() {
        realm.user("fred");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "fred"));
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        "https://app.example.test/other"),
                web.basicHeader());
        assertError(response, 400, "invalid_grant");
    }

    @Test
    @DisplayName("§4.1.2: an expired code is invalid_grant")
    void expiredCodeIsInvalidGrant() {
        realm.user("gina");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "gina"));
        curfew.clock().advance(realm.realm().settings().authorizationCodeLifespan());
        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§4.1.3: a code issued to another client is invalid_grant, and is spent")
    void codeOfAnotherClientIsInvalidGrant() {
        realm.user("hank");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "hank"));
        assertError(OidcFlow.exchange(realm, other, code), 400, "invalid_grant");
        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§4.1.3: a code whose session has ended is invalid_grant")
    void codeOfAnEndedSessionIsInvalidGrant() {
        User iris = realm.user("iris");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "iris"));
        Store store = curfew.services().store();
        store.sessions()
                .find(SessionQuery.ofUser(iris.realmId(), iris.id(), Page.DEFAULT))
                .forEach(session -> store.sessions().delete(session.id()));
        assertError(OidcFlow.exchange(realm, web, code), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 9068 §2: the access token is an at+jwt carrying sid, iat, jti, client_id and scope")
    void accessTokenCarriesTheRequiredClaims() throws Exception {
        User jack = realm.user("jack");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "jack");
        SignedJWT jwt = OidcFlow.jwt(tokens.get("access_token").asText());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(realm.issuer());
        assertThat(claims.getSubject()).isEqualTo(jack.id());
        assertThat(claims.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("client_id")).isEqualTo("web");
        assertThat(claims.getStringClaim("scope").split(" ")).contains("openid", "profile", "email");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    @DisplayName("OIDC Core §2: the ID token carries nonce, sid, auth_time and the client as audience")
    void idTokenCarriesNonceSidAuthTimeAndAudience() throws Exception {
        realm.user("kate");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "kate");
        SignedJWT jwt = OidcFlow.jwt(tokens.get("id_token").asText());
        JWTClaimsSet id = jwt.getJWTClaimsSet();
        JWTClaimsSet access = OidcFlow.claims(tokens.get("access_token").asText());
        assertThat(id.getStringClaim("nonce")).isEqualTo(OidcFlow.NONCE);
        assertThat(id.getStringClaim("sid")).isEqualTo(access.getStringClaim("sid"));
        assertThat(id.getLongClaim("auth_time"))
                .isLessThanOrEqualTo(id.getIssueTime().getTime() / 1000);
        assertThat(id.getAudience()).containsExactly("web");
        assertThat(id.getStringClaim("azp")).isEqualTo("web");
        assertThat(id.getStringClaim("email")).isEqualTo("kate@example.test");
        assertThat(id.getStringClaim("preferred_username")).isEqualTo("kate");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.3: without the openid scope there is no ID token")
    void withoutOpenidThereIsNoIdToken() {
        realm.user("liam");
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("scope", "profile");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, "liam"));
        JsonNode body = OidcFlow.ok(OidcFlow.exchange(realm, web, code));
        assertThat(body.has("id_token")).isFalse();
        assertThat(body.get("scope").asText()).isEqualTo("profile");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: unknown scopes are not granted, and the response says which were")
    void unknownScopesAreNotGranted() {
        realm.user("mona");
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("scope", "openid admin:everything");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, "mona"));
        assertThat(OidcFlow.ok(OidcFlow.exchange(realm, web, code)).get("scope").asText())
                .isEqualTo("openid");
    }

    private String publicCode(String username, Pkce pkce) {
        Map<String, String> params = OidcFlow.authParams("spa");
        params.putAll(pkce.params());
        Browser browser = curfew.browser();
        return OidcFlow.code(OidcFlow.login(browser, realm, params, username));
    }

    private HttpResponse<String> publicExchange(String code, Map<String, String> extra) {
        Map<String, String> form = new HashMap<>(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                TestRealm.REDIRECT_URI,
                "client_id",
                spa.clientId()));
        form.putAll(extra);
        return curfew.postForm(realm.tokenPath(), form);
    }

    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo(error);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
}
