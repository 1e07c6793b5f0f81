package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.signout.SignOut;
import dev.curfew.server.testing.TestRealm;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew sessions, sign-outs and audit")
class ReadCommandsTest {
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

    static JsonNode json(String text) {
        return SignOutCommandTest.json(text);
    }

    @Nested
    @DisplayName("curfew sessions")
    class Sessions {
        @Test
        @DisplayName("shows a table of the matching sessions and the total")
        void table() {
            TestRealm realm = kit.realm();
            realm.user("oli");
            realm.user("pam");
            kit.login(realm, CliKit.APP, "oli", "203.0.113.9", "Mozilla/5.0 (Windows NT 10.0) Edge/130 and much more");
            kit.login(realm, "pam");

            var run = kit.run("sessions", "--realm", realm.name(), "--ip", "203.0.113.0/24");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String[] lines = run.out().split("\n");
            assertThat(lines[0]).startsWith("ID").contains("USER", "IP", "USER AGENT", "STARTED", "LAST ACTIVE");
            assertThat(lines[1]).contains("oli", "203.0.113.9", "Mozilla/5.0 (Windows NT 10.0) Edge/13...", "app");
            assertThat(run.out()).doesNotContain("pam").contains("Sessions 1-1 of 1");
        }

        @Test
        @DisplayName("--filter-user takes a username; --json prints the API's page")
        void json() {
            TestRealm realm = kit.realm();
            realm.user("quin");
            realm.user("rob");
            kit.login(realm, "quin");
            kit.login(realm, "rob");

            var run = kit.run("sessions", "--realm", realm.name(), "--filter-user", "quin", "--json");

            JsonNode page = ReadCommandsTest.json(run.out());
            assertThat(page.get("total").asLong()).isEqualTo(1);
            assertThat(page.get("sessions").get(0).get("username").asText()).isEqualTo("quin");
        }

        @Test
        @DisplayName("--first and --max page through, and say where the next page starts")
        void paging() {
            TestRealm realm = kit.realm();
            realm.user("sam");
            kit.login(realm, "sam");
            kit.login(realm, "sam");
            kit.login(realm, "sam");

            var run = kit.run("sessions", "--realm", realm.name(), "--max", "2");

            assertThat(run.out()).contains("Sessions 1-2 of 3", "More: --first 2");
        }

        @Test
        @DisplayName("--sharing lists the accounts with many sessions or networks at once; the counts filter sessions")
        void sharing() {
            TestRealm realm = kit.realm();
            realm.user("vic");
            realm.user("wes");
            kit.login(realm, CliKit.APP, "vic", "198.51.100.1", "Firefox");
            kit.login(realm, CliKit.APP, "vic", "203.0.113.1", "Chrome");
            kit.login(realm, CliKit.APP, "wes", "198.51.100.2", "Firefox");

            var run = kit.run("sessions", "--realm", realm.name(), "--sharing", "--distinct-networks-at-least", "2");
            var off = kit.run("sessions", "--realm", realm.name(), "--sharing");
            var sessions = kit.run("sessions", "--realm", realm.name(), "--distinct-networks-at-least", "2");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String[] lines = run.out().split("\n");
            assertThat(lines[0]).startsWith("USER").contains("SESSIONS", "NETWORKS", "LAST ACTIVE");
            assertThat(lines[1]).startsWith("vic").containsPattern("vic\\s+2\\s+2\\s");
            assertThat(run.out())
                    .doesNotContain("wes")
                    .contains("1 account in realm '" + realm.name() + "' with 2+ networks at once.");
            assertThat(off.exitCode()).isNotZero();
            assertThat(off.err()).contains("sharing detection is off");
            assertThat(sessions.out()).contains("Sessions 1-2 of 2").doesNotContain("wes");
        }

        @Test
        @DisplayName("--report csv prints every matching session at once, with a header, whatever --max says")
        void report() {
            TestRealm realm = kit.realm();
            realm.user("tia");
            realm.user("uma");
            kit.login(realm, "tia");
            kit.login(realm, "tia");
            kit.login(realm, "uma");

            var csv = kit.run("sessions", "--realm", realm.name(), "--filter-user", "tia", "--report", "csv");
            var json = kit.run("sessions", "--realm", realm.name(), "--report", "json");
            var wrong = kit.run("sessions", "--realm", realm.name(), "--report", "xml");

            assertThat(csv.exitCode()).as(csv.err()).isZero();
            assertThat(csv.out().lines().toList())
                    .hasSize(3)
                    .first()
                    .asString()
                    .startsWith("id,username,userId,ipAddress");
            assertThat(csv.out()).contains(",tia,").doesNotContain(",uma,");
            assertThat(ReadCommandsTest.json(json.out()).get("total").asInt()).isEqualTo(3);
            assertThat(wrong.exitCode()).isEqualTo(ExitCode.API_ERROR);
            assertThat(wrong.err()).contains("format");
        }
    }

    @Nested
    @DisplayName("curfew sign-outs")
    class SignOuts {
        @Test
        @DisplayName("lists the history and shows one sign-out with --id")
        void historyAndOne() {
            TestRealm realm = kit.realm();
            realm.user("tia");
            kit.login(realm, "tia");
            JsonNode done = json(kit.run(
                            "sign-out",
                            "--realm",
                            realm.name(),
                            "--user",
                            "tia",
                            "--reason",
                            "contract ended",
                            "--json")
                    .out());
            String id = done.get("id").asText();

            var list = kit.run("sign-outs", "--realm", realm.name());
            var one = kit.run("sign-outs", "--realm", realm.name(), "--id", id);

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains(id, "user tia", "COMPLETED", "contract ended", "1 sign-out in realm");
            assertThat(one.out())
                    .contains(id, "contract ended", "admin (SYSTEM_ADMINISTRATOR)")
                    .containsPattern("sessions +1");
        }

