package dev.curfew.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.realm.SessionLimits.WhenExceeded;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A realm's {@code sessionLimits}: a sign-in beyond the limit is refused, or ends the user's oldest sessions like any
 * sign-out (logout token, refused refresh token, audit entry).
 */
@DisplayName("Session limits: how many sessions a user may hold at once")
class SessionLimitTest {
    private static TestCurfew curfew;
    private static Receiver receiver;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        receiver = Receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        curfew.close();
    }

    private static TestRealm realmWith(int maxPerUser, WhenExceeded whenExceeded) {
        return TestRealm.create(
                curfew, RealmSettings.DEFAULTS.withSessionLimits(new SessionLimits(maxPerUser, whenExceeded)));
    }

    private static ConfidentialClient mail(TestRealm realm) {
        return realm.confidentialClient(
                "mail", b -> b.backchannelLogoutUri(Optional.of(receiver.url("/" + realm.name() + "/mail"))));
    }

    /** A sign-in in a new browser, then a second of test time, so that sessions have distinct ages. */
    private static HttpResponse<String> browserSignIn(TestRealm realm, ConfidentialClient client) {
        HttpResponse<String> response =
                OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams(client.clientId()), "alice");
        curfew.clock().advance(Duration.ofSeconds(1));
        return response;
    }

    private static JsonNode tokensOf(TestRealm realm, ConfidentialClient client, HttpResponse<String> response) {
        return OidcFlow.ok(OidcFlow.exchange(realm, client, OidcFlow.code(response)));
    }

    private static HttpResponse<String> passwordGrant(TestRealm realm, String clientId) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        clientId,
                        "username",
                        "alice",
                        "password",
                        TestRealm.PASSWORD));
    }

    /** The statuses of {@code attempts} password grants of alice at client "cli", sent at the same moment. */
    private static List<Integer> passwordGrantsAtOnce(TestRealm realm, int attempts) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                statuses.add(threads.submit(() -> {
                    go.await();
                    return passwordGrant(realm, "cli").statusCode();
                }));
            }
            go.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(30, TimeUnit.SECONDS));
            }
            return answered;
        }
    }

    private static long sessionsOf(TestRealm realm) {
        return curfew.services()
                .store()
                .sessions()
                .find(new dev.curfew.core.session.SessionQuery(
                        realm.realm().id(),
                        dev.curfew.core.session.SessionFilter.ALL,
                        dev.curfew.core.session.Page.DEFAULT))
                .size();
    }

    private static String sid(JsonNode tokens) {
        return (String) OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid");
    }

    @Test
    @DisplayName("with refuse, a browser sign-in beyond the limit gets a page saying so and the first session stays")
    void refuseInTheBrowser() {
        TestRealm realm = realmWith(1, WhenExceeded.REFUSE);
        realm.user("alice");
        ConfidentialClient mail = mail(realm);
        JsonNode first = tokensOf(realm, mail, browserSignIn(realm, mail));

        HttpResponse<String> second = browserSignIn(realm, mail);

        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.body()).contains("Too many sessions").contains("as many devices as this realm allows");
        assertThat(sessionsOf(realm)).isEqualTo(1);
        assertThat(OidcFlow.refresh(realm, mail, first.get("refresh_token").asText())
                        .statusCode())
                .as("the first session still refreshes")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("with refuse, the password grant beyond the limit answers invalid_grant, and once a session idles out"
            + " the user signs in again")
    void refuseAtTheTokenEndpointUntilASessionExpires() {
        TestRealm realm = realmWith(2, WhenExceeded.REFUSE);
        realm.user("alice");
        realm.publicClient("cli", b -> b.directAccessGrants(true));
        assertThat(passwordGrant(realm, "cli").statusCode()).isEqualTo(200);
        assertThat(passwordGrant(realm, "cli").statusCode()).isEqualTo(200);

        HttpResponse<String> third = passwordGrant(realm, "cli");

        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(third).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(sessionsOf(realm)).isEqualTo(2);

        curfew.clock().advance(realm.realm().settings().ssoSessionIdleTimeout().plusSeconds(1));
        assertThat(passwordGrant(realm, "cli").statusCode())
                .as("idle sessions do not count")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("password grants at once under a limit of one start exactly one session; the others are refused")
    void concurrentSignInsDoNotBothPassALimitOfOne() throws Exception {
        TestRealm realm = realmWith(1, WhenExceeded.REFUSE);
        realm.user("alice");
        realm.publicClient("cli", b -> b.directAccessGrants(true));
        assertThat(passwordGrantsAtOnce(realm, 6)).containsOnlyOnce(200).containsOnly(200, 400);
        assertThat(sessionsOf(realm)).isEqualTo(1);
    }

    @Test
    @DisplayName("password grants at once under a per-application limit of one start exactly one session: each"
            + " session is stored with its application's client session, so the next sign-in counts it")
    void concurrentSignInsDoNotBothPassAPerClientLimitOfOne() throws Exception {
        TestRealm realm = TestRealm.create(
                curfew, RealmSettings.DEFAULTS.withSessionLimits(new SessionLimits(0, 1, WhenExceeded.REFUSE)));
        realm.user("alice");
        realm.publicClient("cli", b -> b.directAccessGrants(true));
        assertThat(passwordGrantsAtOnce(realm, 6)).containsOnlyOnce(200).containsOnly(200, 400);
        assertThat(sessionsOf(realm)).isEqualTo(1);
    }

    @Test
    @DisplayName("with end-oldest, a sign-in beyond the limit ends the oldest session like a sign-out: its relying"
            + " party gets a logout token, its refresh token is refused, and the audit log says why")
    void endOldest() {
        TestRealm realm = realmWith(2, WhenExceeded.END_OLDEST);
        realm.user("alice");
        ConfidentialClient mail = mail(realm);
        JsonNode oldest = tokensOf(realm, mail, browserSignIn(realm, mail));
        JsonNode middle = tokensOf(realm, mail, browserSignIn(realm, mail));

        JsonNode newest = tokensOf(realm, mail, browserSignIn(realm, mail));

        assertThat(sessionsOf(realm)).isEqualTo(2);
        HttpResponse<String> refresh =
                OidcFlow.refresh(realm, mail, oldest.get("refresh_token").asText());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OidcFlow.refresh(realm, mail, middle.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(200);
        assertThat(logoutTokenSids(realm)).containsExactly(sid(oldest));
        List<JsonNode> entries = auditEntries(realm, "session.limit.ended-oldest");
        assertThat(entries).hasSize(1);
        JsonNode detail = entries.getFirst().get("detail");
        assertThat(detail.get("endedSessionIds").get(0).asText()).isEqualTo(sid(oldest));
        assertThat(detail.get("newSessionId").asText()).isEqualTo(sid(newest));
        assertThat(detail.get("maxPerUser").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("maxPerUserPerClient counts the sessions in which that client signed in: another application still"
            + " signs in, the same one is refused")
    void perClientLimitRefusesOnlyThatClient() {
        TestRealm realm = TestRealm.create(
                curfew, RealmSettings.DEFAULTS.withSessionLimits(new SessionLimits(0, 1, WhenExceeded.REFUSE)));
        realm.user("alice");
        ConfidentialClient mail = mail(realm);
        ConfidentialClient chat = realm.confidentialClient("chat");
        tokensOf(realm, mail, browserSignIn(realm, mail));

        tokensOf(realm, chat, browserSignIn(realm, chat));
        HttpResponse<String> secondMail = browserSignIn(realm, mail);

        assertThat(secondMail.statusCode()).isEqualTo(403);
        assertThat(secondMail.body()).contains("at most 1 per application");
        assertThat(sessionsOf(realm)).isEqualTo(2);
    }

    @Test
    @DisplayName("with end-oldest, maxPerUserPerClient ends the oldest session of that client, not an older one of"
            + " another client")
    void perClientEndOldestEndsThatClientsOldest() {
        TestRealm realm = TestRealm.create(
                curfew, RealmSettings.DEFAULTS.withSessionLimits(new SessionLimits(0, 1, WhenExceeded.END_OLDEST)));
        realm.user("alice");
        ConfidentialClient mail = mail(realm);
        ConfidentialClient chat = realm.confidentialClient("chat");
        JsonNode chatTokens = tokensOf(realm, chat, browserSignIn(realm, chat));
        JsonNode firstMail = tokensOf(realm, mail, browserSignIn(realm, mail));

        tokensOf(realm, mail, browserSignIn(realm, mail));

        assertThat(logoutTokenSids(realm)).containsExactly(sid(firstMail));
        assertThat(OidcFlow.refresh(realm, chat, chatTokens.get("refresh_token").asText())
                        .statusCode())
                .as("the older session of another client stays")
                .isEqualTo(200);
        assertThat(sessionsOf(realm)).isEqualTo(2);
    }

    private static List<Object> logoutTokenSids(TestRealm realm) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.QUEUED) == 0);
        return receiver.receivedAt("/" + realm.name() + "/mail").stream()
                .map(r -> OidcFlow.claims(r.logoutToken()).getClaim("sid"))
                .toList();
    }

    private static List<JsonNode> auditEntries(TestRealm realm, String action) {
        JsonNode page = TestCurfew.json(curfew.get(
                "/admin/realms/" + realm.name() + "/audit?action=" + action, TestCurfew.bearer(curfew.adminToken())));
        List<JsonNode> entries = new ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    @Test
    @DisplayName("the same browser signing in again replaces its session, so it never counts against the limit")
    void aSecondSignInInTheSameBrowserIsNotRefused() {
        TestRealm realm = realmWith(1, WhenExceeded.REFUSE);
        realm.user("alice");
        ConfidentialClient mail = mail(realm);
        Browser browser = curfew.browser();
        OidcFlow.login(browser, realm, OidcFlow.authParams(mail.clientId()), "alice");

        HttpResponse<String> page =
                browser.get(OidcFlow.authorizeUrl(realm, withPrompt(OidcFlow.authParams(mail.clientId()))));
        HttpResponse<String> again = browser.submitLogin(page, "alice", TestRealm.PASSWORD);

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(sessionsOf(realm)).isEqualTo(1);
    }

    private static Map<String, String> withPrompt(Map<String, String> params) {
        params.put("prompt", "login");
        return params;
    }
}
