package dev.curfew.server.oidc.token;

import static dev.curfew.server.oidc.token.AuthorizationCodeGrantTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6749 §6 with RFC 9700 §4.14.2: refresh token rotation and reuse detection")
class RefreshTokenGrantTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient other;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(
                curfew,
                new RealmSettings(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofSeconds(60),
                        "RS256"));
        web = realm.confidentialClient("web");
        other = realm.confidentialClient("other");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("each refresh returns a new refresh token, and the old one is refused afterwards")
    void eachRefreshRotatesTheToken() {
        realm.user("alice");
        JsonNode first = OidcFlow.signIn(curfew.browser(), realm, web, "alice");
        JsonNode second = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(first)));
        JsonNode third = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(second)));
        assertThat(refreshToken(second)).isNotEqualTo(refreshToken(first));
        assertThat(refreshToken(third)).isNotEqualTo(refreshToken(second));
        assertThat(second.get("access_token").asText())
                .isNotEqualTo(first.get("access_token").asText());
        assertThat(OidcFlow.refresh(realm, web, refreshToken(first)).statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("a refresh response is not cacheable and keeps the session id")
    void refreshResponseKeepsTheSession() throws Exception {
        realm.user("ben");
        JsonNode first = OidcFlow.signIn(curfew.browser(), realm, web, "ben");
        HttpResponse<String> response = OidcFlow.refresh(realm, web, refreshToken(first));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode second = OidcFlow.ok(response);
        assertThat(OidcFlow.claims(second.get("access_token").asText()).getStringClaim("sid"))
                .isEqualTo(OidcFlow.claims(first.get("access_token").asText()).getStringClaim("sid"));
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: reusing a rotated token ends the session — newest refresh and access tokens too")
    void reuseEndsTheWholeSession() {
        realm.user("carol");
        JsonNode first = OidcFlow.signIn(curfew.browser(), realm, web, "carol");
        JsonNode second = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(first)));
        String newestAccess = second.get("access_token").asText();
        assertThat(OidcFlow.userinfo(realm, newestAccess).statusCode()).isEqualTo(200);

        assertError(OidcFlow.refresh(realm, web, refreshToken(first)), 400, "invalid_grant");

        assertError(OidcFlow.refresh(realm, web, refreshToken(second)), 400, "invalid_grant");
        assertThat(OidcFlow.userinfo(realm, newestAccess).statusCode()).isEqualTo(401);
        assertThat(OidcFlow.introspect(realm, web, newestAccess).get("active").asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: one token presented by eight requests at once yields one successor, and the"
            + " session ends")
    void simultaneousUsesYieldOneSuccessorAndEndTheSession() throws Exception {
        realm.user("gil");
        String token = refreshToken(OidcFlow.signIn(curfew.browser(), realm, web, "gil"));
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(executor.submit(() -> {
                    go.await();
                    return OidcFlow.refresh(realm, web, token);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
        }

        List<HttpResponse<String>> issued =
                answers.stream().filter(a -> a.statusCode() == 200).toList();
        assertThat(issued).hasSize(1);
        answers.stream().filter(a -> a.statusCode() != 200).forEach(a -> assertError(a, 400, "invalid_grant"));
        JsonNode successor = TestCurfew.json(issued.getFirst());
        assertError(OidcFlow.refresh(realm, web, refreshToken(successor)), 400, "invalid_grant");
        assertThat(OidcFlow.userinfo(realm, successor.get("access_token").asText())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("a refresh token past the session idle timeout is invalid_grant")
    void refreshAfterIdleTimeoutIsInvalidGrant() {
        realm.user("dora");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "dora");
        curfew.clock().advance(Duration.ofMinutes(31));
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("each refresh counts as use: the idle timeout runs from the last refresh")
    void refreshKeepsTheSessionAlive() {
        realm.user("eric");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "eric");
        for (int i = 0; i < 3; i++) {
            curfew.clock().advance(Duration.ofMinutes(20));
            tokens = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(tokens)));
        }
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("the session's maximum lifespan ends refreshing however active the session is")
    void refreshAfterMaxLifespanIsInvalidGrant() {
        realm.user("fay");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "fay");
        for (int i = 0; i < 5; i++) {
            curfew.clock().advance(Duration.ofMinutes(20));
            tokens = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(tokens)));
        }
        curfew.clock().advance(Duration.ofMinutes(21));
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§6: a narrower scope may be asked for; the tokens carry only it")
    void scopeCanBeNarrowed() throws Exception {
        realm.user("gus");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "gus");
        JsonNode narrowed = OidcFlow.ok(refresh(refreshToken(tokens), "openid"));
        assertThat(narrowed.get("scope").asText()).isEqualTo("openid");
        assertThat(OidcFlow.claims(narrowed.get("access_token").asText()).getStringClaim("scope"))
                .isEqualTo("openid");
        JsonNode claims = OidcFlow.ok(
                OidcFlow.userinfo(realm, narrowed.get("access_token").asText()));
        assertThat(claims.has("email")).isFalse();
        assertThat(claims.has("preferred_username")).isFalse();
    }

    @Test
    @DisplayName("§6: the new refresh token keeps the original scope after a narrowed refresh")
    void narrowingDoesNotShrinkTheRefreshToken() {
        realm.user("hal");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "hal");
        JsonNode narrowed = OidcFlow.ok(refresh(refreshToken(tokens), "openid"));
        JsonNode full = OidcFlow.ok(refresh(refreshToken(narrowed), "openid email"));
        assertThat(full.get("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "email");
        JsonNode all = OidcFlow.ok(OidcFlow.refresh(realm, web, refreshToken(full)));
        assertThat(all.get("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
    }

    @Test
    @DisplayName("§6: asking for a scope not originally granted is invalid_scope")
    void wideningIsInvalidScope() {
        realm.user("ida");
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("scope", "openid");
        String code = OidcFlow.code(OidcFlow.login(curfew.browser(), realm, params, "ida"));
        JsonNode tokens = OidcFlow.ok(OidcFlow.exchange(realm, web, code));
        assertError(refresh(refreshToken(tokens), "openid email"), 400, "invalid_scope");
    }

    @Test
    @DisplayName("§6: a refresh token issued to another client is invalid_grant")
    void refreshTokenOfAnotherClientIsInvalidGrant() {
        realm.user("jon");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "jon");
        assertError(OidcFlow.refresh(realm, other, refreshToken(tokens)), 400, "invalid_grant");
        assertThat(OidcFlow.refresh(realm, web, refreshToken(tokens)).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("§6: an unknown refresh token is invalid_grant")
    void unknownRefreshTokenIsInvalidGrant() {
        assertError(OidcFlow.refresh(realm, web, "not-a-refresh-token"), 400, "invalid_grant");
    }

    @Test
    @DisplayName("§6: a refresh token of another realm is invalid_grant")
    void refreshTokenOfAnotherRealmIsInvalidGrant() {
        TestRealm second = TestRealm.create(curfew);
        second.user("kai");
        ConfidentialClient sameName = second.confidentialClient("web");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), second, sameName, "kai");
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("a refresh token of a disabled user is invalid_grant")
    void refreshTokenOfDisabledUserIsInvalidGrant() {
        User lea = realm.user("lea");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "lea");
        curfew.services().store().users().update(lea.withEnabled(false));
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("After the user's cut-off, the user's refresh tokens are invalid_grant")
    void userCutOffEndsRefresh() {
        User max = realm.user("max");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "max");
        curfew.clock().advance(Duration.ofSeconds(1));
        curfew.services()
                .store()
                .users()
                .update(max.withNotBefore(Optional.of(curfew.clock().instant())));
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("After the client's cut-off, refresh tokens issued to it are invalid_grant")
    void clientCutOffEndsRefresh() {
        ConfidentialClient app = realm.confidentialClient("cut-app");
        realm.user("ned");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, app, "ned");
        curfew.clock().advance(Duration.ofSeconds(1));
        realm.update(app.client(), b -> b.notBefore(Optional.of(curfew.clock().instant())));
        assertError(OidcFlow.refresh(realm, app, refreshToken(tokens)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("the session ended by the server makes its refresh token invalid_grant")
    void endedSessionEndsRefresh() throws Exception {
        realm.user("ola");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "ola");
        String sid = OidcFlow.claims(tokens.get("access_token").asText()).getStringClaim("sid");
        assertThat(curfew.services().sessions().end(realm.realm(), sid)).isTrue();
        assertError(OidcFlow.refresh(realm, web, refreshToken(tokens)), 400, "invalid_grant");
    }

    private static HttpResponse<String> refresh(String refreshToken, String scope) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope),
                web.basicHeader());
    }

    private static String refreshToken(JsonNode tokens) {
        return tokens.get("refresh_token").asText();
    }
}
