package dev.curfew.server.admin.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.server.ssf.SsfReceiver;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each playbook reaches every enforcement point a sign-out reaches: the browser's SSO cookie, the relying party's
 * back-channel logout token, the Shared Signals stream's session-revoked event, the refresh token, the access token
 * at introspection and userinfo, and the audit log's {@code playbook} entry. A resource server that validates tokens
 * itself ({@code curfew-guard}) is checked per playbook in curfew-guard's {@code PlaybooksGuardTest}.
 */
@DisplayName("Playbooks reach every enforcement point: the SSO cookie, back-channel logout, Shared Signals, refresh,"
        + " introspection, userinfo, audit")
class PlaybookReachTest {
    private static TestCurfew curfew;
    private static Receiver receiver;

    private TestRealm realm;
    private ConfidentialClient mail;
    private SsfReceiver streams;
    private String stream;

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

    @BeforeEach
    void createRealm() throws InterruptedException {
        realm = TestRealm.create(curfew);
        mail = realm.confidentialClient(
                "mail", b -> b.backchannelLogoutUri(Optional.of(receiver.url("/" + realm.name() + "/mail"))));
        streams = SsfReceiver.register(realm, "guard");
        stream = streams.createPoll();
        realm.user("alice");
    }

    /** The admin API with a token of now: the tests move the clock past a token's lifetime. */
    private static SignOutApi admin() {
        return new SignOutApi(curfew);
    }

    /** The browser alice signs in with: its SSO cookie is one of the enforcement points. */
    private dev.curfew.server.testing.Browser browser;

