package dev.curfew.server.admin.playbooks;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static dev.curfew.server.testing.SignOutApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Playbooks: each situation as one call, previewable, with a reason, audited, answering its steps")
class PlaybooksTest {
    static TestCurfew curfew;
    static SignOutApi api;

    TestRealm realm;
    ConfidentialClient web;
    String bobId;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        realm.user("alice");
        bobId = realm.user("bob").id();
    }

    private HttpResponse<String> run(String playbook, Map<String, Object> body) {
        return curfew.postJson(
                "/admin/realms/" + realm.name() + "/playbooks/" + playbook, body, TestCurfew.bearer(api.adminToken()));
    }

    private JsonNode ok(String playbook, Map<String, Object> body) {
        return TestCurfew.json(expect(run(playbook, body), 200));
    }

    private static List<String> actions(JsonNode run) {
        List<String> actions = new ArrayList<>();
        run.get("steps")
                .forEach(s -> actions.add(
                        s.get("action").asText() + ":" + s.get("outcome").asText()));
        return actions;
    }

    private SignedIn login(String username) {
        SignedIn signedIn = SignedIn.login(realm, web, username);
        curfew.clock().advance(Duration.ofSeconds(1));
        return signedIn;
    }

    private List<JsonNode> playbookEntries() {
        List<JsonNode> entries = new ArrayList<>();
        api.audit(realm.name()).get("entries").forEach(e -> {
            if (e.get("action").asText().equals("playbook")) {
                entries.add(e);
            }
        });
        return entries;
    }

    @Test
    @DisplayName("incident response: a dry run changes nothing; the run signs out the realm and retires the old key")
    void incidentResponse() throws ParseException {
        SignedIn alice = login("alice");
        SignedIn bob = login("bob");
        String oldKid = SignedJWT.parse(alice.accessToken()).getHeader().getKeyID();

        JsonNode preview =
                ok("incident-response", Map.of("reason", "breach", "rotateKey", "retire-old", "dryRun", true));
        assertThat(actions(preview)).containsExactly("sign-out:would-run", "rotate-key:would-run");
        assertThat(preview.get("steps")
                        .get(0)
                        .get("detail")
                        .get("affectedSessions")
                        .asLong())
                .isEqualTo(2);
        alice.assertWorks("alice after the preview");
        assertThat(playbookEntries()).isEmpty();

        JsonNode run = ok("incident-response", Map.of("reason", "breach", "rotateKey", "retire-old"));

        assertThat(actions(run)).containsExactly("sign-out:done", "rotate-key:done");
        assertThat(run.get("steps").get(1).get("detail").get("kid").asText()).isNotEqualTo(oldKid);
        alice.assertSignedOut("alice");
        bob.assertSignedOut("bob");
        String jwks = curfew.get(realm.certsPath()).body();
        assertThat(jwks).doesNotContain(oldKid);
        List<JsonNode> entries = playbookEntries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("reason").asText()).isEqualTo("breach");
        assertThat(entries.get(0).get("detail").get("playbook").asText()).isEqualTo("incident-response");
    }

    @Test
    @DisplayName("incident response with a maintenance window: new sign-ins are refused until it is cleared")
    void incidentResponseWithMaintenance() {
        SignedIn alice = login("alice");
        String end = curfew.clock().instant().plus(Duration.ofHours(1)).toString();

        JsonNode run = ok(
                "incident-response",
                Map.of("reason", "breach", "maintenance", Map.of("message", "Investigating an incident", "end", end)));

        assertThat(actions(run)).containsExactly("start-maintenance:done", "sign-out:done");
        alice.assertSignedOut("alice");
        curfew.clock().advance(Duration.ofSeconds(1));
        assertThat(dev.curfew.server.testing.OidcFlow.login(
                                curfew.browser(), realm, dev.curfew.server.testing.OidcFlow.authParams("web"), "bob")
                        .statusCode())
                .isEqualTo(503);
        assertThat(invalidFields(run(
                        "incident-response",
                        Map.of("reason", "x", "maintenance", Map.of("end", "2020-01-01T00:00:00Z")))))
                .containsExactlyInAnyOrder("maintenance.message", "maintenance.end");
    }

    @Test
    @DisplayName("offboarding: each user disabled and signed out, the others untouched; unknown users are named")
    void offboarding() {
        SignedIn alice = login("alice");
        SignedIn bob = login("bob");

        JsonNode run = ok("offboarding", Map.of("reason", "leaver, HR 812", "usernames", List.of("bob")));

        assertThat(actions(run)).containsExactly("disable-user:done", "sign-out:done");
        bob.assertSignedOut("bob");
        alice.assertWorks("alice");
        assertThat(api.get("/admin/realms/" + realm.name() + "/users/" + bobId)
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(invalidFields(run("offboarding", Map.of("reason", "x", "usernames", List.of("nobody")))))
                .containsExactly("usernames");
        assertThat(invalidFields(run("offboarding", Map.of("reason", "x")))).containsExactly("usernames");
    }

    @Test
    @DisplayName("lost device: only the sessions of that user agent end; the user's other devices keep working")
    void lostDevice() {
        SignedIn phone = SignedIn.login(
                curfew.browser(Map.of("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)")), realm, web, "alice");
        SignedIn laptop = SignedIn.login(
                curfew.browser(Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")), realm, web, "alice");
        curfew.clock().advance(Duration.ofSeconds(1));

        JsonNode run = ok("lost-device", Map.of("reason", "phone stolen", "username", "alice", "userAgent", "iPhone"));

        assertThat(actions(run)).containsExactly("sign-out:done");
        assertThat(run.get("steps").get(0).get("detail").get("affectedSessions").asLong())
                .isEqualTo(1);
        phone.assertSignedOut("the phone");
        laptop.assertWorks("the laptop");
        assertThat(invalidFields(run("lost-device", Map.of("reason", "x", "username", "alice"))))
                .containsExactly("userAgent");
    }

    @Test
    @DisplayName("enforce two-factor: the policy is set and every session signed in without a code ends")
    void enforceTwoFactor() {
        SignedIn alice = login("alice");

        JsonNode run = ok("enforce-two-factor", Map.of("reason", "2FA from today", "who", "everyone"));

        assertThat(actions(run)).containsExactly("set-two-factor-policy:done", "sign-out:done");
        alice.assertTokensDead("alice, signed in with a password only");
        JsonNode rep =
                TestCurfew.json(curfew.get("/admin/realms/" + realm.name(), TestCurfew.bearer(api.adminToken())));
        assertThat(rep.get("twoFactorRequired").asText()).isEqualTo("everyone");

        JsonNode again = ok("enforce-two-factor", Map.of("reason", "again", "who", "everyone", "dryRun", true));
        assertThat(actions(again)).containsExactly("set-two-factor-policy:unchanged", "sign-out:would-run");
        assertThat(invalidFields(run("enforce-two-factor", Map.of("reason", "x", "who", "off"))))
                .containsExactly("who");
    }

    @Test
    @DisplayName("system update: a sign-out planned for the window, in the history as SCHEDULED, cancellable")
    void systemUpdate() {
        SignedIn alice = login("alice");
        String at = curfew.clock().instant().plus(Duration.ofHours(2)).toString();

        JsonNode run = ok("system-update", Map.of("reason", "release 4.2", "at", at, "clientId", "web"));

        assertThat(actions(run)).containsExactly("plan-sign-out:planned");
        String id = run.get("steps").get(0).get("detail").get("signOutId").asText();
        JsonNode planned = api.get("/admin/realms/" + realm.name() + "/sign-outs/" + id);
        assertThat(planned.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(planned.get("scope").get("type").asText()).isEqualTo("client");
        alice.assertWorks("alice before the window");
        assertThat(invalidFields(run("system-update", Map.of("reason", "x")))).containsExactly("at");
        assertThat(invalidFields(run("system-update", Map.of("reason", "x", "at", at, "clientId", "nope"))))
                .containsExactly("clientId");
    }

    @Test
    @DisplayName("password compromise: the users must choose a new password at their next sign-in, and are signed out")
    void passwordCompromise() {
        SignedIn alice = login("alice");
        SignedIn bob = login("bob");

        JsonNode run = ok("password-compromise", Map.of("reason", "breach corpus", "usernames", List.of("bob")));

        assertThat(actions(run)).containsExactly("require-password-change:done", "sign-out:done");
        bob.assertSignedOut("bob");
        alice.assertWorks("alice");
        assertThat(api.get("/admin/realms/" + realm.name() + "/users/" + bobId)
                        .get("requiredActions")
                        .toString())
                .isEqualTo("[\"UPDATE_PASSWORD\"]");
        assertThat(invalidFields(run("password-compromise", Map.of("reason", "x"))))
                .containsExactly("usernames");
    }

    @Test
    @DisplayName("credential sharing: the sessions kept as evidence, those from the network signed out, a new password"
            + " required")
    void credentialSharing() {
        SignedIn bob = login("bob");

        JsonNode preview = ok("credential-sharing", Map.of("reason", "shared", "username", "bob", "dryRun", true));
        assertThat(actions(preview))
                .containsExactly(
                        "record-evidence:would-run", "sign-out:would-run", "require-password-change:would-run");
        bob.assertWorks("bob after the preview");

        JsonNode run =
                ok("credential-sharing", Map.of("reason", "shared account", "username", "bob", "ip", "127.0.0.0/8"));

        assertThat(actions(run))
                .containsExactly("record-evidence:done", "sign-out:done", "require-password-change:done");
        assertThat(run.get("steps")
                        .get(0)
                        .get("detail")
                        .get("sessions")
                        .get(0)
                        .get("sessionId")
                        .asText())
                .isEqualTo(bob.sid());
        bob.assertSignedOut("bob");
        JsonNode entry = playbookEntries().get(0);
        assertThat(entry.get("detail").toString()).contains(bob.sid(), "record-evidence");
    }

    @Test
    @DisplayName("compliance: a weekly sign-out of one application as a schedule, and the report of this moment;"
            + " a dry run plans nothing")
    void compliance() {
        login("alice");
        login("bob");
        Map<String, Object> weekly = Map.of("frequency", "weekly", "dayOfWeek", "sunday", "time", "02:00");
        Map<String, Object> scope = Map.of("type", "client", "clientId", "web");

        JsonNode preview = ok(
                "compliance", Map.of("reason", "ISO 27001 A.9", "recurrence", weekly, "scope", scope, "dryRun", true));
        assertThat(actions(preview)).containsExactly("schedule-sign-out:would-run", "sessions-report:would-run");
        assertThat(api.get("/admin/realms/" + realm.name() + "/sign-out-schedules")
                        .get("schedules"))
                .isEmpty();

        JsonNode run = ok("compliance", Map.of("reason", "ISO 27001 A.9", "recurrence", weekly, "scope", scope));

        assertThat(actions(run)).containsExactly("schedule-sign-out:planned", "sessions-report:done");
        JsonNode schedule = api.get("/admin/realms/" + realm.name() + "/sign-out-schedules")
                .get("schedules")
                .get(0);
        assertThat(schedule.get("id").asText())
                .isEqualTo(
                        run.get("steps").get(0).get("detail").get("scheduleId").asText());
        assertThat(schedule.get("scope").get("type").asText()).isEqualTo("client");
        JsonNode report = run.get("steps").get(1).get("detail");
        assertThat(report.get("sessions").asLong()).isEqualTo(2);
        JsonNode json =
                TestCurfew.json(curfew.get(report.get("json").asText(), TestCurfew.bearer(curfew.adminToken())));
        assertThat(json.get("total").asLong()).isEqualTo(2);
        assertThat(invalidFields(run("compliance", Map.of("reason", "x")))).containsExactly("recurrence");
        assertThat(invalidFields(run(
                        "compliance",
                        Map.of("reason", "x", "recurrence", Map.of("frequency", "hourly", "time", "02:00")))))
                .containsExactly("recurrence.frequency");
    }

    @Test
    @DisplayName("migration: a maintenance window, the realm signed out, and where to read the export, which holds"
            + " the users and no secret")
    void migration() {
        SignedIn alice = login("alice");
        Map<String, Object> window = Map.of("message", "Moving to the new platform");

        JsonNode preview = ok("migration", Map.of("reason", "Move to region B", "maintenance", window, "dryRun", true));
        assertThat(actions(preview))
                .containsExactly("start-maintenance:would-run", "sign-out:would-run", "export:would-run");
        alice.assertWorks("alice after the preview");

        JsonNode run = ok("migration", Map.of("reason", "Move to region B", "maintenance", window));

        assertThat(actions(run)).containsExactly("start-maintenance:done", "sign-out:done", "export:done");
        alice.assertSignedOut("alice");
        JsonNode maintenance = api.get("/admin/realms/" + realm.name() + "/maintenance");
        assertThat(maintenance.get("message").asText()).isEqualTo("Moving to the new platform");
        JsonNode export = run.get("steps").get(2).get("detail");
        assertThat(export.get("method").asText()).isEqualTo("POST");
        HttpResponse<String> exported =
                curfew.postJson(export.get("path").asText(), Map.of(), TestCurfew.bearer(curfew.adminToken()));
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(TestCurfew.json(exported).get("users").findValuesAsText("username"))
                .contains("alice", "bob");
        assertThat(invalidFields(run("migration", Map.of("reason", "x")))).containsExactly("maintenance");
        curfew.delete(
                "/admin/realms/" + realm.name() + "/maintenance?reason=done", TestCurfew.bearer(curfew.adminToken()));
    }

    @Test
    @DisplayName("every playbook needs a reason, and its privilege: a session viewer gets 403")
    void reasonAndPrivilege() {
        for (String playbook : List.of(
                "incident-response",
                "offboarding",
                "lost-device",
                "enforce-two-factor",
                "system-update",
                "password-compromise",
                "credential-sharing",
                "compliance",
                "migration")) {
            assertThat(invalidFields(run(playbook, Map.of("dryRun", true))))
                    .as(playbook)
                    .contains("reason");
            problem(
                    curfew.postJson(
                            "/admin/realms/" + realm.name() + "/playbooks/" + playbook,
                            Map.of("reason", "x", "dryRun", true),
                            TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + realm.name()))),
                    403);
        }
    }
}
