package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static dev.curfew.server.testing.SignOutApi.problem;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sign-out planned for later waits SCHEDULED, can be cancelled, and runs once when it is due")
class ScheduledSignOutTest {
    static TestCurfew curfew;

    SignOutApi api;
    TestRealm realm;
    ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void realm() {
        // A fresh administrator token per test: tests move the clock on by hours.
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
    }

    /** Now, to the millisecond: times are stored in epoch milliseconds. */
    private static Instant now() {
        return curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void advance(Duration by) {
        curfew.clock().advance(by);
    }

    private JsonNode plan(Map<String, Object> scope, Instant at) {
        return TestCurfew.json(
                expect(api.post(realm.name(), body(scope, "end of the exam", "at", at.toString())), 201));
    }

    private JsonNode signOut(String id) {
        return api.get("/admin/realms/" + realm.name() + "/sign-outs/" + id);
    }

    private HttpResponse<String> cancel(String id) {
        return curfew.postJson(
                "/admin/realms/" + realm.name() + "/sign-outs/" + id + "/cancel",
                Map.of(),
                TestCurfew.bearer(api.adminToken()));
    }

    @Test
    @DisplayName("a realm sign-out planned for later ends nothing before its time, then runs:"
            + " SCHEDULED, then RUNNING or COMPLETED, started when it was due")
    void plannedRealmSignOutRunsWhenDue() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        Instant at = now().plusSeconds(60);

        JsonNode planned = plan(realmScope(), at);
        String id = planned.get("id").asText();

        assertThat(planned.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(planned.get("runAt").asText())).isEqualTo(at);
        assertThat(planned.has("startedAt")).isFalse();
        assertThat(api.history(realm.name())
                        .get("signOuts")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("SCHEDULED");

        advance(Duration.ofSeconds(59));
        curfew.server().housekeeping().startDue();
        assertThat(signOut(id).get("status").asText()).isEqualTo("SCHEDULED");
        alice.assertWorks("a session while the sign-out is not yet due");

        advance(Duration.ofSeconds(1));
        Instant due = now();
        curfew.server().housekeeping().startDue();

        JsonNode ran = api.awaitCompleted(realm.name(), id);
        assertThat(Instant.parse(ran.get("startedAt").asText())).isEqualTo(due);
        assertThat(Instant.parse(ran.get("cutOff").asText())).isEqualTo(due);
        assertThat(ran.get("affectedSessions").asLong()).isEqualTo(1);
        advance(Duration.ofSeconds(1));
        alice.assertSignedOut("a session from before the planned sign-out ran");
    }

    @Test
    @DisplayName("a sign-out due while no node was up runs late, once, when one is back: startedAt says when")
    void missedSignOutRunsLate() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        JsonNode planned = plan(userScope(alice.userId()), now().plusSeconds(60));
        String id = planned.get("id").asText();

        advance(Duration.ofHours(3));
        Instant late = now();
        curfew.server().housekeeping().startDue();
        curfew.server().housekeeping().startDue();
        api = new SignOutApi(curfew);

        JsonNode ran = api.awaitCompleted(realm.name(), id);
        assertThat(Instant.parse(ran.get("startedAt").asText())).isEqualTo(late);
        assertThat(Instant.parse(ran.get("runAt").asText())).isBefore(late);
        assertThat(auditActions(id)).containsOnlyOnce("sign-out");
        advance(Duration.ofSeconds(1));
        alice.assertSignedOut("alice's session after the late run");
    }

    @Test
    @DisplayName("a filter is matched when the sign-out runs: a session started after it was planned is ended too")
    void filterIsEvaluatedWhenItRuns() {
        SignedIn before = SignedIn.login(realm, web, "alice");
        SignedIn bob = SignedIn.login(realm, web, "bob");
        JsonNode planned = plan(filterScope(Map.of("userIds", List.of(before.userId()))), now().plusSeconds(60));
        advance(Duration.ofSeconds(30));
        SignedIn after = SignedIn.login(realm, web, "alice");
        advance(Duration.ofSeconds(31));

        curfew.server().housekeeping().startDue();

        JsonNode ran = signOut(planned.get("id").asText());
        assertThat(ran.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(ran.get("affectedSessions").asLong()).isEqualTo(2);
        before.assertSignedOut("alice's session from before the plan");
        after.assertSignedOut("alice's session started after the plan, before it ran");
        bob.assertWorks("a session the filter does not match");
    }

    @Test
    @DisplayName("a cancelled sign-out never runs; cancelling it again, or a sign-out that ran, is a 409;"
            + " the audit log says who cancelled it")
    void cancelledSignOutNeverRuns() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        String id = plan(realmScope(), now().plusSeconds(60)).get("id").asText();

        HttpResponse<String> cancelled = expect(cancel(id), 200);
        assertThat(TestCurfew.json(cancelled).get("status").asText()).isEqualTo("CANCELLED");

        advance(Duration.ofSeconds(90));
        curfew.server().housekeeping().startDue();
        assertThat(signOut(id).get("status").asText()).isEqualTo("CANCELLED");
        alice.assertWorks("a session after the cancelled sign-out's time");

        assertThat(problem(cancel(id), 409).get("detail").asText()).contains("CANCELLED");
        JsonNode cancelEntry = auditEntries(id).stream()
                .filter(e -> e.get("action").asText().equals("sign-out-cancelled"))
                .findFirst()
                .orElseThrow();
        assertThat(cancelEntry.get("actor").get("username").asText()).isEqualTo(TestCurfew.ADMIN_USER);

        String ran = api.signOut(realm.name(), userScope(alice.userId()), "ran at once")
                .get("id")
                .asText();
        assertThat(problem(cancel(ran), 409).get("detail").asText()).contains("SCHEDULED");
        problem(cancel("no-such-sign-out"), 404);
    }

    @Test
    @DisplayName("'at' is refused, naming the field, when it is malformed, in the past or more than 366 days ahead")
    void atIsValidated() {
        for (String at : List.of(
                "tomorrow",
                "2026-12-24T18:00:00",
                now().minus(Duration.ofMinutes(2)).toString(),
                now().plus(Duration.ofDays(367)).toString())) {
            assertThat(invalidFields(api.post(realm.name(), body(realmScope(), "exam", "at", at))))
                    .as("at = %s", at)
                    .containsExactly("at");
        }
        assertThat(api.history(realm.name()).get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("'at' a few seconds past (a caller's clock behind) or with an offset is accepted")
    void atWithinToleranceOrWithAnOffsetIsAccepted() {
        JsonNode justPast = plan(realmScope(), now().minusSeconds(5));
        assertThat(justPast.get("status").asText()).isEqualTo("SCHEDULED");

        String withOffset = now().plus(Duration.ofHours(2))
                .atOffset(java.time.ZoneOffset.ofHours(2))
                .toString();
        JsonNode offset =
                TestCurfew.json(expect(api.post(realm.name(), body(realmScope(), "exam", "at", withOffset)), 201));
        assertThat(Instant.parse(offset.get("runAt").asText())).isEqualTo(now().plus(Duration.ofHours(2)));
    }

    private List<JsonNode> auditEntries(String signOutId) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        api.audit(realm.name()).get("entries").forEach(e -> {
            if (e.path("detail").path("signOutId").asText().equals(signOutId)) {
                entries.add(e);
            }
        });
        return entries;
    }

    private List<String> auditActions(String signOutId) {
        return auditEntries(signOutId).stream()
                .map(e -> e.get("action").asText())
                .toList();
    }
}