    private JsonNode signIn() {
        browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, mail, "alice");
        streams.drain(stream);
        curfew.clock().advance(Duration.ofSeconds(1));
        return tokens;
    }

    private JsonNode run(String playbook, Map<String, Object> body) {
        HttpResponse<String> response = curfew.postJson(
                "/admin/realms/" + realm.name() + "/playbooks/" + playbook,
                body,
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestCurfew.json(response);
    }

    private static String sid(JsonNode tokens) {
        return (String) OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid");
    }

    /** Every enforcement point refuses the session, and the playbook's run is in the audit log. */
    private void assertOut(JsonNode tokens, String playbook) throws InterruptedException {
        assertThat(curfew.services().cleanup().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.QUEUED) == 0);
        List<Object> sids = receiver.receivedAt("/" + realm.name() + "/mail").stream()
                .map(r -> OidcFlow.claims(r.logoutToken()).getClaim("sid"))
                .toList();
        assertThat(sids).as("%s: back-channel logout token", playbook).containsExactly(sid(tokens));
        // A realm sign-out refuses every token issued before it, the receiver's own client-credentials token too,
        // and the test clock may have moved past its expiry: the receiver gets a new one, as a real one does (a second
        // later: a token issued in the cut-off's second counts as issued before it).
        curfew.clock().advance(Duration.ofSeconds(1));
        streams.renewToken();
        List<JWTClaimsSet> sets = streams.drain(stream);
        List<String> events = new ArrayList<>();
        sets.forEach(s -> events.add(SsfReceiver.event(s).getKey()));
        assertThat(events).as("%s: Shared Signals events", playbook).contains(SsfReceiver.SESSION_REVOKED);
        HttpResponse<String> refresh =
                OidcFlow.refresh(realm, mail, tokens.get("refresh_token").asText());
        assertThat(refresh.statusCode()).as("%s: refresh", playbook).isEqualTo(400);
        String access = tokens.get("access_token").asText();
        assertThat(OidcFlow.userinfo(realm, access).statusCode())
                .as("%s: userinfo", playbook)
                .isEqualTo(401);
        assertThat(OidcFlow.introspect(realm, mail, access).get("active").asBoolean())
                .as("%s: introspection", playbook)
                .isFalse();
        Map<String, String> params = OidcFlow.authParams(mail.clientId());
        params.put("prompt", "none");
        assertThat(dev.curfew.server.testing.Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .as("%s: the SSO cookie (prompt=none)", playbook)
                .containsEntry("error", "login_required");
        JsonNode audit = admin().get("/admin/realms/" + realm.name() + "/audit?action=playbook");
        assertThat(audit.get("entries").get(0).get("detail").get("playbook").asText())
                .isEqualTo(playbook);
    }

    @Test
    @DisplayName("incident response")
    void incidentResponse() throws InterruptedException {
        JsonNode tokens = signIn();
        run("incident-response", Map.of("reason", "breach", "rotateKey", "keep-old"));
        assertOut(tokens, "incident-response");
    }

    @Test
    @DisplayName("offboarding")
    void offboarding() throws InterruptedException {
        JsonNode tokens = signIn();
        run("offboarding", Map.of("reason", "leaver", "usernames", List.of("alice")));
        assertOut(tokens, "offboarding");
    }

    @Test
    @DisplayName("lost device")
    void lostDevice() throws InterruptedException {
        JsonNode tokens = signIn();
        // The test browser's user agent.
        String agent = curfew.services()
                .store()
                .sessions()
                .findById(sid(tokens))
                .orElseThrow()
                .userAgent();
        run(
                "lost-device",
                Map.of("reason", "stolen", "username", "alice", "userAgent", agent.isBlank() ? "Java" : agent));
        assertOut(tokens, "lost-device");
    }

    @Test
    @DisplayName("enforce two-factor")
    void enforceTwoFactor() throws InterruptedException {
        JsonNode tokens = signIn();
        run("enforce-two-factor", Map.of("reason", "2FA", "who", "everyone"));
        assertOut(tokens, "enforce-two-factor");
    }

    @Test
    @DisplayName("system update, once the window has come")
    void systemUpdate() throws InterruptedException {
        JsonNode tokens = signIn();
        String at = curfew.clock().instant().plus(Duration.ofMinutes(10)).toString();
        JsonNode planned = run("system-update", Map.of("reason", "release", "at", at));
        String id = planned.get("steps").get(0).get("detail").get("signOutId").asText();
        curfew.clock().advance(Duration.ofMinutes(10));
        curfew.server().housekeeping().startDue();
        admin().awaitCompleted(realm.name(), id);
        assertOut(tokens, "system-update");
    }

    @Test
    @DisplayName("compliance, at the schedule's first run; the report counts the sessions of the playbook's moment")
    void compliance() throws InterruptedException {
        JsonNode tokens = signIn();
        // A daily slot at least a minute ahead, to the minute.
        java.time.Instant slot =
                curfew.clock().instant().plus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .withZone(java.time.ZoneOffset.UTC)
                .format(slot);
        JsonNode run = run(
                "compliance",
                Map.of(
                        "reason",
                        "policy: no session beyond a day",
                        "recurrence",
                        Map.of("frequency", "daily", "time", time)));
        JsonNode report = run.get("steps").get(1).get("detail");
        assertThat(report.get("sessions").asLong()).isEqualTo(1);
        HttpResponse<String> csv = curfew.get(report.get("csv").asText(), TestCurfew.bearer(curfew.adminToken()));
        assertThat(csv.body().lines()).hasSize(2).first().asString().startsWith("id,username");
        String scheduleId =
                run.get("steps").get(0).get("detail").get("scheduleId").asText();

        curfew.clock().set(slot.plusSeconds(1));
        curfew.server().housekeeping().startDue();
        String id = null;
        for (JsonNode s : admin().history(realm.name()).get("signOuts")) {
            if (s.path("scheduleId").asText().equals(scheduleId)) {
                id = s.get("id").asText();
            }
        }
        assertThat(id).as("the schedule's first run").isNotNull();
        admin().awaitCompleted(realm.name(), id);
        assertOut(tokens, "compliance");
    }

    @Test
    @DisplayName("migration")
    void migration() throws InterruptedException {
        JsonNode tokens = signIn();
        run("migration", Map.of("reason", "new platform", "maintenance", Map.of("message", "Moving")));
        assertOut(tokens, "migration");
    }

    @Test
    @DisplayName("high-risk period")
    void highRiskPeriod() throws InterruptedException {
        JsonNode tokens = signIn();
        String groups = "/admin/realms/" + realm.name() + "/groups";
        String group = TestCurfew.json(
                        curfew.postJson(groups, Map.of("name", "Travel"), TestCurfew.bearer(curfew.adminToken())))
                .get("id")
                .asText();
        String alice = curfew.services()
                .store()
                .users()
                .findByUsername(realm.realm().id(), "alice")
                .orElseThrow()
                .id();
        curfew.putJson(
                "/admin/realms/" + realm.name() + "/users/" + alice + "/groups/" + group,
                Map.of(),
                TestCurfew.bearer(curfew.adminToken()));
        run(
                "high-risk-period",
                Map.of(
                        "reason",
                        "travel",
                        "group",
                        "Travel",
                        "until",
                        curfew.clock().instant().plus(Duration.ofHours(1)).toString()));
        assertOut(tokens, "high-risk-period");
    }

    @Test
    @DisplayName("password compromise")
    void passwordCompromise() throws InterruptedException {
        JsonNode tokens = signIn();
        run("password-compromise", Map.of("reason", "breach corpus", "usernames", List.of("alice")));
        assertOut(tokens, "password-compromise");
    }

    @Test
    @DisplayName("credential sharing")
    void credentialSharing() throws InterruptedException {
        JsonNode tokens = signIn();
        run("credential-sharing", Map.of("reason", "shared account", "username", "alice"));
        assertOut(tokens, "credential-sharing");
    }
}
