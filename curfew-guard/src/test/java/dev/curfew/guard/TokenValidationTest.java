package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 9068 §4: the guard validates Curfew's access tokens (against the real server)")
class TokenValidationTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient other;
    static ConfidentialClient service;
    static CurfewGuard guard;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.user("alice");
        web = realm.confidentialClient("web");
        other = realm.confidentialClient("other");
        service = realm.confidentialClient("service", b -> b.serviceAccounts(true));
        guard = validatingGuard(realm).build();
        assertThat(guard.start()).isTrue();
    }

    @AfterAll
    static void stop() {
        guard.close();
        curfew.close();
    }

    static CurfewGuard.Builder validatingGuard(TestRealm realm) {
        return CurfewGuard.builder().issuer(realm.issuer()).audience("web", "service");
    }

    @Test
    @DisplayName("a user's access token is accepted with its verified claims")
    void userTokenIsAccepted() {
        SignedIn alice = SignedIn.login(realm, web, "alice");

        GuardDecision decision = guard.check(alice.accessToken());

        assertThat(decision.allowed()).isTrue();
        VerifiedToken token = decision.token().orElseThrow();
        assertThat(token.subject()).isEqualTo(alice.userId());
        assertThat(token.sessionId()).contains(alice.sid());
        assertThat(token.clientId()).isEqualTo("web");
        assertThat(token.hasScope("openid")).isTrue();
        assertThat(token.stringClaim("preferred_username")).contains("alice");
        assertThat(token.expiresAt()).isAfter(token.issuedAt());
        assertThat(token.tokenId()).isNotBlank();
    }

    @Test
    @DisplayName("a token seen again is answered from the cache of verified tokens; with size 0 it is verified again")
    void verifiedTokensAreRemembered() {
        String token = SignedIn.login(realm, web, "alice").accessToken();
        try (CurfewGuard uncached = validatingGuard(realm).tokenCacheSize(0).build()) {
            uncached.start();

            assertThat(guard.check(token)).isSameAs(guard.check(token));
            assertThat(uncached.check(token)).isNotSameAs(uncached.check(token));
            assertThat(uncached.check(token).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("a client-credentials token (no sid) is accepted")
    void clientCredentialsTokenIsAccepted() {
        GuardDecision decision = guard.check(clientCredentials(realm, service));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.token().orElseThrow().sessionId()).isEmpty();
        assertThat(decision.token().orElseThrow().clientId()).isEqualTo("service");
    }

    @Test
    @DisplayName("§4: aud must name an accepted audience (Curfew puts the client id in aud)")
    void tokenOfAnotherClientIsRefused() {
        String token = SignedIn.login(realm, other, "alice").accessToken();

        assertRefused(guard.check(token), "wrong audience");
    }

    @Test
    @DisplayName("§4: typ must be at+jwt — an ID token is refused though signed by the same key")
    void idTokenIsRefused() {
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "alice");

        assertRefused(guard.check(tokens.get("id_token").asText()), "not an access token (typ)");
    }

    @Test
    @DisplayName("§4: the signature must verify")
    void tamperedTokenIsRefused() {
        String token = SignedIn.login(realm, web, "alice").accessToken();
        int dot = token.lastIndexOf('.');
        char last = token.charAt(dot + 5);
        String tampered = token.substring(0, dot + 5) + (last == 'A' ? 'B' : 'A') + token.substring(dot + 6);

        assertRefused(guard.check(tampered), "invalid signature");
        assertRefused(guard.check("not.a.jwt"), "malformed token");
    }

    @Test
    @DisplayName("§4: a token of another realm is refused (its key is not in this realm's JWKS)")
    void tokenOfAnotherRealmIsRefused() {
        TestRealm second = TestRealm.create(curfew);
        second.user("alice");
        ConfidentialClient secondWeb = second.confidentialClient("web");
        String token = SignedIn.login(second, secondWeb, "alice").accessToken();

        assertRefused(guard.check(token), "unknown signing key");
    }

    @Test
    @DisplayName("§4: iss must match exactly — the same realm under another host name is another issuer")
    void issuerMustMatchExactly() {
        String otherName = realm.issuer().replace("localhost", "127.0.0.1");
        try (CurfewGuard byAddress =
                CurfewGuard.builder().issuer(otherName).audience("web").build()) {
            assertThat(byAddress.start()).isTrue();
            String token = SignedIn.login(realm, web, "alice").accessToken();

            assertRefused(byAddress.check(token), "wrong issuer");
        }
    }

    @Test
    @DisplayName("§4: exp — refused once expired (beyond the clock skew), accepted within it")
    void expiredTokenIsRefused() {
        String token = SignedIn.login(realm, web, "alice").accessToken();
        Instant exp = OidcFlow.claims(token).getExpirationTime().toInstant();
        try (CurfewGuard later = validatingGuard(realm)
                        .clock(Clock.fixed(exp.plusSeconds(5), java.time.ZoneOffset.UTC))
                        .build();
                CurfewGuard withinSkew = validatingGuard(realm)
                        .clock(Clock.fixed(exp.plusSeconds(4), java.time.ZoneOffset.UTC))
                        .build()) {
            later.start();
            withinSkew.start();

            assertRefused(later.check(token), "token expired");
            assertThat(withinSkew.check(token).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("a token living longer than maxTokenLifetime is refused (what the guard forgets relies on it)")
    void tooLongLivedTokenIsRefused() {
        try (CurfewGuard strict =
                validatingGuard(realm).maxTokenLifetime(Duration.ofMinutes(4)).build()) {
            strict.start();

            assertRefused(
                    strict.check(SignedIn.login(realm, web, "alice").accessToken()),
                    "token lifetime longer than accepted");
        }
    }

    @Test
    @DisplayName("RFC 6750 §3: no token → 401 Bearer without error code; another scheme → 400 invalid_request")
    void authorizationHeader() {
        GuardDecision.Refused none = (GuardDecision.Refused) guard.checkAuthorization(null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).isEmpty();
        assertThat(none.wwwAuthenticate()).isEqualTo("Bearer");

        GuardDecision.Refused basic = (GuardDecision.Refused) guard.checkAuthorization(web.basic());
        assertThat(basic.status()).isEqualTo(400);
        assertThat(basic.error()).contains("invalid_request");

        String token = SignedIn.login(realm, web, "alice").accessToken();
        assertThat(guard.checkAuthorization("bearer " + token).allowed()).isTrue();
    }

    @Test
    @DisplayName("ES256 realms: tokens signed ES256 are accepted")
    void es256Realm() {
        TestRealm es = TestRealm.create(curfew, settings("ES256"));
        es.user("alice");
        ConfidentialClient esWeb = es.confidentialClient("web");
        try (CurfewGuard esGuard = validatingGuard(es).build()) {
            esGuard.start();
            String token = SignedIn.login(es, esWeb, "alice").accessToken();

            assertThat(OidcFlow.jwt(token).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
            assertThat(esGuard.check(token).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("EdDSA realms: tokens signed EdDSA (Ed25519) are accepted, and refused once signed out")
    void edDsaRealm() {
        TestRealm ed = TestRealm.create(curfew, settings("EdDSA"));
        ed.user("alice");
        ConfidentialClient edWeb = ed.confidentialClient("web");
        try (CurfewGuard edGuard = validatingGuard(ed).build()) {
            edGuard.start();
            String token = SignedIn.login(ed, edWeb, "alice").accessToken();

            assertThat(OidcFlow.jwt(token).getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
            assertThat(edGuard.check(token).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("key rotation: tokens of the new key are accepted at once, those of the old key until they expire")
    void keyRotation() {
        TestRealm rotating = TestRealm.create(curfew);
        rotating.user("alice");
        ConfidentialClient rotatingWeb = rotating.confidentialClient("web");
        try (CurfewGuard rotatingGuard =
                validatingGuard(rotating).jwksMinRefreshInterval(Duration.ZERO).build()) {
            rotatingGuard.start();
            String before = SignedIn.login(rotating, rotatingWeb, "alice").accessToken();
            assertThat(rotatingGuard.check(before).allowed()).isTrue();

            Realm stored = rotating.realm();
            curfew.services().realms().update(stored, stored.withSettings(settings("ES256")));
            String after = SignedIn.login(rotating, rotatingWeb, "alice").accessToken();

            assertThat(OidcFlow.jwt(after).getHeader().getKeyID())
                    .isNotEqualTo(OidcFlow.jwt(before).getHeader().getKeyID());
            assertThat(rotatingGuard.check(after).allowed()).as("new key").isTrue();
            assertThat(rotatingGuard.check(before).allowed()).as("old key").isTrue();
        }
    }

    @Test
    @DisplayName("without a receiver the feed is OFF: validation only")
    void withoutReceiverTheFeedIsOff() {
        GuardHealth health = guard.health();

        assertThat(health.state()).isEqualTo(GuardHealth.FeedState.OFF);
        assertThat(health.inSync()).isTrue();
        assertThat(health.ready()).isTrue();
    }

    @Test
    @DisplayName("an unreachable issuer: start() says so, and tokens are refused for want of keys")
    void unreachableIssuer() {
        try (CurfewGuard lost = CurfewGuard.builder()
                .issuer(curfew.baseUrl() + "/realms/no-such-realm")
                .audience("web")
                .startTimeout(Duration.ZERO)
                .build()) {
            assertThat(lost.start()).isFalse();
            assertRefused(lost.check(SignedIn.login(realm, web, "alice").accessToken()), "unknown signing key");
            GuardHealth health = lost.health();
            assertThat(health.ready()).isFalse();
            assertThat(health.keysLoaded()).isFalse();
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).contains("404"));
        }
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> CurfewGuard.builder().audience("web").build()).hasMessageContaining("issuer");
        assertThatThrownBy(() -> CurfewGuard.builder().issuer(realm.issuer()).build())
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> CurfewGuard.builder()
                        .issuer(realm.issuer() + "/")
                        .audience("web")
                        .build())
                .hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> CurfewGuard.builder()
                        .issuer(realm.issuer())
                        .audience("web")
                        .build()
                        .check("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    static void assertRefused(GuardDecision decision, String description) {
        assertThat(decision).isInstanceOf(GuardDecision.Refused.class);
        GuardDecision.Refused refused = (GuardDecision.Refused) decision;
        assertThat(refused.description()).isEqualTo(description);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.wwwAuthenticate())
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    static String clientCredentials(TestRealm realm, ConfidentialClient client) {
        return OidcFlow.ok(realm.curfew()
                        .postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials"), client.basicHeader()))
                .get("access_token")
                .asText();
    }

    static RealmSettings settings(String algorithm) {
        RealmSettings d = RealmSettings.DEFAULTS;
        return new RealmSettings(
                d.accessTokenLifespan(),
                d.ssoSessionIdleTimeout(),
                d.ssoSessionMaxLifespan(),
                d.authorizationCodeLifespan(),
                algorithm);
    }
}
