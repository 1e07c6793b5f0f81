package dev.curfew.server.signout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("One bad filter stopped the server from ever starting again: a sign-out that cannot finish is FAILED,"
        + " and the server starts")
class UnresumableSignOutTest {
    /** A filter the admin API refuses today, written before it did: its time overflows epoch milliseconds. */
    static final String OVERFLOWING_FILTER =
            "{\"type\":\"filter\",\"filter\":{\"createdAfter\":\"-1000000000-01-01T00:00:00Z\"}}";

    @TempDir
    Path dataDir;

    Map<String, String> fileDatabase() {
        return Map.of("db-url", "jdbc:h2:file:" + dataDir.resolve("curfew"), "data-dir", dataDir.toString());
    }

    @Test
    @DisplayName("a RUNNING filter sign-out whose resume throws: the server starts, the sign-out is FAILED with the"
            + " error, audited, and its realm works")
    void resumeThatThrowsMarksTheSignOutFailed() {
        MutableClock clock = new MutableClock();
        TestCurfew first = TestCurfew.start(fileDatabase(), clock);
        TestRealm realm = TestRealm.create(first);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");
        first.services().store().signOuts().create(running(realm.realm(), "unresumable-1", OVERFLOWING_FILTER, clock));
        first.close();

        TestCurfew second = TestCurfew.start(fileDatabase(), clock);
        try {
            SignOutApi api = new SignOutApi(second);
            JsonNode failed = api.get("/admin/realms/" + realm.name() + "/sign-outs/unresumable-1");
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("error").asText())
                    .isEqualTo("resuming it at start-up failed: ArithmeticException: long overflow");
            assertThat(failed.has("completedAt")).isFalse();
            assertThat(api.history(realm.name())
                            .get("signOuts")
                            .get(0)
                            .get("error")
                            .asText())
                    .contains("long overflow");
            assertThat(failedEntries(api, realm.name())).singleElement().satisfies(e -> {
                assertThat(e.get("detail").get("signOutId").asText()).isEqualTo("unresumable-1");
                assertThat(e.get("detail").get("error").asText()).contains("long overflow");
                assertThat(e.get("reason").asText()).isEqualTo("typo");
            });
            clock.advance(Duration.ofSeconds(1));
            TestRealm again = TestRealm.existing(second, realm.name());
            alice.movedTo(again).assertWorks("alice, whom the failed filter never reached");
            SignedIn.login(again, web, "alice").assertWorks("a login after the start");
        } finally {
            second.close();
        }

        TestCurfew third = TestCurfew.start(fileDatabase(), clock);
        try {
            SignOutApi api = new SignOutApi(third);
            assertThat(failedEntries(api, realm.name()))
                    .as("a FAILED sign-out is not resumed, nor failed again, at the next start")
                    .hasSize(1);
            assertThat(api.get("/admin/realms/" + realm.name() + "/sign-outs/unresumable-1")
                            .get("status")
                            .asText())
                    .isEqualTo("FAILED");
        } finally {
            third.close();
        }
    }

    @Test
    @DisplayName("a realm sign-out whose clean-up throws in the background is FAILED with the error, audited, and"
            + " its cut-off stays in force")
    void cleanUpThatThrowsMarksTheSignOutFailed() {
        MutableClock clock = new MutableClock();
        TestCurfew first = TestCurfew.start(fileDatabase(), clock);
        TestRealm realm = TestRealm.create(first);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn before = SignedIn.login(realm, web, "alice");
        clock.advance(Duration.ofSeconds(1));
        Realm stored = realm.realm();
        Instant cutOff = clock.instant();
        // The cut-off is written, but the history row lost its copy of it: the clean-up cannot know which
        // sessions to remove.
        SignOut withoutCutOff = running(stored, "cleanup-fails-1", "{\"type\":\"realm\"}", clock);
        first.services().store().inTransaction(tx -> {
            tx.realms().setNotBefore(stored.id(), cutOff);
            tx.signOuts().create(withoutCutOff);
            return null;
        });
        first.close();

        TestCurfew second = TestCurfew.start(fileDatabase(), clock);
        try {
            SignOutApi api = new SignOutApi(second);
            String path = "/admin/realms/" + realm.name() + "/sign-outs/cleanup-fails-1";
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !api.get(path).get("status").asText().equals("RUNNING"));
            JsonNode failed = api.get(path);
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("error").asText())
                    .startsWith("cleaning up after the cut-off failed: NoSuchElementException");
            assertThat(failedEntries(api, realm.name())).hasSize(1);
            clock.advance(Duration.ofSeconds(1));
            TestRealm again = TestRealm.existing(second, realm.name());
            before.movedTo(again).assertSignedOut("a session from before the realm's cut-off");
            SignedIn.login(again, web, "alice").assertWorks("a login after the cut-off");
        } finally {
            second.close();
        }
    }

    private static SignOut running(Realm realm, String id, String scopeDetail, MutableClock clock) {
        return new SignOut(
                id,
                realm.id(),
                scopeDetail.contains("\"filter\"") ? "filter" : "realm",
                scopeDetail,
                "typo",
                "admin-id",
                "admin",
                "AUTH_ADMINISTRATOR",
                "req-" + id,
                "127.0.0.1",
                Optional.empty(),
                0,
                SignOut.Status.RUNNING,
                clock.instant(),
                Optional.empty(),
                Optional.empty());
    }

    private static List<JsonNode> failedEntries(SignOutApi api, String realm) {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/admin/realms/" + realm + "/audit?action=sign-out-failed")
                .get("entries")
                .forEach(entries::add);
        return entries;
    }
}
