package dev.curfew.server.ssf;

import static dev.curfew.server.ssf.SsfReceiver.CREDENTIAL_CHANGE;
import static dev.curfew.server.ssf.SsfReceiver.SESSION_REVOKED;
import static dev.curfew.server.ssf.SsfReceiver.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.user.User;
import dev.curfew.engine.json.Json;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SETs Curfew sends (RFC 8417, SSF 1.0 §4, CAEP 1.0), end to end: real logins and sign-outs, SETs taken from a
 * real poll stream and checked as a receiver would — signature against the realm's JWKS, the exact subject shape,
 * and {@code event_timestamp} equal to the cut-off to the millisecond.
 */
@DisplayName("CAEP 1.0 events of sign-outs, session ends and password changes")
class SsfEventsTest {
    private static TestCurfew curfew;
    private SignOutApi api;

    private TestRealm realm;
    private SsfReceiver receiver;
    private ConfidentialClient app;
    private String stream;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        // A fraction of a second, so event_timestamp shows its milliseconds.
        curfew.clock().advance(Duration.ofMillis(1_123));
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        receiver = SsfReceiver.register(realm, "guard");
        app = realm.confidentialClient("app");
        stream = receiver.createPoll();
    }

    private Map<String, Object> tenant() {
        return Map.of("format", "opaque", "id", realm.name());
    }

    private Map<String, Object> user(String id) {
        return Map.of("format", "iss_sub", "iss", realm.issuer(), "sub", id);
    }

    private static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    private static BigDecimal millis(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
    }

    private static BigDecimal timestamp(JWTClaimsSet set) {
        return new BigDecimal(
                SsfReceiver.event(set).getValue().get("event_timestamp").toString());
    }

    /** The one SET the stream holds now. */
    private JWTClaimsSet onlySet() {
        List<JWTClaimsSet> sets = receiver.drain(stream);
        assertThat(sets).hasSize(1);
        return sets.get(0);
    }

    private void assertCutOffEvent(JsonNode signOut, JWTClaimsSet set, Map<String, Object> subId, String reason) {
        assertThat(SsfReceiver.event(set).getKey()).isEqualTo(SESSION_REVOKED);
        assertThat(SsfReceiver.subId(set)).isEqualTo(tree(subId));
        Instant cutOff = Instant.parse(signOut.get("cutOff").asText());
        assertThat(timestamp(set)).isEqualByComparingTo(millis(cutOff));
        Map<String, Object> members = SsfReceiver.event(set).getValue();
        assertThat(members).containsEntry("initiating_entity", "admin");
        assertThat(members.get("reason_admin")).isEqualTo(Map.of("en", reason));
        assertThat(set.getClaim("txn")).isEqualTo(signOut.get("id").asText());
        assertThat(set.getIssuer()).isEqualTo(realm.issuer());
        assertThat(set.getAudience()).containsExactly("guard");
        assertThat(set.getSubject()).isNull();
        assertThat(set.getExpirationTime()).isNull();
        assertThat(set.getIssueTime()).isNotNull();
    }

    @Test
    @DisplayName("realm sign-out: one tenant event, whatever the number of sessions, none from the clean-up")
    void realmSignOut() throws InterruptedException {
        realm.user("alice");
        realm.user("bob");
        SignedIn.login(realm, app, "alice");
        SignedIn.login(realm, app, "alice");
        SignedIn.login(realm, app, "bob");

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.realmScope(), "incident 7");
        api.awaitCompleted(realm.name(), signOut.get("id").asText());
        assertThat(curfew.services().cleanup().awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        // The realm cut-off ends the receiver's own token too (issued in the same second, it stays refused).
        curfew.clock().advance(Duration.ofSeconds(1));
        receiver.renewToken();

        assertCutOffEvent(signOut, onlySet(), Map.of("format", "complex", "tenant", tenant()), "incident 7");
    }

    @Test
    @DisplayName("client sign-out: tenant and application (the client_id)")
    void clientSignOut() {
        JsonNode signOut = api.signOut(realm.name(), SignOutApi.clientScope("app"), "app secret leaked");

        assertCutOffEvent(
                signOut,
                onlySet(),
                Map.of(
                        "format", "complex",
                        "tenant", tenant(),
                        "application", Map.of("format", "opaque", "id", "app")),
                "app secret leaked");
    }

    @Test
    @DisplayName("user sign-out: tenant and user (iss_sub)")
    void userSignOut() {
        User alice = realm.user("alice");
        SignedIn.login(realm, app, "alice");
        SignedIn.login(realm, app, "alice");

        JsonNode signOut = api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "lost laptop");
        api.awaitCompleted(realm.name(), signOut.get("id").asText());

        assertCutOffEvent(
                signOut,
                onlySet(),
                Map.of("format", "complex", "tenant", tenant(), "user", user(alice.id())),
                "lost laptop");
    }

    @Test
    @DisplayName("disabling a user is a user sign-out: one user event")
    void userDisabled() {
        User alice = realm.user("alice");
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + alice.id(),
                        Map.of("enabled", false),
                        TestCurfew.bearer(api.adminToken())),
                204);

        JWTClaimsSet set = onlySet();
        assertThat(SsfReceiver.subId(set))
                .isEqualTo(tree(Map.of("format", "complex", "tenant", tenant(), "user", user(alice.id()))));
        assertThat(SsfReceiver.event(set).getValue().get("reason_admin")).isEqualTo(Map.of("en", "Account disabled"));
        assertThat(timestamp(set)).isEqualByComparingTo(millis(curfew.clock().instant()));
    }

    @Test
    @DisplayName("session and filter sign-outs: one event per session, with tenant, user and session")
    void perSessionSignOuts() {
        User alice = realm.user("alice");
        User bob = realm.user("bob");
        SignedIn one = SignedIn.login(realm, app, "alice");
        SignedIn two = SignedIn.login(realm, app, "bob");
        SignedIn three = SignedIn.login(realm, app, "bob");

        JsonNode bySession = api.signOut(realm.name(), SignOutApi.sessionScope(one.sid()), "stolen phone");
        List<JWTClaimsSet> first = receiver.drain(stream);
        assertThat(first).hasSize(1);
        JWTClaimsSet set = first.get(0);
        assertThat(SsfReceiver.subId(set))
                .isEqualTo(tree(Map.of(
                        "format", "complex",
                        "tenant", tenant(),
                        "user", user(alice.id()),
                        "session", Map.of("format", "opaque", "id", one.sid()))));
        assertThat(SsfReceiver.event(set).getValue())
                .containsEntry("initiating_entity", "admin")
                .containsEntry("reason_admin", Map.of("en", "stolen phone"));
        assertThat(set.getClaim("txn")).isEqualTo(bySession.get("id").asText());
        assertThat(timestamp(set)).isEqualByComparingTo(millis(curfew.clock().instant()));

        curfew.clock().advance(Duration.ofMillis(1)); // a filter covers sessions created before it
        api.signOut(realm.name(), SignOutApi.filterScope(Map.of("userIds", List.of(bob.id()))), "bob's devices");
        assertThat(receiver.drain(stream))
                .extracting(s -> SsfReceiver.subId(s).get("session").get("id").asText())
                .containsExactlyInAnyOrder(two.sid(), three.sid());
    }

    @Test
    @DisplayName("RP-initiated logout is initiated by the user, refresh-token reuse by policy")
    void sessionEndsOutsideTheAdminApi() {
        realm.user("alice");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, app, "alice");
        String sid =
                OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid").toString();
        var response = browser.get(realm.logoutPath() + "?"
                + TestCurfew.formBody(
                        Map.of("id_token_hint", tokens.get("id_token").asText())));
        assertThat(response.statusCode()).isBetween(200, 399);

        JWTClaimsSet logout = onlySet();
        assertThat(SsfReceiver.subId(logout).get("session").get("id").asText()).isEqualTo(sid);
        assertThat(SsfReceiver.event(logout).getValue()).containsEntry("initiating_entity", "user");
        assertThat(SsfReceiver.event(logout).getValue()).doesNotContainKey("reason_admin");
        assertThat(logout.getClaim("txn")).isNull();

        SignedIn reused = SignedIn.login(realm, app, "alice");
        String oldRefresh = reused.refreshToken();
        assertThat(reused.refresh().statusCode()).isEqualTo(200);
        assertThat(OidcFlow.refresh(realm, app, oldRefresh).statusCode()).isEqualTo(400);
        JWTClaimsSet reuse = onlySet();
        assertThat(SsfReceiver.subId(reuse).get("session").get("id").asText()).isEqualTo(reused.sid());
        assertThat(SsfReceiver.event(reuse).getValue()).containsEntry("initiating_entity", "policy");
    }

    @Test
    @DisplayName("RFC 8417 §2.3: typed secevent+jwt, signed with the realm's key, event_timestamp with milliseconds")
    void setOnTheWire() throws Exception {
        User alice = realm.user("alice");
        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "wire");

        JsonNode answer = expect(receiver.poll(stream, Map.of("returnImmediately", true)), 200);
        String set =
                answer.get("sets").properties().iterator().next().getValue().asText();
        receiver.verify(set);
        String payload = SsfReceiver.payload(set);
        long ms = curfew.clock().instant().toEpochMilli();
        assertThat(payload).contains("\"event_timestamp\":" + ms / 1000 + "." + String.format("%03d", ms % 1000));
        assertThat(answer.get("moreAvailable").asBoolean()).isFalse();
        JsonNode claims = Json.MAPPER.readTree(payload);
        assertThat(claims.get("aud").asText()).as("one audience, as a string").isEqualTo("guard");
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.has("sub")).isFalse();
        assertThat(claims.has("exp")).isFalse();
        assertThat(claims.get("events").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("CAEP credential-change when an administrator resets a password (create for a first password)")
    void credentialChange() {
        User alice = realm.user("alice");
        User carol = curfew.services()
                .users()
                .create(
                        realm.realm(),
                        "carol",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        Optional.empty());
        String reset = "/admin/realms/" + realm.name() + "/users/%s/reset-password";
        Map<String, Object> password = Map.of("type", "password", "value", "a new long passphrase", "temporary", false);

        expect(curfew.putJson(reset.formatted(alice.id()), password, TestCurfew.bearer(api.adminToken())), 204);
        expect(curfew.putJson(reset.formatted(carol.id()), password, TestCurfew.bearer(api.adminToken())), 204);

        List<JWTClaimsSet> sets = receiver.drain(stream);
        assertThat(sets).hasSize(2);
        assertThat(sets)
                .allSatisfy(s -> assertThat(SsfReceiver.event(s).getKey()).isEqualTo(CREDENTIAL_CHANGE));
        assertThat(SsfReceiver.subId(sets.get(0)))
                .isEqualTo(tree(Map.of("format", "complex", "tenant", tenant(), "user", user(alice.id()))));
        assertThat(SsfReceiver.event(sets.get(0)).getValue())
                .containsEntry("credential_type", "password")
                .containsEntry("change_type", "update")
                .containsEntry("initiating_entity", "admin");
        assertThat(SsfReceiver.event(sets.get(1)).getValue()).containsEntry("change_type", "create");
        assertThat(SsfReceiver.subId(sets.get(1)).get("user").get("sub").asText())
                .isEqualTo(carol.id());
    }

    @Test
    @DisplayName("events_delivered: a stream that asked only for credential changes gets no session events")
    void eventsRequested() {
        String onlyCredentials = receiver.create(Map.of(
                        "delivery", Map.of("method", SsfReceiver.POLL), "events_requested", List.of(CREDENTIAL_CHANGE)))
                .get("stream_id")
                .asText();
        User alice = realm.user("alice");

        api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "not wanted");
        curfew.services().users().setPassword(alice, "another long passphrase");

        assertThat(receiver.drain(onlyCredentials))
                .extracting(s -> SsfReceiver.event(s).getKey())
                .containsExactly(CREDENTIAL_CHANGE);
        assertThat(receiver.drain(stream))
                .extracting(s -> SsfReceiver.event(s).getKey())
                .containsExactly(SESSION_REVOKED, CREDENTIAL_CHANGE);
    }

    @Test
    @DisplayName("start-up snapshot: a new stream first hears of every cut-off and revoked session that still counts")
    void snapshotOnCreate() {
        User alice = realm.user("alice");
        User bob = realm.user("bob");
        SignedIn bobs = SignedIn.login(realm, app, "bob");
        JsonNode old = api.signOut(realm.name(), SignOutApi.userScope(bob.id()), "long ago");
        curfew.clock().advance(Duration.ofMinutes(10)); // past the realm's 5-minute token lifetime: forgotten
        receiver.renewToken();
        api = new SignOutApi(curfew);
        JsonNode clientCut = api.signOut(realm.name(), SignOutApi.clientScope("app"), "client");
        JsonNode userCut = api.signOut(realm.name(), SignOutApi.userScope(alice.id()), "user");
        curfew.clock().advance(Duration.ofSeconds(1)); // a login in the cut-off's second would be refused
        SignedIn session = SignedIn.login(realm, app, "alice");
        curfew.clock().advance(Duration.ofMillis(7));
        api.signOut(realm.name(), SignOutApi.sessionScope(session.sid()), "session");
        Instant sessionEnded = curfew.clock().instant();
        curfew.clock().advance(Duration.ofSeconds(1));
        receiver.renewToken();
        JsonNode realmCut = api.signOut(realm.name(), SignOutApi.realmScope(), "realm");
        curfew.clock().advance(Duration.ofSeconds(1));
        receiver.renewToken();

        String fresh = receiver.createPoll();
        List<JWTClaimsSet> snapshot = receiver.drain(fresh);

        assertThat(snapshot).hasSize(4);
        assertThat(snapshot).allSatisfy(s -> {
            assertThat(SsfReceiver.event(s).getKey()).isEqualTo(SESSION_REVOKED);
            assertThat(SsfReceiver.event(s).getValue()).containsEntry("initiating_entity", "system");
        });
        assertThat(SsfReceiver.subId(snapshot.get(0))).isEqualTo(tree(Map.of("format", "complex", "tenant", tenant())));
        assertThat(timestamp(snapshot.get(0)))
                .isEqualByComparingTo(
                        millis(Instant.parse(realmCut.get("cutOff").asText())));
        assertThat(SsfReceiver.subId(snapshot.get(1))
                        .get("application")
                        .get("id")
                        .asText())
                .isEqualTo("app");
        assertThat(timestamp(snapshot.get(1)))
                .isEqualByComparingTo(
                        millis(Instant.parse(clientCut.get("cutOff").asText())));
        assertThat(SsfReceiver.subId(snapshot.get(2)).get("user").get("sub").asText())
                .isEqualTo(alice.id());
        assertThat(timestamp(snapshot.get(2)))
                .isEqualByComparingTo(millis(Instant.parse(userCut.get("cutOff").asText())));
        assertThat(SsfReceiver.subId(snapshot.get(3)))
                .isEqualTo(tree(Map.of(
                        "format", "complex",
                        "tenant", tenant(),
                        "user", user(alice.id()),
                        "session", Map.of("format", "opaque", "id", session.sid()))));
        assertThat(timestamp(snapshot.get(3))).isEqualByComparingTo(millis(sessionEnded));
        assertThat(old.get("cutOff").asText()).isNotNull();
        assertThat(bobs.sid()).isNotNull();
    }
}