        @Test
        @DisplayName("regression: a filter sign-out showed 'matching userIds, ip, ipRange'; it shows the filter as"
                + " written, users by name")
        void filterAsWritten() {
            TestRealm realm = kit.realm();
            realm.user("vic");
            kit.login(realm, CliKit.APP, "vic", "203.0.113.5", "curl/8");
            String id = json(kit.run(
                                    "sign-out",
                                    "--realm",
                                    realm.name(),
                                    "--filter-user",
                                    "vic",
                                    "--ip",
                                    "203.0.113.0/24",
                                    "--reason",
                                    "shared account",
                                    "--json")
                            .out())
                    .get("id")
                    .asText();

            var list = kit.run("sign-outs", "--realm", realm.name());
            var one = kit.run("sign-outs", "--realm", realm.name(), "--id", id);

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out())
                    .contains("sessions matching user vic; ip 203.0")
                    .doesNotContain("ipRange");
            assertThat(one.out())
                    .contains("sessions matching user vic; ip 203.0.113.0/24")
                    .doesNotContain("ffff");
        }

        @Test
        @DisplayName("an unknown id is not found (exit 5)")
        void unknownId() {
            TestRealm realm = kit.realm();

            var run = kit.run("sign-outs", "--realm", realm.name(), "--id", "no-such-sign-out");

            assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(run.err()).contains("no-such-sign-out");
        }

        @Test
        @DisplayName("a FAILED sign-out is shown with its error, in the list and with --id")
        void failedSignOut() {
            TestRealm realm = kit.realm();
            String error = "resuming it at start-up failed: ArithmeticException: long overflow";
            kit.curfew
                    .services()
                    .store()
                    .signOuts()
                    .create(new SignOut(
                                    "failed-sign-out-1",
                                    realm.realm().id(),
                                    "filter",
                                    "{\"type\":\"filter\",\"filter\":{\"userAgent\":\"curl\"}}",
                                    "curl sessions",
                                    "admin-id",
                                    "admin",
                                    "AUTH_ADMINISTRATOR",
                                    "req-1",
                                    "127.0.0.1",
                                    Optional.empty(),
                                    2,
                                    SignOut.Status.RUNNING,
                                    kit.curfew.clock().instant(),
                                    Optional.empty(),
                                    Optional.empty())
                            .failed(error));

            var list = kit.run("sign-outs", "--realm", realm.name());
            var one = kit.run("sign-outs", "--realm", realm.name(), "--id", "failed-sign-out-1");

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("FAILED", "failed-sign-out-1 FAILED: " + error);
            assertThat(one.out()).containsPattern("status +FAILED").containsPattern("error +" + error);
        }
    }

    @Nested
    @DisplayName("curfew audit")
    class Audit {
        @Test
        @DisplayName("list shows the entries newest first, filtered by action")
        void list() {
            TestRealm realm = kit.realm();
            realm.user("uma");
            kit.login(realm, "uma");
            kit.run("sign-out", "--realm", realm.name(), "--user", "uma", "--reason", "audit me");

            var run = kit.run("audit", "list", "--realm", realm.name(), "--action", "sign-out");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("SEQ", "admin", "sign-out", "audit me");
        }

        @Test
        @DisplayName("regression: AFFECTED was 0 on a user sign-out's row; it shows the final count of its clean-up")
        void affectedOfCutOffSignOut() {
            TestRealm realm = kit.realm();
            realm.user("wes");
            kit.login(realm, "wes");
            kit.login(realm, "wes");
            kit.run("sign-out", "--realm", realm.name(), "--user", "wes", "--reason", "count me");

            var run = kit.run("audit", "list", "--realm", realm.name(), "--action", "sign-out");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String row = run.out()
                    .lines()
                    .filter(l -> l.contains("count me"))
                    .findFirst()
                    .orElseThrow();
            assertThat(row).containsPattern("sign-out +2 +count me");
        }

        @Test
        @DisplayName("verify prints 'intact (N entries)' and exits with 0 for an untouched chain")
        void verifyIntact() {
            TestRealm realm = kit.realm();
            realm.user("vic");
            kit.login(realm, "vic");
            kit.run("sign-out", "--realm", realm.name(), "--user", "vic", "--reason", "one");

            var run = kit.run("audit", "verify", "--realm", realm.name());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).matches("(?s)intact \\(\\d+ entr(y|ies)\\)\\s*");
        }

        @Test
        @DisplayName("verify names the first broken entry and exits with 1 when an entry was changed")
        void verifyBroken() {
            TestRealm realm = kit.realm();
            realm.user("wes");
            kit.login(realm, "wes");
            kit.run("sign-out", "--realm", realm.name(), "--user", "wes", "--reason", "first");
            kit.login(realm, "wes");
            kit.run("sign-out", "--realm", realm.name(), "--user", "wes", "--reason", "second");
            long seq = json(kit.run("audit", "list", "--realm", realm.name(), "--json")
                            .out())
                    .get("entries")
                    .get(0)
                    .get("seq")
                    .asLong();
            assertThat(kit.sql(
                            "UPDATE audit_log SET reason = 'nothing to see' WHERE realm_id = ? AND seq = ?",
                            realm.realm().id(),
                            seq))
                    .isEqualTo(1);

            var run = kit.run("audit", "verify", "--realm", realm.name());

            assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(run.out()).startsWith("broken at seq " + seq + ": ");
        }

        @Test
        @DisplayName("audit without a subcommand shows its usage (exit 2)")
        void auditAlone() {
            var run = kit.runIn(kit.context(), "audit");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("list", "verify");
        }
    }
}
