package dev.curfew.server.oidc.logout.backchannel;

import static dev.curfew.server.testing.SignOutApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect Back-Channel Logout 1.0, sender side, end to end: real logins, real sign-outs through the
 * admin API and the logout endpoint, logout tokens arriving at a real HTTP receiver. Each test checks that
 * exactly the clients with a client session in the ended sessions, and a registered URI, hear of it.
 */
@DisplayName("OpenID Connect Back-Channel Logout 1.0")
class BackChannelLogoutTest {
    private static TestCurfew curfew;
    private static Receiver receiver;
    private static SignOutApi api;

    private TestRealm realm;
    private ConfidentialClient mail;
    private ConfidentialClient wiki;
    private ConfidentialClient silent;
    private User alice;
    private User bob;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        receiver = Receiver.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        realm = TestRealm.create(curfew);
        mail = realm.confidentialClient("mail", b -> b.backchannelLogoutUri(Optional.of(url("mail"))));
        wiki = realm.confidentialClient("wiki", b -> b.backchannelLogoutUri(Optional.of(url("wiki"))));
        silent = realm.confidentialClient("silent");
        alice = realm.user("alice");
        bob = realm.user("bob");
    }

    private String url(String client) {
        return receiver.url("/" + realm.name() + "/" + client);
    }

    /** A browser signed in to {@code first}, then (single sign-on) to each of {@code more}: the last ID token's claims. */
    private JWTClaimsSet signIn(User user, ConfidentialClient first, ConfidentialClient... more) {
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, first, user.username());
        for (ConfidentialClient client : more) {
            String code =
                    OidcFlow.code(browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams(client.clientId()))));
            tokens = OidcFlow.ok(OidcFlow.exchange(realm, client, code));
        }
        // Sign-outs cover what exists before them; the test clock only moves by hand.
        curfew.clock().advance(Duration.ofSeconds(1));
        return OidcFlow.claims(tokens.get("id_token").asText());
    }

    private static String sid(JWTClaimsSet idToken) {
        return (String) idToken.getClaim("sid");
    }

    /** The logout tokens this realm's clients received, once nothing is left to deliver: "client sid" pairs. */
    private Set<String> delivered() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.QUEUED) == 0);
        return receiver.received().stream()
                .filter(r -> r.path().startsWith("/" + realm.name() + "/"))
                .map(r -> r.path().substring(realm.name().length() + 2) + " "
                        + claims(r.logoutToken()).getClaim("sid"))
                .collect(Collectors.toSet());
    }

    private static JWTClaimsSet claims(String token) {
        return OidcFlow.claims(token);
    }

    @Test
    @DisplayName(
            "§2.4: the logout token is a signed JWT with typ logout+jwt, iss, aud, iat, exp, jti, events, sid, sub and no nonce")
    void logoutTokenFollowsTheSpecification() throws Exception {
        JWTClaimsSet idToken = signIn(alice, mail);
        api.signOut(realm.name(), SignOutApi.sessionScope(sid(idToken)), "token check");
        delivered();

        Receiver.Received request =
                receiver.receivedAt("/" + realm.name() + "/mail").getFirst();
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        SignedJWT jwt = SignedJWT.parse(request.logoutToken());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
        JWKSet jwks = JWKSet.parse(curfew.get(realm.certsPath()).body());
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        JWSVerifier verifier = new DefaultJWSVerifierFactory()
                .createJWSVerifier(jwt.getHeader(), key.toRSAKey().toRSAPublicKey());
        assertThat(jwt.verify(verifier))
                .as("signature verifies with the realm's JWKS")
                .isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(realm.issuer()).isEqualTo(idToken.getIssuer());
        assertThat(claims.getAudience()).containsExactly("mail");
        assertThat(claims.getSubject()).isEqualTo(alice.id());
        assertThat(claims.getClaim("sid")).isEqualTo(sid(idToken));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(claims.getJSONObjectClaim("events"))
                .containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
        assertThat(claims.getJSONObjectClaim("events").get("http://schemas.openid.net/event/backchannel-logout"))
                .isEqualTo(Map.of());
        assertThat(claims.getClaims()).doesNotContainKey("nonce");
    }

    @Test
    @DisplayName(
            "§2.6: regression: without public-url, logout tokens said localhost to a relying party that used 127.0.0.1")
    void logoutTokenNamesTheIssuerTheRelyingPartySaw() {
        String base = "http://127.0.0.1:" + curfew.server().port();
        String issuer = TestCurfew.json(curfew.get(base + realm.discoveryPath()))
                .get("issuer")
                .asText();
        Browser browser = curfew.browser();
        var page = browser.get(base + OidcFlow.authorizeUrl(realm, OidcFlow.authParams("mail")));
        Map<String, String> form = Browser.hiddenFields(page.body());
        form.put("username", alice.username());
        form.put("password", TestRealm.PASSWORD);
        String code = OidcFlow.code(browser.postForm(base + Browser.formAction(page.body()), form));
        JsonNode tokens = OidcFlow.ok(curfew.postForm(
                base + realm.tokenPath(),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", TestRealm.REDIRECT_URI),
                mail.basicHeader()));
        JWTClaimsSet idToken = claims(tokens.get("id_token").asText());
        curfew.clock().advance(Duration.ofSeconds(1));

        api.signOut(realm.name(), SignOutApi.sessionScope(sid(idToken)), "issuer check");
        delivered();

        String logoutToken =
                receiver.receivedAt("/" + realm.name() + "/mail").getFirst().logoutToken();
        assertThat(issuer).isEqualTo(base + "/realms/" + realm.name());
        assertThat(claims(logoutToken).getIssuer()).isEqualTo(issuer).isEqualTo(idToken.getIssuer());
    }

    @Test
    @DisplayName("§2.1: discovery advertises back-channel logout with sid")
    void discoveryAdvertisesSupport() {
        JsonNode metadata = TestCurfew.json(curfew.get(realm.discoveryPath()));
        assertThat(metadata.get("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(metadata.get("backchannel_logout_session_supported").asBoolean())
                .isTrue();
    }

    @Test
    @DisplayName("session sign-out: each client of that session with a URI, and no other")
    void sessionSignOut() {
        String aliceSid = sid(signIn(alice, mail, wiki, silent));
        signIn(bob, mail);

        api.signOut(realm.name(), SignOutApi.sessionScope(aliceSid), "session");

        assertThat(delivered()).containsExactlyInAnyOrder("mail " + aliceSid, "wiki " + aliceSid);
    }

    @Test
    @DisplayName("RP-initiated logout: the session's other clients hear of it")
    void rpInitiatedLogout() {
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, mail, "alice");
        String code = OidcFlow.code(browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki"))));
        OidcFlow.ok(OidcFlow.exchange(realm, wiki, code));
        String aliceSid = sid(claims(tokens.get("id_token").asText()));
        signIn(bob, wiki);

        var response = browser.get(realm.logoutPath() + "?"
                + TestCurfew.formBody(
                        Map.of("id_token_hint", tokens.get("id_token").asText())));
        assertThat(response.statusCode()).isBetween(200, 399);

        assertThat(delivered()).containsExactlyInAnyOrder("mail " + aliceSid, "wiki " + aliceSid);
    }

    @Test
    @DisplayName("user sign-out and disabling the user: every session of that user")
    void userSignOutAndDisable() {
        String first = sid(signIn(alice, mail));
        String second = sid(signIn(alice, wiki, mail));
        String bobs = sid(signIn(bob, mail));

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "user");
        // A user sign-out queues its tokens in the background clean-up: an empty queue before that proves nothing.
        api.awaitCompleted(realm.name(), signOut.get("id").asText());
        assertThat(delivered()).containsExactlyInAnyOrder("mail " + first, "mail " + second, "wiki " + second);

        receiver.clear();
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + bob.id(),
                        Map.of("enabled", false),
                        TestCurfew.bearer(api.adminToken())),
                204);
        // Disabling is a user cut-off: its clean-up, which queues the logout token, runs in the background.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(delivered()).containsExactly("mail " + bobs));
    }

    @Test
    @DisplayName("client sign-out: only that client, for each of its sessions")
    void clientSignOut() {
        String aliceSid = sid(signIn(alice, mail, wiki));
        String bobSid = sid(signIn(bob, mail));
        sid(signIn(bob, wiki));

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.clientScope("mail"), "client");
        api.awaitCompleted(realm.name(), signOut.get("id").asText());

        assertThat(delivered()).containsExactlyInAnyOrder("mail " + aliceSid, "mail " + bobSid);
    }

    @Test
    @DisplayName("realm sign-out: answers at once, then every client session with a URI hears of it")
    void realmSignOut() {
        String aliceSid = sid(signIn(alice, mail, wiki));
        String bobSid = sid(signIn(bob, wiki, silent));

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.realmScope(), "realm");
        api.awaitCompleted(realm.name(), signOut.get("id").asText());

        assertThat(delivered()).containsExactlyInAnyOrder("mail " + aliceSid, "wiki " + aliceSid, "wiki " + bobSid);
        // Sessions signed in after the sign-out are not touched.
        receiver.clear();
        curfew.clock().advance(Duration.ofSeconds(1));
        signIn(alice, mail);
        assertThat(delivered()).isEmpty();
    }

    @Test
    @DisplayName("filter sign-out: the matching sessions only")
    void filterSignOut() {
        String aliceSid = sid(signIn(alice, mail, wiki));
        signIn(bob, mail);

        api.signOut(realm.name(), SignOutApi.filterScope(Map.of("userIds", List.of(alice.id()))), "filter");

        assertThat(delivered()).containsExactlyInAnyOrder("mail " + aliceSid, "wiki " + aliceSid);
    }

    @Test
    @DisplayName("a refused token is dead at once and the delivery endpoints report it; a retry delivers it")
    void deliveryStatusInTheAdminApi() {
        String aliceSid = sid(signIn(alice, mail, wiki));
        receiver.answerAt("/" + realm.name() + "/wiki", 400);

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.sessionScope(aliceSid), "status");
        delivered();

        JsonNode perDestination = api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                + signOut.get("id").asText() + "/deliveries");
        assertThat(perDestination).hasSize(2);
        for (JsonNode d : perDestination) {
            boolean isWiki = d.get("destination").asText().endsWith("/wiki");
            assertThat(d.get("delivered").asLong()).isEqualTo(isWiki ? 0 : 1);
            assertThat(d.get("dead").asLong()).isEqualTo(isWiki ? 1 : 0);
            assertThat(d.get("queued").asLong()).isZero();
            if (isWiki) {
                assertThat(d.get("lastError").asText()).startsWith("HTTP 400");
                assertThat(d.get("clientId").asText()).isEqualTo("wiki");
            }
        }
        JsonNode dead = api.get("/admin/realms/" + realm.name() + "/deliveries?status=DEAD");
        assertThat(dead).hasSize(1);
        String id = dead.get(0).get("id").asText();

        expect(
                curfew.postJson(
                        "/admin/realms/" + realm.name() + "/deliveries/" + id + "/retry",
                        Map.of(),
                        TestCurfew.bearer(api.adminToken())),
                204);
        delivered();
        assertThat(api.get("/admin/realms/" + realm.name() + "/deliveries?status=DEAD"))
                .isEmpty();
        assertThat(receiver.receivedAt("/" + realm.name() + "/wiki")).hasSize(2);
        assertThat(api.get("/admin/realms/" + realm.name() + "/deliveries?status=DELIVERED"))
                .hasSize(2);
    }

    @Test
    @DisplayName("deliveries filtered by client, and one client's counts per status")
    void oneClientsDeliveries() {
        String aliceSid = sid(signIn(alice, mail, wiki));
        receiver.answerAt("/" + realm.name() + "/wiki", 400);
        api.signOut(realm.name(), SignOutApi.sessionScope(aliceSid), "per client");
        delivered();

        String base = "/admin/realms/" + realm.name() + "/deliveries";
        assertThat(api.get(base + "?status=DEAD&clientId=wiki"))
                .singleElement()
                .satisfies(d -> assertThat(d.get("clientId").asText()).isEqualTo("wiki"));
        assertThat(api.get(base + "?status=DEAD&clientId=mail")).isEmpty();
        assertThat(api.get(base + "?status=DELIVERED&clientId=mail")).hasSize(1);

        JsonNode wikiCounts = api.get(base + "/counts?clientId=wiki");
        assertThat(wikiCounts.get("clientId").asText()).isEqualTo("wiki");
        assertThat(wikiCounts.get("dead").asLong()).isEqualTo(1);
        assertThat(wikiCounts.get("delivered").asLong()).isZero();
        assertThat(wikiCounts.get("queued").asLong()).isZero();

        String[] token = TestCurfew.bearer(api.adminToken());
        var unknown = curfew.get(base + "?clientId=nope", token);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("clientId").contains("no client 'nope'");
        assertThat(curfew.get(base + "/counts", token).body())
                .contains("clientId")
                .contains("is required");
    }
}
