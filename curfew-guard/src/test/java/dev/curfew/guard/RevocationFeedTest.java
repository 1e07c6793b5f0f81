package dev.curfew.guard;

import static dev.curfew.guard.TokenValidationTest.assertRefused;
import static dev.curfew.server.testing.SignOutApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guard refuses signed-out tokens from Curfew's SSF feed, with no call per request (contract-ssf)")
class RevocationFeedTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    static TestCurfew curfew;
    static SignOutApi api;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient mobile;
    static Receiver receiver;
    static CurfewGuard guard;

    /** A receiver client, registered as an administrator would: through the admin API. */
    record Receiver(String clientId, String secret) {}

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        mobile = realm.confidentialClient("mobile");
        receiver = registerReceiver(curfew, realm, "orders-api");
        guard = guardFor(realm, receiver).build();
        assertThat(guard.start()).as("started in sync: %s", guard.health()).isTrue();
    }

    @AfterAll
    static void stop() {
        guard.close();
        curfew.close();
    }

    static Receiver registerReceiver(TestCurfew curfew, TestRealm realm, String clientId) {
        JsonNode created = TestCurfew.json(expect(
                curfew.postJson(
                        "/admin/realms/" + realm.name() + "/clients",
                        Map.of(
                                "clientId",
                                clientId,
                                "serviceAccountsEnabled",
                                true,
                                "standardFlowEnabled",
                                false,
                                "attributes",
                                Map.of("ssf.receiver", "true")),
                        TestCurfew.bearer(curfew.adminToken())),
                201));
        return new Receiver(clientId, created.get("secret").asText());
    }

    static CurfewGuard.Builder guardFor(TestRealm realm, Receiver receiver) {
        return CurfewGuard.builder()
                .issuer(realm.issuer())
                .audience("web", "mobile")
                .receiver(receiver.clientId(), receiver.secret());
    }

    static String newUser(TestRealm realm) {
        String name = "user-" + USERS.incrementAndGet();
        realm.user(name);
        return name;
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
    }

    static void awaitSignedOut(CurfewGuard guard, String token) {
        await().untilAsserted(() -> assertRefused(guard.check(token), "token signed out"));
    }

    @Test
    @DisplayName("user sign-out: that user's tokens are refused, another user's keep working")
    void userSignOut() {
        SignedIn alice = SignedIn.login(realm, web, newUser(realm));
        SignedIn bob = SignedIn.login(realm, web, newUser(realm));
        assertThat(guard.check(alice.accessToken()).allowed()).isTrue();

        api.signOut(realm.name(), SignOutApi.userScope(alice.userId()), "lost laptop");

        awaitSignedOut(guard, alice.accessToken());
        assertThat(guard.check(bob.accessToken()).allowed()).isTrue();
    }

    @Test
    @DisplayName("user sign-out: a token the user gets afterwards (in a later second) is accepted")
    void tokenAfterUserSignOutIsAccepted() {
        String username = newUser(realm);
        SignedIn before = SignedIn.login(realm, web, username);
        api.signOut(realm.name(), SignOutApi.userScope(before.userId()), "password reset");
        awaitSignedOut(guard, before.accessToken());

        // iat has one-second precision: a token of the cut-off's own second is refused (documented limit), so
        // the server's clock (a test clock that moves only when told) goes on to the next second.
        curfew.clock().advance(Duration.ofSeconds(1));

        assertThat(guard.check(SignedIn.login(realm, web, username).accessToken())
                        .allowed())
                .isTrue();
    }

    @Test
    @DisplayName("client sign-out: that client's tokens are refused, the same user's tokens of another client work")
    void clientSignOut() {
        TestRealm own = TestRealm.create(curfew);
        ConfidentialClient ownWeb = own.confidentialClient("web");
        ConfidentialClient ownMobile = own.confidentialClient("mobile");
        try (CurfewGuard ownGuard =
                guardFor(own, registerReceiver(curfew, own, "api")).build()) {
            assertThat(ownGuard.start()).isTrue();
            String username = newUser(own);
            SignedIn onWeb = SignedIn.login(own, ownWeb, username);
            SignedIn onMobile = SignedIn.login(own, ownMobile, username);

            api.signOut(own.name(), SignOutApi.clientScope("web"), "compromised release");

            awaitSignedOut(ownGuard, onWeb.accessToken());
            assertThat(ownGuard.check(onMobile.accessToken()).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("session sign-out: that session's tokens are refused, the user's other session works")
    void sessionSignOut() {
        String username = newUser(realm);
        SignedIn laptop = SignedIn.login(realm, web, username);
        SignedIn phone = SignedIn.login(realm, web, username);

        api.signOut(realm.name(), SignOutApi.sessionScope(laptop.sid()), "stolen laptop");

        awaitSignedOut(guard, laptop.accessToken());
        assertThat(guard.check(phone.accessToken()).allowed()).isTrue();
    }

    @Test
    @DisplayName("filter sign-out: the matching sessions' tokens are refused, the others work")
    void filterSignOut() {
        SignedIn matched = SignedIn.login(realm, web, newUser(realm));
        SignedIn alsoMatched = SignedIn.login(realm, mobile, newUser(realm));
        SignedIn spared = SignedIn.login(realm, web, newUser(realm));
        curfew.clock().advance(Duration.ofMillis(1)); // a filter covers sessions created before it

        api.signOut(
                realm.name(),
                SignOutApi.filterScope(Map.of("userIds", List.of(matched.userId(), alsoMatched.userId()))),
                "incident 42");

        awaitSignedOut(guard, matched.accessToken());
        awaitSignedOut(guard, alsoMatched.accessToken());
        assertThat(guard.check(spared.accessToken()).allowed()).isTrue();
    }

    @Test
    @DisplayName("RP-initiated logout (a user ending their own session) reaches the guard too")
    void logoutByTheUser() {
        Browser browser = curfew.browser();
        JsonNode ended = OidcFlow.signIn(browser, realm, web, newUser(realm));
        SignedIn other = SignedIn.login(realm, web, newUser(realm));

        browser.get(
                realm.logoutPath() + "?id_token_hint=" + ended.get("id_token").asText());

        awaitSignedOut(guard, ended.get("access_token").asText());
        assertThat(guard.check(other.accessToken()).allowed()).isTrue();
    }

    @Test
    @DisplayName("realm sign-out: every token of the realm is refused, client-credentials ones too")
    void realmSignOut() {
        TestRealm own = TestRealm.create(curfew);
        ConfidentialClient ownWeb = own.confidentialClient("web", b -> b.serviceAccounts(true));
        try (CurfewGuard ownGuard =
                guardFor(own, registerReceiver(curfew, own, "api")).build()) {
            assertThat(ownGuard.start()).isTrue();
            SignedIn user = SignedIn.login(own, ownWeb, newUser(own));
            String service = TokenValidationTest.clientCredentials(own, ownWeb);
            assertThat(ownGuard.check(service).allowed()).isTrue();

            api.signOut(own.name(), SignOutApi.realmScope(), "breach");

            awaitSignedOut(ownGuard, user.accessToken());
            awaitSignedOut(ownGuard, service);
            assertThat(guard.check(SignedIn.login(realm, web, newUser(realm)).accessToken())
                            .allowed())
                    .as("another realm's guard")
                    .isTrue();
        }
    }

    @Test
    @DisplayName("start-up snapshot: a guard started after a sign-out refuses the old token at once")
    void snapshotAtStart() {
        SignedIn signedOutUser = SignedIn.login(realm, web, newUser(realm));
        SignedIn signedOutSession = SignedIn.login(realm, web, newUser(realm));
        SignedIn untouched = SignedIn.login(realm, web, newUser(realm));
        api.signOut(realm.name(), SignOutApi.userScope(signedOutUser.userId()), "left the company");
        api.signOut(realm.name(), SignOutApi.sessionScope(signedOutSession.sid()), "stolen phone");

        try (CurfewGuard late = guardFor(realm, receiver).build()) {
            assertThat(late.start()).isTrue();

            assertRefused(late.check(signedOutUser.accessToken()), "token signed out");
            assertRefused(late.check(signedOutSession.accessToken()), "token signed out");
            assertThat(late.check(untouched.accessToken()).allowed()).isTrue();
        }
    }

    @Test
    @DisplayName("a deleted stream (404) is re-created from a new snapshot; sign-outs before and after still apply")
    void streamDeletedIsRecreated() {
        try (CurfewGuard own = guardFor(realm, receiver).build()) {
            assertThat(own.start()).isTrue();
            SignedIn before = SignedIn.login(realm, web, newUser(realm));
            api.signOut(realm.name(), SignOutApi.userScope(before.userId()), "first");
            awaitSignedOut(own, before.accessToken());
            String firstStream = own.health().streamId().orElseThrow();

            expect(
                    curfew.delete(
                            "/admin/realms/" + realm.name() + "/ssf/streams/" + firstStream,
                            TestCurfew.bearer(api.adminToken())),
                    204);
            await().until(() -> own.health()
                            .streamId()
                            .filter(id -> !id.equals(firstStream))
                            .isPresent()
                    && own.health().inSync());

            assertRefused(own.check(before.accessToken()), "token signed out");
            SignedIn after = SignedIn.login(realm, web, newUser(realm));
            api.signOut(realm.name(), SignOutApi.sessionScope(after.sid()), "second");
            awaitSignedOut(own, after.accessToken());
        }
    }

    @Test
    @DisplayName("close() deletes the guard's stream")
    void closeDeletesTheStream() {
        CurfewGuard own = guardFor(realm, receiver).build();
        assertThat(own.start()).isTrue();
        String stream = own.health().streamId().orElseThrow();
        assertThat(streamIds()).contains(stream);

        own.close();

        assertThat(streamIds()).doesNotContain(stream);
        assertThat(own.health().state()).isEqualTo(GuardHealth.FeedState.STOPPED);
    }

    @Test
    @DisplayName("key rotation: SETs signed with the realm's new key are verified and applied")
    void keyRotation() {
        TestRealm own = TestRealm.create(curfew);
        ConfidentialClient ownWeb = own.confidentialClient("web");
        try (CurfewGuard ownGuard = guardFor(own, registerReceiver(curfew, own, "api"))
                .jwksMinRefreshInterval(Duration.ZERO)
                .build()) {
            assertThat(ownGuard.start()).isTrue();
            Realm stored = own.realm();
            curfew.services().realms().update(stored, stored.withSettings(TokenValidationTest.settings("ES256")));
            SignedIn user = SignedIn.login(own, ownWeb, newUser(own));
            assertThat(ownGuard.check(user.accessToken()).allowed()).isTrue();

            api.signOut(own.name(), SignOutApi.userScope(user.userId()), "after rotation");

            awaitSignedOut(ownGuard, user.accessToken());
        }
    }

    @Test
    @DisplayName("health: LIVE with a last sync and the stream id")
    void health() {
        GuardHealth health = guard.health();

        assertThat(health.state()).isEqualTo(GuardHealth.FeedState.LIVE);
        assertThat(health.lastSync()).isPresent();
        assertThat(health.streamId()).isPresent();
        assertThat(health.failSafe()).isEqualTo(FailSafe.refuseAfter(Duration.ofSeconds(30)));
    }

    private static List<String> streamIds() {
        JsonNode streams = api.get("/admin/realms/" + realm.name() + "/ssf/streams");
        List<String> ids = new java.util.ArrayList<>();
        streams.forEach(s -> ids.add(
                s.has("stream_id") ? s.get("stream_id").asText() : s.get("id").asText()));
        return ids;
    }
}
