package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew keys list and rotate")
class KeysCommandTest {
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

    static String activeKid(TestRealm realm) {
        JsonNode keys = SignOutCommandTest.json(
                kit.run("keys", "list", "--realm", realm.name(), "--json").out());
        return keys.get(0).get("kid").asText();
    }

    @Test
    @DisplayName("list shows each key's kid, algorithm, status and creation time")
    void list() {
        TestRealm realm = kit.realm();
        String kid = activeKid(realm);

        var run = kit.run("keys", "list", "--realm", realm.name());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("KID").contains("ALGORITHM", "STATUS", "CREATED");
        assertThat(lines[1]).startsWith(kid).contains(" RS256 ", " active ").endsWith("Z");
        assertThat(run.out()).contains("1 signing key in realm '" + realm.name() + "'.");
    }

    @Test
    @DisplayName("rotate prints the new kid and that the old key verifies until its tokens expire")
    void rotateKeepsOldKeyVerifying() {
        TestRealm realm = kit.realm();
        String oldKid = activeKid(realm);
        // Keys are listed newest first: the new key is created a second after the old one.
        kit.curfew.clock().advance(Duration.ofSeconds(1));

        var run = kit.run("keys", "rotate", "--realm", realm.name(), "--reason", "Routine rotation");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String newKid = activeKid(realm);
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(run.out())
                .contains("New signing key " + newKid + " (RS256) signs the tokens of realm '" + realm.name() + "'")
                .contains("The old keys verify the tokens they signed until those expire:")
                .containsPattern(oldKid + " +RS256 +verify-only until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        var list = kit.run("keys", "list", "--realm", realm.name());
        assertThat(list.out().split("\n")[1]).startsWith(newKid).contains(" active ");
        assertThat(list.out().split("\n")[2]).startsWith(oldKid).contains(" verify-only until ");
        JsonNode audit = TestCurfew.json(kit.curfew.get(
                "/admin/realms/" + realm.name() + "/audit?action=key-rotation",
                TestCurfew.bearer(kit.curfew.adminToken())));
        assertThat(audit.get("entries").get(0).get("reason").asText()).isEqualTo("Routine rotation");
    }

    @Test
    @DisplayName("rotate --retire-old retires the old key at once")
    void rotateRetiresOldKey() {
        TestRealm realm = kit.realm();
        String oldKid = activeKid(realm);
        // Keys are listed newest first: the new key is created a second after the old one.
        kit.curfew.clock().advance(Duration.ofSeconds(1));

        var run = kit.run("keys", "rotate", "--realm", realm.name(), "--reason", "Key leaked", "--retire-old");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Retired at once").containsPattern(oldKid + " +RS256 +retired ");
        var list = kit.run("keys", "list", "--realm", realm.name());
        assertThat(list.out().split("\n")[2]).startsWith(oldKid).contains(" retired ");
    }

    @Test
    @DisplayName("the API's refusals are shown with their detail and exit codes: reason, privilege, realm")
    void errors() {
        TestRealm realm = kit.realm();

        assertThat(kit.run("keys", "rotate", "--realm", realm.name()).exitCode())
                .isEqualTo(ExitCode.USAGE);
        var blank = kit.run("keys", "rotate", "--realm", realm.name(), "--reason", " ");
        assertThat(blank.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(blank.err()).contains("curfew: ").contains("reason: is required");

        String sessionsOnly = kit.newAdmin("AUTH_ADMINISTRATOR@" + realm.name());
        Path password = kit.write("sessions-only-password", TestRealm.PASSWORD + "\n");
        var forbidden = kit.runIn(
                kit.context(),
                "keys",
                "rotate",
                "--realm",
                realm.name(),
                "--reason",
                "Not mine to do",
                "--server",
                kit.curfew.baseUrl(),
                "--admin-user",
                sessionsOnly,
                "--password-file",
                password.toString());
        assertThat(forbidden.exitCode()).as(forbidden.all()).isEqualTo(ExitCode.FORBIDDEN);
        assertThat(forbidden.err()).contains("SYSTEM_ADMINISTRATOR");

        var unknown = kit.run("keys", "list", "--realm", "no-such-realm");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.err()).startsWith("curfew: ");
    }
}
