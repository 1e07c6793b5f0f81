package dev.curfew.server.oidc.userinfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.RawAnswer;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OIDC Core §5.3 and RFC 6750: the userinfo endpoint")
class UserinfoTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§5.4: openid profile email releases the profile and e-mail claims")
    void profileAndEmailScopesReleaseTheirClaims() {
        User alice = realm.user("alice");
        HttpResponse<String> response = OidcFlow.userinfo(realm, accessToken("alice", "openid profile email"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode claims = TestCurfew.json(response);
        assertThat(claims.get("sub").asText()).isEqualTo(alice.id());
        assertThat(claims.get("preferred_username").asText()).isEqualTo("alice");
        assertThat(claims.get("given_name").asText()).isEqualTo("Ada");
        assertThat(claims.get("family_name").asText()).isEqualTo("Lovelace");
        assertThat(claims.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(claims.get("email").asText()).isEqualTo("alice@example.test");
        assertThat(claims.get("email_verified").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("§5.4: openid alone releases only sub")
    void openidAloneReleasesOnlySub() {
        realm.user("bob");
        JsonNode claims = OidcFlow.ok(OidcFlow.userinfo(realm, accessToken("bob", "openid")));
        assertThat(claims.fieldNames()).toIterable().containsExactly("sub");
    }

    @Test
    @DisplayName("§5.4: openid email releases the e-mail but not the profile")
    void emailScopeReleasesOnlyEmail() {
        realm.user("carol");
        JsonNode claims = OidcFlow.ok(OidcFlow.userinfo(realm, accessToken("carol", "openid email")));
        assertThat(claims.has("email")).isTrue();
        assertThat(claims.has("name")).isFalse();
        assertThat(claims.has("preferred_username")).isFalse();
    }

    @Test
    @DisplayName("RFC 6750 §2.2: the token may be sent in a form body")
    void tokenInFormBodyIsAccepted() {
        realm.user("dora");
        String token = accessToken("dora", "openid");
        HttpResponse<String> response = curfew.postForm(realm.userinfoPath(), Map.of("access_token", token));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6750 §2.1: POST with the Authorization header works as GET does")
    void postWithHeaderIsAccepted() {
        realm.user("dave");
        String token = accessToken("dave", "openid");
        assertThat(curfew.postForm(realm.userinfoPath(), Map.of(), TestCurfew.bearer(token))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 6750 §3.1: no token is 401 with a Bearer challenge")
    void noTokenIs401() {
        assertInvalidToken(curfew.get(realm.userinfoPath()));
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a malformed token is 401 invalid_token")
    void badTokenIs401() {
        assertInvalidToken(OidcFlow.userinfo(realm, "not.a.jwt"));
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a token with a forged signature is 401 invalid_token")
    void forgedSignatureIs401() {
        realm.user("eric");
        String token = accessToken("eric", "openid");
        int signature = token.lastIndexOf('.') + 1;
        String replacement = token.startsWith("AAAA", signature) ? "BBBB" : "AAAA";
        String forged = token.substring(0, signature) + replacement + token.substring(signature + 4);
        assertInvalidToken(OidcFlow.userinfo(realm, forged));
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an expired token is 401 invalid_token")
    void expiredTokenIs401() {
        realm.user("fay");
        String token = accessToken("fay", "openid");
        curfew.clock().advance(Duration.ofMinutes(5));
        assertInvalidToken(OidcFlow.userinfo(realm, token));
    }

    @Test
    @DisplayName("RFC 9068 §4: an ID token is not an access token")
    void idTokenIsNotAnAccessToken() {
        realm.user("gus");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "gus");
        assertInvalidToken(OidcFlow.userinfo(realm, tokens.get("id_token").asText()));
    }

    @Test
    @DisplayName("a token of another realm is 401 invalid_token")
    void tokenOfAnotherRealmIs401() {
        TestRealm other = TestRealm.create(curfew);
        other.user("hal");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), other, other.confidentialClient("web"), "hal");
        assertInvalidToken(OidcFlow.userinfo(realm, tokens.get("access_token").asText()));
    }

    @Test
    @DisplayName("A session ended on the server makes its token 401 at once")
    void endedSessionIs401() throws Exception {
        realm.user("ida");
        String token = accessToken("ida", "openid");
        String sid = OidcFlow.claims(token).getStringClaim("sid");
        curfew.services().sessions().end(realm.realm(), sid);
        assertInvalidToken(OidcFlow.userinfo(realm, token));
    }

    @Test
    @DisplayName("RP-initiated logout makes the session's token 401 at once")
    void rpLogoutIs401() {
        realm.user("jon");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "jon");
        HttpResponse<String> logout = browser.get(realm.logoutPath() + "?"
                + TestCurfew.formBody(
                        Map.of("id_token_hint", tokens.get("id_token").asText())));
        assertThat(logout.statusCode()).isEqualTo(200);
        assertInvalidToken(OidcFlow.userinfo(realm, tokens.get("access_token").asText()));
    }

    @Test
    @DisplayName("a disabled user's token is 401 at once")
    void disabledUserIs401() {
        User kim = realm.user("kim");
        String token = accessToken("kim", "openid");
        curfew.services().store().users().update(kim.withEnabled(false));
        assertInvalidToken(OidcFlow.userinfo(realm, token));
    }

    @Test
    @DisplayName("The user's cut-off makes earlier tokens 401")
    void userCutOffIs401() {
        User lou = realm.user("lou");
        String token = accessToken("lou", "openid");
        curfew.clock().advance(Duration.ofSeconds(1));
        curfew.services()
                .store()
                .users()
                .update(lou.withNotBefore(Optional.of(curfew.clock().instant())));
        assertInvalidToken(OidcFlow.userinfo(realm, token));
    }

    @Test
    @DisplayName("The realm's cut-off makes earlier tokens 401")
    void realmCutOffIs401() {
        TestRealm cut = TestRealm.create(curfew);
        cut.user("mo");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), cut, cut.confidentialClient("web"), "mo");
        curfew.clock().advance(Duration.ofSeconds(1));
        Realm before = cut.realm();
        curfew.services()
                .realms()
                .update(before, before.withNotBefore(Optional.of(curfew.clock().instant())));
        assertInvalidToken(OidcFlow.userinfo(cut, tokens.get("access_token").asText()));
    }

    @Test
    @DisplayName("regression: a token issued after a user cut-off but in the same second is accepted")
    void tokenInTheSameSecondAfterACutOffIsAccepted() {
        User pia = realm.user("pia");
        Instant cutOff = curfew.clock()
                .instant()
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1)
                .plusMillis(200);
        curfew.clock().set(cutOff);
        curfew.services().store().users().update(pia.withNotBefore(Optional.of(cutOff)));
        curfew.clock().advance(Duration.ofMillis(100));
        // The JWT's iat says .000 of this second, before the cut-off; the session says .300, after it.
        String token = accessToken("pia", "openid");
        assertThat(OidcFlow.userinfo(realm, token).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a token issued before a user cut-off in the same second is refused")
    void tokenInTheSameSecondBeforeACutOffIsRefused() {
        User quin = realm.user("quin");
        Instant issued = curfew.clock()
                .instant()
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1)
                .plusMillis(100);
        curfew.clock().set(issued);
        String token = accessToken("quin", "openid");
        curfew.clock().advance(Duration.ofMillis(100));
        curfew.services()
                .store()
                .users()
                .update(quin.withNotBefore(Optional.of(curfew.clock().instant())));
        assertInvalidToken(OidcFlow.userinfo(realm, token));
    }

    @Test
    @DisplayName("a disabled client's tokens are refused at once")
    void disabledClientsTokensAreRefused() {
        ConfidentialClient app = realm.confidentialClient("soon-off");
        realm.user("rae");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, app, "rae");
        realm.update(app.client(), b -> b.enabled(false));
        assertInvalidToken(OidcFlow.userinfo(realm, tokens.get("access_token").asText()));
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a token without the openid scope is 403 insufficient_scope")
    void tokenWithoutOpenidIs403() {
        realm.user("ned");
        HttpResponse<String> response = OidcFlow.userinfo(realm, accessToken("ned", "profile"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("insufficient_scope");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer error=\"insufficient_scope\""));
    }

    @Test
    @DisplayName("tokens of two users alternating on one kept-alive connection are each answered for their own user")
    void alternatingTokensOnOneConnection() throws IOException {
        // Jetty's per-connection cache of header values is off (HttpApp): each request is read with its own token.
        User uma = realm.user("uma");
        User ugo = realm.user("ugo");
        String umaToken = accessToken("uma", "openid");
        String ugoToken = accessToken("ugo", "openid");
        int port = URI.create(curfew.baseUrl()).getPort();

        try (Socket connection = new Socket("127.0.0.1", port)) {
            OutputStream out = connection.getOutputStream();
            for (int i = 0; i < 8; i++) {
                boolean forUma = i % 2 == 0;
                out.write(("GET " + realm.userinfoPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                + (forUma ? umaToken : ugoToken) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawAnswer answer = RawAnswer.read(connection.getInputStream());

                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(Json.MAPPER.readTree(answer.body()).path("sub").asText())
                        .as("answer %d on the same connection", i)
                        .isEqualTo(forUma ? uma.id() : ugo.id());
            }
        }
    }

    private static String accessToken(String username, String scope) {
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("scope", scope);
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, username));
        return OidcFlow.ok(OidcFlow.exchange(realm, web, code))
                .get("access_token")
                .asText();
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
    }
}
