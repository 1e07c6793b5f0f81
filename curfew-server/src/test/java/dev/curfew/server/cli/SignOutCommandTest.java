package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.group.Group;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.TestRealm;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew sign-out: every sign-out scope from the command line")
class SignOutCommandTest {
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
        try {
            return AdminClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Nested
    @DisplayName("each scope signs out what it names, and the server shows it")
    class Scopes {
        @Test
        @DisplayName("--session (a lost device) ends that session only")
        void sessionScope() {
            TestRealm realm = kit.realm();
            realm.user("ann");
            JsonNode lost = kit.login(realm, "ann");
            JsonNode kept = kit.login(realm, "ann");

            var run = kit.run(
                    "sign-out", "--realm", realm.name(), "--session", CliKit.sid(lost), "--reason", "laptop stolen");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 session ended");
            assertThat(kit.userinfoStatus(realm, lost)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, kept)).isEqualTo(200);
        }

        @Test
        @DisplayName("--user takes a username (account termination) and ends every session of that user only")
        void userScopeByUsername() {
            TestRealm realm = kit.realm();
            realm.user("leaver");
            realm.user("stayer");
            JsonNode first = kit.login(realm, "leaver");
            JsonNode second = kit.login(realm, "leaver");
            JsonNode other = kit.login(realm, "stayer");

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "leaver", "--reason", "left the company");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Signed out user leaver", "2 sessions ended");
            assertThat(kit.userinfoStatus(realm, first)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, second)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, other)).isEqualTo(200);
        }

        @Test
        @DisplayName("--user takes an id as well")
        void userScopeById() {
            TestRealm realm = kit.realm();
            User user = realm.user("byid");
            JsonNode tokens = kit.login(realm, "byid");

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", user.id(), "--reason", "suspended");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(401);
        }

        @Test
        @DisplayName("--client (a compromised service) kills the client's tokens, waits for the clean-up and"
                + " spares the other clients")
        void clientScope() {
            TestRealm realm = kit.realm();
            realm.user("cat");
            realm.publicClient("compromised", b -> b.directAccessGrants(true));
            JsonNode viaCompromised = kit.login(realm, "compromised", "cat", "192.0.2.1", "agent");
            JsonNode viaApp = kit.login(realm, "cat");

            var run = kit.run(
                    "sign-out", "--realm", realm.name(), "--client", "compromised", "--reason", "service breached");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Signed out client compromised", "1 session ended", "untouched");
            assertThat(kit.userinfoStatus(realm, viaCompromised)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, viaApp)).isEqualTo(200);
        }

        @Test
        @DisplayName("--all-sessions --yes (a security incident) ends every session of the realm and no other realm")
        void realmScope() {
            TestRealm realm = kit.realm();
            TestRealm elsewhere = kit.realm();
            realm.user("dan");
            realm.user("eve");
            elsewhere.user("fay");
            JsonNode dan = kit.login(realm, "dan");
            JsonNode eve = kit.login(realm, "eve");
            JsonNode fay = kit.login(elsewhere, "fay");

            var run = kit.run(
                    "sign-out", "--realm", realm.name(), "--all-sessions", "--yes", "--reason", "phishing incident");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Signed out every session", "2 sessions ended");
            assertThat(kit.userinfoStatus(realm, dan)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, eve)).isEqualTo(401);
            assertThat(kit.userinfoStatus(elsewhere, fay)).isEqualTo(200);
            assertThat(kit.sessionCount(realm, "")).isZero();
        }

        @Test
        @DisplayName("--all-sessions --no-wait answers once the cut-off is in force")
        void realmScopeWithoutWaiting() {
            TestRealm realm = kit.realm();
            realm.user("gus");
            JsonNode gus = kit.login(realm, "gus");

            var run = kit.run(
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--all-sessions",
                    "--yes",
                    "--no-wait",
                    "--json",
                    "--reason",
                    "new platform");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(json(run.out()).get("cutOff").asText()).isNotBlank();
            assertThat(kit.userinfoStatus(realm, gus)).isEqualTo(401);
        }

        @Test
        @DisplayName("filter options (credential sharing: one user, one IP range) end only the matching sessions")
        void filterScope() {
            TestRealm realm = kit.realm();
            realm.user("sharer");
            JsonNode shared = kit.login(realm, CliKit.APP, "sharer", "203.0.113.50", "curl/8");
            JsonNode own = kit.login(realm, CliKit.APP, "sharer", "192.0.2.10", "Firefox");

            var run = kit.run(
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--filter-user",
                    "sharer",
                    "--ip",
                    "203.0.113.0/24",
                    "--reason",
                    "credential sharing");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 session ended");
            assertThat(kit.userinfoStatus(realm, shared)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, own)).isEqualTo(200);
        }

        @Test
        @DisplayName("--without-auth-method otp (enforcing 2FA) ends the sessions that signed in without it")
        void withoutAuthMethod() {
            TestRealm realm = kit.realm();
            realm.user("nootp");
            JsonNode tokens = kit.login(realm, "nootp");

            var run = kit.run(
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--without-auth-method",
                    "otp",
                    "--reason",
                    "2FA is now required");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(401);
        }

        @Test
        @DisplayName("--group (a department) ends the sessions of the group's members only")
        void groupFilter() {
            TestRealm realm = kit.realm();
            User member = realm.user("seller");
            realm.user("clerk");
            var groups = kit.curfew.services().store().groups();
            Group sales = new Group(
                    Secrets.newId(),
                    realm.realm().id(),
                    "Sales",
                    kit.curfew.clock().instant());
            groups.create(sales);
            groups.addMember(sales.id(), member.id());
            JsonNode seller = kit.login(realm, "seller");
            JsonNode clerk = kit.login(realm, "clerk");

            var run = kit.run(
                    "sign-out", "--realm", realm.name(), "--group", "Sales", "--reason", "phishing aimed at Sales");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 session ended");
            assertThat(kit.userinfoStatus(realm, seller)).isEqualTo(401);
            assertThat(kit.userinfoStatus(realm, clerk)).isEqualTo(200);

            var unknown = kit.run("sign-out", "--realm", realm.name(), "--group", "Nope", "--reason", "x");
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.err()).contains("Nope");
        }

        @Test
        @DisplayName("the sign-out is in the history with its reason, and the audit log records it")
        void recordedInHistory() {
            TestRealm realm = kit.realm();
            realm.user("hal");
            kit.login(realm, "hal");

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "hal", "--reason", "policy violation");
            String id = run.out().replaceAll("(?s).*Sign-out (\\S+) .*", "$1").strip();

            JsonNode history =
                    json(kit.run("sign-outs", "--realm", realm.name(), "--json").out());
            assertThat(history.get("signOuts").get(0).get("id").asText()).isEqualTo(id);
            assertThat(history.get("signOuts").get(0).get("reason").asText()).isEqualTo("policy violation");
            JsonNode audit = json(kit.run("audit", "list", "--realm", realm.name(), "--action", "sign-out", "--json")
                    .out());
            assertThat(audit.get("entries").get(0).get("reason").asText()).isEqualTo("policy violation");
        }
    }

    @Nested
    @DisplayName("--dry-run and --json")
    class DryRunAndJson {
        @Test
        @DisplayName("--dry-run prints the count and a sample, and changes nothing")
        void dryRunChangesNothing() {
            TestRealm realm = kit.realm();
            realm.user("ida");
            JsonNode tokens = kit.login(realm, "ida");
            kit.login(realm, "ida");

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "ida", "--reason", "check", "--dry-run");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Dry run: 2 sessions", "Nothing was changed", "ida", "192.0.2.10");
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(200);
            assertThat(kit.sessionCount(realm, "")).isEqualTo(2);
            assertThat(json(kit.run("sign-outs", "--realm", realm.name(), "--json")
                                    .out())
                            .get("total")
                            .asLong())
                    .isZero();
        }

        @Test
        @DisplayName("--dry-run --json prints the API's preview")
        void dryRunJson() {
            TestRealm realm = kit.realm();
            realm.user("jan");
            kit.login(realm, "jan");

            var run = kit.run(
                    "sign-out", "--realm", realm.name(), "--all-sessions", "--reason", "x", "--dry-run", "--json");

            JsonNode preview = json(run.out());
            assertThat(preview.get("dryRun").asBoolean()).isTrue();
            assertThat(preview.get("affectedSessions").asLong()).isEqualTo(1);
            assertThat(preview.get("sample").get(0).get("username").asText()).isEqualTo("jan");
        }

        @Test
        @DisplayName("--json prints the completed sign-out")
        void signOutJson() {
            TestRealm realm = kit.realm();
            realm.user("kim");
            kit.login(realm, "kim");

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "kim", "--reason", "gone", "--json");

            JsonNode signOut = json(run.out());
            assertThat(signOut.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(signOut.get("affectedSessions").asLong()).isEqualTo(1);
            assertThat(signOut.get("reason").asText()).isEqualTo("gone");
        }

        @Test
        @DisplayName("a clean-up the database refuses: the command says FAILED with the error and exits 6;"
                + " the cut-off is in force")
        void failedCleanUp() {
            TestRealm realm = kit.realm();
            realm.user("pinned");
            JsonNode session = kit.login(realm, "pinned");
            // A row the database will not let the clean-up delete the session under.
            kit.sql("CREATE TABLE IF NOT EXISTS session_pins (session_id VARCHAR(255) REFERENCES user_sessions (id))");
            kit.sql("INSERT INTO session_pins VALUES (?)", CliKit.sid(session));

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "pinned", "--reason", "left");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.API_ERROR);
            assertThat(run.out())
                    .contains("tokens issued before", "it FAILED after 0 sessions ended")
                    .contains("cleaning up after the cut-off failed");
            assertThat(kit.userinfoStatus(realm, session)).isEqualTo(401);
            kit.sql("DELETE FROM session_pins");
        }
    }

    @Nested
    @DisplayName("progress of a large filter sign-out")
    class Progress {
        @Test
        @DisplayName("a filter over several users (layoffs) polls the running sign-out and ends with the final count")
        void filterSignOutEndsWithFinalCount() {
            TestRealm realm = kit.realm();
            User one = realm.user("laid-off-1");
            User two = realm.user("laid-off-2");
            realm.user("kept");
            kit.storeSessions(realm, one, 700);
            kit.storeSessions(realm, two, 600);
            JsonNode kept = kit.login(realm, "kept");

            var run = kit.run(
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--filter-user",
                    "laid-off-1",
                    "--filter-user",
                    "laid-off-2",
                    "--reason",
                    "restructuring");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("] 1300/1300 sessions");
            assertThat(run.out()).contains("1300 sessions ended");
            assertThat(kit.sessionCount(realm, "")).isEqualTo(1);
            assertThat(kit.userinfoStatus(realm, kept)).isEqualTo(200);
        }

        @Test
        @DisplayName("regression: a user sign-out showed '2/0 sessions'; its bar counts up to the dry run's total")
        void userSignOutBarHasItsTotal() {
            TestRealm realm = kit.realm();
            User user = realm.user("counted");
            kit.storeSessions(realm, user, 2);

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "counted", "--reason", "left");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("] 2/2 sessions").doesNotContain("/0 sessions");
        }

        @Test
        @DisplayName("on a terminal the bar is redrawn in place")
        void terminalBar() {
            TestRealm realm = kit.realm();
            User user = realm.user("many");
            kit.storeSessions(realm, user, 600);
            CliContext terminal = new CliContext(Map.of(), dir, Optional.empty(), true);

            var run = kit.runIn(
                    terminal,
                    kit.withConnection(
                            "sign-out", "--realm", realm.name(), "--user-agent", "bulk", "--reason", "cleanup"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("\r[" + "#".repeat(ProgressBar.WIDTH) + "] 600/600 sessions");
        }
    }

    @Nested
    @DisplayName("confirmation of a realm-wide sign-out")
    class Confirmation {
        private CliContext answering(String answer) {
            CliContext.Prompter console = new CliContext.Prompter() {
                @Override
                public Optional<String> readLine(String prompt) {
                    return Optional.of(answer);
                }

                @Override
                public Optional<char[]> readPassword(String prompt) {
                    return Optional.empty();
                }
            };
            return new CliContext(Map.of(), dir, Optional.of(console), false);
        }

        @Test
        @DisplayName("typing the realm name confirms")
        void confirmed() {
            TestRealm realm = kit.realm();
            realm.user("lia");
            JsonNode tokens = kit.login(realm, "lia");

            var run = kit.runIn(
                    answering(realm.name()),
                    kit.withConnection("sign-out", "--realm", realm.name(), "--all-sessions", "--reason", "audit"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("all 1 session of realm");
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(401);
        }

        @Test
        @DisplayName("any other answer signs out nothing and exits with 1")
        void declined() {
            TestRealm realm = kit.realm();
            realm.user("max");
            JsonNode tokens = kit.login(realm, "max");

            var run = kit.runIn(
                    answering("no"),
                    kit.withConnection("sign-out", "--realm", realm.name(), "--all-sessions", "--reason", "audit"));

            assertThat(run.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(run.err()).contains("nothing was signed out");
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(200);
        }

        @Test
        @DisplayName("without a console and without --yes it refuses (exit 2)")
        void noConsole() {
            TestRealm realm = kit.realm();
            realm.user("ned");
            JsonNode tokens = kit.login(realm, "ned");

            var run = kit.run("sign-out", "--realm", realm.name(), "--all-sessions", "--reason", "audit");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("needs confirmation", "--yes");
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("mistakes")
    class Mistakes {
        @Test
        @DisplayName("no scope is a usage error (exit 2) naming the scopes")
        void noScope() {
            var run = kit.run("sign-out", "--realm", "any", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--session", "--user", "--client", "--all-sessions", "filter options");
        }

        @Test
        @DisplayName("two scopes are a usage error (exit 2) naming both")
        void twoScopes() {
            var run = kit.run("sign-out", "--realm", "any", "--user", "a", "--client", "b", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("exactly one scope", "--user and --client");
        }

        @Test
        @DisplayName("a missing --reason is a usage error (exit 2)")
        void noReason() {
            var run = kit.run("sign-out", "--realm", "any", "--user", "a");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--reason");
        }

        @Test
        @DisplayName("an unknown user is the API's error (exit 6) with its message")
        void unknownUser() {
            TestRealm realm = kit.realm();

            var run = kit.run("sign-out", "--realm", realm.name(), "--user", "nobody", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.API_ERROR);
            assertThat(run.err()).contains("scope.userId: no user 'nobody'");
        }

        @Test
        @DisplayName("a malformed CIDR is the API's error (exit 6) naming the field")
        void malformedCidr() {
            TestRealm realm = kit.realm();

            var run = kit.run("sign-out", "--realm", realm.name(), "--ip", "10.0.0.0/99", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.API_ERROR);
            assertThat(run.err()).contains("scope.filter.ip");
        }

        @Test
        @DisplayName("a malformed instant is a usage error (exit 2)")
        void malformedInstant() {
            var run = kit.run("sign-out", "--realm", "any", "--created-before", "yesterday", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--created-before");
        }

        @Test
        @DisplayName("an unknown realm is not found (exit 5)")
        void unknownRealm() {
            var run = kit.run("sign-out", "--realm", "no-such-realm", "--all-sessions", "--yes", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
            assertThat(run.err()).contains("no-such-realm");
        }

        @Test
        @DisplayName("an unknown session id is the API's error (exit 6) naming it")
        void unknownSession() {
            TestRealm realm = kit.realm();

            var run = kit.run("sign-out", "--realm", realm.name(), "--session", "no-such-id", "--reason", "x");

            assertThat(run.exitCode()).isEqualTo(ExitCode.API_ERROR);
            assertThat(run.err()).contains("no-such-id");
            assertThat(run.out()).isEmpty();
        }
    }
}
