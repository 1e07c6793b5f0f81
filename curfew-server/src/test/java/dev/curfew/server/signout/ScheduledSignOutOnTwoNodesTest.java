package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two nodes on one PostgreSQL database start a due planned sign-out, and run a schedule's slot, once")
class ScheduledSignOutOnTwoNodesTest {
    private static final int ROUNDS = 5;
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Test
    @DisplayName("both nodes' housekeeping looking for due sign-outs at the same moment: one starts each, once")
    void twoHousekeepingsStartEachDueSignOutOnce() throws Exception {
        MutableClock clock = new MutableClock();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                TestCurfew one = TestCurfew.start(db(postgres), clock);
                TestCurfew two = TestCurfew.start(db(postgres), clock);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            TestRealm realm = TestRealm.create(one);
            ConfidentialClient web = realm.confidentialClient("web");
            realm.user("alice");
            for (int round = 0; round < ROUNDS; round++) {
                // A fresh administrator token each round: each moves the clock on by a minute.
                SignOutApi api = new SignOutApi(one);
                SignedIn.login(realm, web, "alice");
                String id = TestCurfew.json(expect(
                                api.post(
                                        realm.name(),
                                        body(
                                                realmScope(),
                                                "round " + round,
                                                "at",
                                                clock.instant().plusSeconds(60).toString())),
                                201))
                        .get("id")
                        .asText();
                clock.advance(Duration.ofSeconds(61));

                race(threads, one, two);

                JsonNode ran = api.awaitCompleted(realm.name(), id);
                assertThat(ran.get("affectedSessions").asLong())
                        .as("round %d", round)
                        .isEqualTo(1);
                assertThat(auditActions(api, realm.name(), id))
                        .as("round %d: audit entries of sign-out %s", round, id)
                        .containsOnlyOnce("sign-out", "sign-out-completed");
                // Past the second of the cut-off, so the next round's session is not taken for one before it.
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    @DisplayName("both nodes looking at a daily schedule's slot at the same moment: one sign-out runs for each slot")
    void twoHousekeepingsRunEachScheduleSlotOnce() throws Exception {
        MutableClock clock = new MutableClock();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                TestCurfew one = TestCurfew.start(db(postgres), clock);
                TestCurfew two = TestCurfew.start(db(postgres), clock);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            TestRealm realm = TestRealm.create(one);
            realm.user("alice");
            Instant slot = clock.instant().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
            String scheduleId = TestCurfew.json(expect(
                            one.postJson(
                                    "/admin/realms/" + realm.name() + "/sign-out-schedules",
                                    Map.of(
                                            "scope",
                                            realmScope(),
                                            "reason",
                                            "nightly",
                                            "recurrence",
                                            Map.of("frequency", "daily", "time", HH_MM.format(slot))),
                                    TestCurfew.bearer(new SignOutApi(one).adminToken())),
                            201))
                    .get("id")
                    .asText();

            for (int day = 0; day < ROUNDS; day++) {
                clock.set(slot.plus(Duration.ofDays(day)).plusSeconds(1));
                race(threads, one, two);
            }

            SignOutApi api = new SignOutApi(one);
            List<Instant> runs = new ArrayList<>();
            api.history(realm.name()).get("signOuts").forEach(s -> {
                if (s.path("scheduleId").asText().equals(scheduleId)) {
                    runs.add(Instant.parse(s.get("runAt").asText()));
                }
            });
            assertThat(runs).hasSize(ROUNDS).doesNotHaveDuplicates();
        }
    }

    /** Both nodes' housekeeping looks for due work at the same moment. */
    private static void race(ExecutorService threads, TestCurfew one, TestCurfew two) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (TestCurfew node : List.of(one, two)) {
            runs.add(threads.submit(() -> {
                go.await();
                node.server().housekeeping().startDue();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> run : runs) {
            run.get();
        }
    }

    private static Map<String, String> db(EmbeddedPostgres postgres) {
        return Map.of("db-url", postgres.getJdbcUrl("postgres", "postgres"), "db-username", "postgres");
    }

    private static List<String> auditActions(SignOutApi api, String realm, String signOutId) {
        List<String> actions = new ArrayList<>();
        api.audit(realm).get("entries").forEach(e -> {
            if (e.path("detail").path("signOutId").asText().equals(signOutId)) {
                actions.add(e.get("action").asText());
            }
        });
        return actions;
    }
}
