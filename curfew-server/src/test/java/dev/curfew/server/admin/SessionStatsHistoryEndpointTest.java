package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.store.SessionStatsStore.Sample;
import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Admin API: GET .../session-stats, the active sessions housekeeping records every minute and the sessions started each hour")
class SessionStatsHistoryEndpointTest {
    static TestCurfew curfew;
    AdminApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    /** A fresh administrator token for each test: some move the clock hours on. */
    @BeforeEach
    void signIn() {
        api = new AdminApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static String path(String realm) {
        return "/admin/realms/" + realm + "/session-stats";
    }

    private static List<String> times(JsonNode samples) {
        List<String> at = new ArrayList<>();
        samples.forEach(s -> at.add(s.get("at").asText()));
        return at;
    }

    private static List<Long> counts(JsonNode samples) {
        List<Long> active = new ArrayList<>();
        samples.forEach(s -> active.add(s.get("active").asLong()));
        return active;
    }

    @Test
    // The store keeps times to the millisecond.
    @DisplayName("lists each housekeeping run's count of the realm's sessions, oldest first, as ISO instants")
    void listsRecordedSamplesOldestFirst() {
        String realm = api.newRealm();
        api.createUser(realm, "ada");
        assertThat(json(expect(api.get(path(realm)), 200)).get("samples")).isEmpty();

        api.login(realm, AdminApi.CLI, "ada");
        api.login(realm, AdminApi.CLI, "ada");
        Instant first = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        curfew.server().housekeeping().runOnce();
        curfew.clock().advance(Duration.ofMinutes(1));
        api.login(realm, AdminApi.CLI, "ada");
        Instant second = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        curfew.server().housekeeping().runOnce();

        JsonNode body = json(expect(new AdminApi(curfew).get(path(realm)), 200));

        assertThat(body.get("realm").asText()).isEqualTo(realm);
        assertThat(times(body.get("samples"))).containsExactly(first.toString(), second.toString());
        assertThat(counts(body.get("samples"))).containsExactly(2L, 3L);
    }

    @Test
    @DisplayName("counts every session started, per hour, signed-out ones included")
    void countsSessionsStartedPerHourSignedOutOnesIncluded() {
        String realm = api.newRealm();
        String ada = api.createUser(realm, "ada");
        Instant firstHour = curfew.clock().instant().truncatedTo(ChronoUnit.HOURS);
        assertThat(json(expect(api.get(path(realm)), 200)).get("starts")).isEmpty();
        api.login(realm, AdminApi.CLI, "ada");
        api.login(realm, AdminApi.CLI, "ada");
        curfew.clock().advance(Duration.ofHours(1));
        api.login(realm, AdminApi.CLI, "ada");
        // The sessions table forgets them once the sign-out's clean-up has run; the count of starts does not.
        curfew.clock().advance(Duration.ofSeconds(1));
        // An hour on, the administrator's earlier token has expired.
        AdminApi later = new AdminApi(curfew);
        expect(later.post("/admin/realms/" + realm + "/users/" + ada + "/logout", Map.of()), 204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> json(expect(later.get("/admin/realms/" + realm + "/sessions?max=1"), 200))
                                .get("total")
                                .asLong()
                        == 0);

        JsonNode starts = json(expect(later.get(path(realm)), 200)).get("starts");

        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).get("hour").asText()).isEqualTo(firstHour.toString());
        assertThat(starts.get(0).get("started").asLong()).isEqualTo(2);
        assertThat(starts.get(1).get("hour").asText())
                .isEqualTo(firstHour.plus(Duration.ofHours(1)).toString());
        assertThat(starts.get(1).get("started").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("hours bounds how far back the samples go; 24 by default")
    void hoursBoundsTheWindow() {
        String realm = api.newRealm();
        Instant old = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        curfew.server().housekeeping().runOnce();
        curfew.clock().advance(Duration.ofHours(2));
        Instant recent = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        curfew.server().housekeeping().runOnce();
        // Two hours on, the administrator's earlier token has expired.
        AdminApi later = new AdminApi(curfew);

        assertThat(times(json(expect(later.get(path(realm) + "?hours=1"), 200)).get("samples")))
                .containsExactly(recent.toString());
        assertThat(times(json(expect(later.get(path(realm) + "?hours=3"), 200)).get("samples")))
                .containsExactly(old.toString(), recent.toString());
        assertThat(times(json(expect(later.get(path(realm)), 200)).get("samples")))
                .containsExactly(old.toString(), recent.toString());
    }

    @Test
    @DisplayName("answers 400 naming hours when it is not a whole number from 1 to 720")
    void rejectsBadHours() {
        String realm = api.newRealm();

        for (String bad : List.of("0", "721", "-1", "x", "1.5", "")) {
            assertThat(invalidFields(api.get(path(realm) + "?hours=" + bad)))
                    .as("hours=%s", bad)
                    .containsExactly("hours");
        }
        expect(api.get(path(realm) + "?hours=1"), 200);
        expect(api.get(path(realm) + "?hours=720"), 200);
    }

    @Test
    @DisplayName(
            "lets a session viewer and an auth administrator read; 403 to others, 401 without a token, 404 unknown realm")
    void needsSessionViewerOrAuthAdministrator() {
        String realm = api.newRealm();

        expect(curfew.get(path(realm), TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + realm))), 200);
        expect(curfew.get(path(realm), TestCurfew.bearer(api.tokenWith("AUTH_ADMINISTRATOR@" + realm))), 200);
        problem(curfew.get(path(realm), TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm))), 403);
        problem(curfew.get(path(realm), TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + api.newRealm()))), 403);
        problem(curfew.get(path(realm)), 401);
        problem(api.get(path("no-such-realm")), 404);
    }

    @Test
    @DisplayName("housekeeping purges samples older than 30 days")
    void housekeepingPurgesOldSamples() {
        try (TestCurfew own = TestCurfew.start()) {
            String master = own.services()
                    .store()
                    .realms()
                    .findByName("master")
                    .orElseThrow()
                    .id();
            Instant old = own.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            own.server().housekeeping().runOnce();
            own.clock().advance(Duration.ofDays(30));
            Instant lastDay = own.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            own.server().housekeeping().runOnce();
            own.clock().advance(Duration.ofMillis(1));
            Instant now = own.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            own.server().housekeeping().runOnce();

            assertThat(own.services().store().sessionStats().since(master, old).stream()
                            .map(Sample::at))
                    .containsExactly(lastDay, now);
        }
    }

    @Test
    @DisplayName("housekeeping purges the counts of sessions started more than 30 days ago")
    void housekeepingPurgesOldStarts() {
        try (TestCurfew own = TestCurfew.start()) {
            String master = own.services()
                    .store()
                    .realms()
                    .findByName("master")
                    .orElseThrow()
                    .id();
            Instant old = own.clock().instant();
            own.adminToken();
            own.clock().advance(Duration.ofDays(30).plusHours(1));
            own.adminToken();
            own.server().housekeeping().runOnce();

            assertThat(own.services().store().sessionStats().startsSince(master, old))
                    .extracting(h -> h.hour())
                    .containsExactly(own.clock().instant().truncatedTo(ChronoUnit.HOURS));
        }
    }
}
