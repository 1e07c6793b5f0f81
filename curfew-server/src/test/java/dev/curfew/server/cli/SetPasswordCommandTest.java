package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestRealm;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew users set-password: a new password from the terminal or standard input, through the admin API")
class SetPasswordCommandTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";

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

    /** No terminal; standard input holds {@code input}. */
    private static CliContext piped(String input) {
        return new CliContext(
                Map.of(),
                dir,
                Optional.empty(),
                false,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** A terminal on which the person types {@code typed}, one answer per prompt. */
    private static CliContext typing(String... typed) {
        Deque<String> answers = new ArrayDeque<>(List.of(typed));
        CliContext.Prompter console = new CliContext.Prompter() {
            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return Optional.ofNullable(answers.poll()).map(String::toCharArray);
            }
        };
        return new CliContext(Map.of(), dir, Optional.of(console), true);
    }

    private static int login(TestRealm realm, String username, String password) {
        HttpResponse<String> response = kit.curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "client_id", CliKit.APP, "username", username, "password", password));
        return response.statusCode();
    }

    @Test
    @DisplayName("the first line of standard input becomes the password, and only that user's changes")
    void fromStandardInput() {
        TestRealm realm = kit.realm();
        realm.user("alice");
        realm.user("bob");

        var run = kit.runIn(
                piped(NEW_PASSWORD + "\nignored second line\n"),
                kit.withConnection("users", "set-password", "--realm", realm.name(), "alice"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("New password set for user alice").doesNotContain(NEW_PASSWORD);
        assertThat(login(realm, "alice", NEW_PASSWORD)).isEqualTo(200);
        assertThat(login(realm, "alice", TestRealm.PASSWORD)).isEqualTo(400);
        assertThat(login(realm, "bob", TestRealm.PASSWORD)).isEqualTo(200);
    }

    @Test
    @DisplayName("on a terminal the password is typed twice")
    void typedTwice() {
        TestRealm realm = kit.realm();
        realm.user("carol");

        var run = kit.runIn(
                typing(NEW_PASSWORD, NEW_PASSWORD),
                kit.withConnection("users", "set-password", "--realm", realm.name(), "carol"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(login(realm, "carol", NEW_PASSWORD)).isEqualTo(200);
    }

    @Test
    @DisplayName("two different passwords typed change nothing (exit 2)")
    void typedDifferently() {
        TestRealm realm = kit.realm();
        realm.user("dora");

        var run = kit.runIn(
                typing(NEW_PASSWORD, NEW_PASSWORD + "!"),
                kit.withConnection("users", "set-password", "--realm", realm.name(), "dora"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("differ");
        assertThat(login(realm, "dora", TestRealm.PASSWORD)).isEqualTo(200);
    }

    @Test
    @DisplayName("no terminal and nothing on standard input is a usage error (exit 2) saying how to give one")
    void noPassword() {
        TestRealm realm = kit.realm();
        realm.user("erin");

        var run = kit.runIn(piped(""), kit.withConnection("users", "set-password", "--realm", realm.name(), "erin"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("standard input");
    }

    @Test
    @DisplayName("a password the server refuses exits with 6, naming why")
    void refused() {
        TestRealm realm = kit.realm();
        realm.user("finn");

        var run = kit.runIn(
                piped("short\n"), kit.withConnection("users", "set-password", "--realm", realm.name(), "finn"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err()).contains("value", "8");
        assertThat(login(realm, "finn", TestRealm.PASSWORD)).isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown user exits with 5")
    void unknownUser() {
        TestRealm realm = kit.realm();

        var run = kit.runIn(
                piped(NEW_PASSWORD + "\n"),
                kit.withConnection("users", "set-password", "--realm", realm.name(), "nobody"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    @DisplayName("users require-action UPDATE_PASSWORD for named users; --all for everyone; neither is a usage error")
    void requireAction() {
        var realm = kit.realm();
        var zoe = realm.user("zoe");
        realm.user("amy");

        var run = kit.run(
                "users",
                "require-action",
                "--realm",
                realm.name(),
                "--reason",
                "Reused password",
                "UPDATE_PASSWORD",
                "zoe");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("UPDATE_PASSWORD required of zoe", "1 did not have it yet");
        assertThat(kit.curfew.services().store().users().requiredActions(zoe.id()))
                .containsExactly(dev.curfew.core.user.RequiredAction.UPDATE_PASSWORD);
        var everyone = kit.run(
                "users",
                "require-action",
                "--realm",
                realm.name(),
                "--reason",
                "2FA for all",
                "CONFIGURE_TOTP",
                "--all");
        assertThat(everyone.exitCode()).as(everyone.err()).isZero();
        assertThat(everyone.out()).contains("every user", "2 did not have it yet");
        var neither = kit.run("users", "require-action", "--realm", realm.name(), "--reason", "x", "UPDATE_PASSWORD");
        assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
        var unknown = kit.run("users", "require-action", "--realm", realm.name(), "--reason", "x", "DANCE", "zoe");
        assertThat(unknown.exitCode()).isNotZero();
    }
}
