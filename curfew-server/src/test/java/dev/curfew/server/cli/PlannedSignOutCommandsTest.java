package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew sign-out --at, curfew sign-out cancel and curfew schedules list|create|delete")
class PlannedSignOutCommandsTest {
    @TempDir
    static Path dir;

    static CliKit kit;

    @BeforeAll
    static void start() {
        kit = CliKit.start(dir);
    }

    @AfterAll
    static void stop() {
        kit.close();
    }

    private static JsonNode signOut(TestRealm realm, String id) {
        return TestCurfew.json(kit.curfew.get(
                "/admin/realms/" + realm.name() + "/sign-outs/" + id, TestCurfew.bearer(kit.curfew.adminToken())));
    }

    @Test
    @DisplayName("--at plans the sign-out: SCHEDULED, the user's session still works, and it says how to cancel")
    void atPlansTheSignOut() {
        TestRealm realm = kit.realm();
        realm.user("ann");
        JsonNode session = kit.login(realm, "ann");
        String at = kit.curfew
                .clock()
                .instant()
                .plus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();

        var run = kit.run("sign-out", "--realm", realm.name(), "--user", "ann", "--reason", "last day", "--at", at);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Planned the sign-out of user ann of realm '" + realm.name() + "' for ")
                .contains("SCHEDULED")
                .contains("curfew sign-out cancel --realm " + realm.name() + " ");
        String id = run.out().replaceAll("(?s).*Sign-out (\\S+) \\(cancel it.*", "$1");
        assertThat(signOut(realm, id).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(signOut(realm, id).get("runAt").asText())).isEqualTo(Instant.parse(at));
        assertThat(kit.userinfoStatus(realm, session)).isEqualTo(200);
    }

    @Test
    @DisplayName("cancel cancels a planned sign-out; cancelling it again is the API's 409 (exit 6) with its message")
    void cancelAPlannedSignOut() {
        TestRealm realm = kit.realm();
        realm.user("ann");
        String at = kit.curfew.clock().instant().plus(Duration.ofHours(1)).toString();
        String id = SignOutCommandTest.json(kit.run(
                                "sign-out",
                                "--realm",
                                realm.name(),
                                "--all-sessions",
                                "--yes",
                                "--reason",
                                "exam",
                                "--at",
                                at,
                                "--json")
                        .out())
                .get("id")
                .asText();

        var run = kit.run("sign-out", "cancel", "--realm", realm.name(), id);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Cancelled sign-out " + id + " of every session of realm '" + realm.name() + "'");
        assertThat(signOut(realm, id).get("status").asText()).isEqualTo("CANCELLED");
        var again = kit.run("sign-out", "cancel", "--realm", realm.name(), id);
        assertThat(again.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(again.err()).contains("CANCELLED");
    }

    @Test
    @DisplayName(
            "an --at in the past is the API's 400 (exit 6) naming 'at'; sign-out without --realm is still a usage error")
    void badAt() {
        TestRealm realm = kit.realm();
        realm.user("ann");

        var past = kit.run(
                "sign-out", "--realm", realm.name(), "--user", "ann", "--reason", "x", "--at", "2020-01-01T00:00:00Z");
        assertThat(past.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(past.err()).contains("at").contains("past");

        var noRealm = kit.run("sign-out", "--user", "ann", "--reason", "x");
        assertThat(noRealm.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noRealm.err()).contains("Missing required option: '--realm=REALM'");
    }

    @Test
    @DisplayName("schedules create, list and delete a weekly sign-out of a user; deleting it again is exit 5")
    void schedulesCreateListDelete() {
        TestRealm realm = kit.realm();
        realm.user("ann");

        var created = kit.run(
                "schedules",
                "create",
                "--realm",
                realm.name(),
                "--user",
                "ann",
                "--reason",
                "Friday lab",
                "--weekly",
                "friday",
                "--time",
                "18:00");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out())
                .contains("signs out user ann of realm '" + realm.name() + "' FRIDAY 18:00 UTC; next run ");
        String id = created.out().replaceAll("(?s)^Schedule (\\S+) .*", "$1");

        var list = kit.run("schedules", "list", "--realm", realm.name());
        assertThat(list.exitCode()).as(list.err()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines[0]).startsWith("ID").contains("RUNS", "SCOPE", "NEXT RUN", "REASON");
        assertThat(lines[1]).startsWith(id).contains("FRIDAY 18:00 UTC", "user ann", "Friday lab");
        assertThat(list.out()).contains("1 schedule in realm '" + realm.name() + "'.");

        var deleted = kit.run("schedules", "delete", "--realm", realm.name(), id);
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(kit.run("schedules", "list", "--realm", realm.name()).out())
                .contains("0 schedules in realm '" + realm.name() + "'.");
        assertThat(kit.run("schedules", "delete", "--realm", realm.name(), id).exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    @DisplayName("schedules create needs exactly one of --daily and --weekly (exit 2); a bad time is the API's 400")
    void schedulesCreateChecksTheRecurrence() {
        TestRealm realm = kit.realm();
        realm.user("ann");

        var neither = kit.run(
                "schedules", "create", "--realm", realm.name(), "--user", "ann", "--reason", "x", "--time", "18:00");
        assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(neither.err()).contains("--daily or --weekly");

        var badTime = kit.run(
                "schedules",
                "create",
                "--realm",
                realm.name(),
                "--user",
                "ann",
                "--reason",
                "x",
                "--daily",
                "--time",
                "6pm");
        assertThat(badTime.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(badTime.err()).contains("recurrence.time");
    }
}
