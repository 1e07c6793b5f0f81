package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static dev.curfew.server.testing.SignOutApi.problem;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sign-out schedule runs an ordinary sign-out at each daily or weekly slot, once, and a missed one once")
class SignOutScheduleTest {
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    static TestCurfew curfew;

    SignOutApi api;
    TestRealm realm;
    ConfidentialClient web;
    String aliceId;

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
        // A fresh administrator token per test: tests move the clock on by days.
        api = new SignOutApi(curfew);
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        aliceId = realm.user("alice").id();
    }

    private String path() {
        return "/admin/realms/" + realm.name() + "/sign-out-schedules";
    }

    private HttpResponse<String> create(Object body) {
        return curfew.postJson(path(), body, TestCurfew.bearer(api.adminToken()));
    }

    private static Map<String, Object> body(Map<String, Object> scope, Map<String, Object> recurrence) {
        Map<String, Object> body = new HashMap<>();
        body.put("scope", scope);
        body.put("reason", "nightly clean slate");
        body.put("recurrence", recurrence);
        return body;
    }

    /** The next whole minute two hours from now, and the daily recurrence at that time of day. */
    private static Instant inTwoHours() {
        return curfew.clock().instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    }

    private static Map<String, Object> dailyAt(Instant slot) {
        return Map.of("frequency", "daily", "time", HH_MM.format(slot));
    }

    private List<JsonNode> runsOf(String scheduleId) {
        List<JsonNode> runs = new ArrayList<>();
        api.history(realm.name()).get("signOuts").forEach(s -> {
            if (s.path("scheduleId").asText().equals(scheduleId)) {
                runs.add(s);
            }
        });
        return runs;
    }

    @Test
    @DisplayName("a daily schedule is listed with its next run, and at that time runs a sign-out linked back to it")
    void dailyScheduleRunsAtItsTime() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        Instant slot = inTwoHours();

        JsonNode created = TestCurfew.json(expect(create(body(userScope(alice.userId()), dailyAt(slot))), 201));
        String id = created.get("id").asText();

        assertThat(Instant.parse(created.get("nextRunAt").asText())).isEqualTo(slot);
        assertThat(created.get("recurrence").get("frequency").asText()).isEqualTo("daily");
        assertThat(api.get(path()).get("schedules").get(0).get("id").asText()).isEqualTo(id);

        curfew.clock().set(slot.minusSeconds(1));
        api = new SignOutApi(curfew);
        curfew.server().housekeeping().startDue();
        assertThat(runsOf(id)).isEmpty();

        curfew.clock().set(slot.plusSeconds(2));
        curfew.server().housekeeping().startDue();

        List<JsonNode> runs = runsOf(id);
        assertThat(runs).hasSize(1);
        JsonNode run = api.awaitCompleted(realm.name(), runs.get(0).get("id").asText());
        assertThat(Instant.parse(run.get("runAt").asText())).isEqualTo(slot);
        assertThat(run.get("reason").asText()).isEqualTo("nightly clean slate");
        assertThat(run.get("affectedSessions").asLong()).isEqualTo(1);
        assertThat(Instant.parse(
                        api.get(path()).get("schedules").get(0).get("nextRunAt").asText()))
                .isEqualTo(slot.plus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("slots missed while no node ran give one run when a node is back, not one per missed slot")
    void missedSlotsRunOnce() {
        Instant slot = inTwoHours();
        String id = TestCurfew.json(expect(create(body(userScope(aliceId), dailyAt(slot))), 201))
                .get("id")
                .asText();

        curfew.clock().set(slot.plus(Duration.ofDays(3)).plusSeconds(30));
        api = new SignOutApi(curfew);
        curfew.server().housekeeping().startDue();
        curfew.server().housekeeping().startDue();

        assertThat(runsOf(id)).hasSize(1);
        assertThat(Instant.parse(
                        api.get(path()).get("schedules").get(0).get("nextRunAt").asText()))
                .isEqualTo(slot.plus(Duration.ofDays(4)));
    }

    @Test
    @DisplayName("a deleted schedule runs no more, deleting it again is a 404, and both are audited")
    void deletedScheduleRunsNoMore() {
        Instant slot = inTwoHours();
        String id = TestCurfew.json(expect(
                        create(body(
                                userScope(aliceId),
                                Map.of("frequency", "weekly", "dayOfWeek", "friday", "time", HH_MM.format(slot)))),
                        201))
                .get("id")
                .asText();

        expect(curfew.delete(path() + "/" + id, TestCurfew.bearer(api.adminToken())), 204);
        problem(curfew.delete(path() + "/" + id, TestCurfew.bearer(api.adminToken())), 404);

        curfew.clock().set(slot.plus(Duration.ofDays(8)));
        api = new SignOutApi(curfew);
        curfew.server().housekeeping().startDue();
        assertThat(runsOf(id)).isEmpty();
        assertThat(api.get(path()).get("schedules")).isEmpty();
        List<String> actions = new ArrayList<>();
        api.audit(realm.name()).get("entries").forEach(e -> {
            if (e.path("detail").path("scheduleId").asText().equals(id)) {
                actions.add(e.get("action").asText());
            }
        });
        assertThat(actions).containsExactlyInAnyOrder("sign-out-schedule-created", "sign-out-schedule-deleted");
    }

    @Test
    @DisplayName("a bad recurrence is a 400 naming the field, alongside a bad scope; nothing is created")
    void badRecurrenceIsRefused() {
        Map<String, Object> user = userScope(aliceId);
        assertThat(invalidFields(create(body(user, Map.of("frequency", "hourly", "time", "18:00")))))
                .containsExactly("recurrence.frequency");
        assertThat(invalidFields(create(body(user, Map.of("frequency", "daily", "time", "25:00")))))
                .containsExactly("recurrence.time");
        assertThat(invalidFields(create(body(user, Map.of("frequency", "daily", "time", "6pm")))))
                .containsExactly("recurrence.time");
        assertThat(invalidFields(create(body(user, Map.of("frequency", "weekly", "time", "18:00")))))
                .containsExactly("recurrence.dayOfWeek");
        assertThat(invalidFields(
                        create(body(user, Map.of("frequency", "weekly", "dayOfWeek", "someday", "time", "18:00")))))
                .containsExactly("recurrence.dayOfWeek");
        assertThat(invalidFields(
                        create(body(user, Map.of("frequency", "daily", "dayOfWeek", "MONDAY", "time", "18:00")))))
                .containsExactly("recurrence.dayOfWeek");
        Map<String, Object> noRecurrence = new HashMap<>(body(user, Map.of()));
        noRecurrence.remove("recurrence");
        assertThat(invalidFields(create(noRecurrence))).containsExactly("recurrence");
        assertThat(invalidFields(create(body(userScope("nobody"), Map.of("frequency", "daily")))))
                .containsExactlyInAnyOrder("scope.userId", "recurrence.time");
        assertThat(api.get(path()).get("schedules")).isEmpty();
    }
}
