package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
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

@DisplayName("curfew admin commands: server, credentials, and the exit codes of failures")
class ConnectionTest {
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

    private static CliContext withEnv(Map<String, String> env) {
        return new CliContext(env, dir, Optional.empty(), false);
    }

    @Nested
    @DisplayName("where the password comes from")
    class Password {
        @Test
        @DisplayName("CURFEW_ADMIN_PASSWORD from the environment")
        void fromEnvironment() {
            TestRealm realm = kit.realm();

            var run = kit.runIn(
                    withEnv(Map.of("CURFEW_ADMIN_PASSWORD", TestCurfew.ADMIN_PASSWORD)),
                    "sessions",
                    "--realm",
                    realm.name(),
                    "--server",
                    kit.curfew.baseUrl());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("a CLI config file with server=, user= and password-file=")
        void fromConfigFile() {
            TestRealm realm = kit.realm();
            Path config = kit.write(
                    "cli.properties",
                    "server=" + kit.curfew.baseUrl() + "\nuser=admin\npassword-file=" + kit.passwordFile + "\n");

            var run = kit.runIn(
                    withEnv(Map.of()), "sessions", "--realm", realm.name(), "--cli-config", config.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("a prompt on the console, when nothing else gives one")
        void fromPrompt() {
            TestRealm realm = kit.realm();
            CliContext.Prompter console = new CliContext.Prompter() {
                @Override
                public Optional<String> readLine(String prompt) {
                    return Optional.empty();
                }

                @Override
                public Optional<char[]> readPassword(String prompt) {
                    return Optional.of(TestCurfew.ADMIN_PASSWORD.toCharArray());
                }
            };

            var run = kit.runIn(
                    new CliContext(Map.of(), dir, Optional.of(console), false),
                    "sessions",
                    "--realm",
                    realm.name(),
                    "--server",
                    kit.curfew.baseUrl());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("no password at all, and no console, is a usage error (exit 2) saying how to give one")
        void none() {
            var run = kit.runIn(withEnv(Map.of()), "sessions", "--realm", "x", "--server", kit.curfew.baseUrl());

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("CURFEW_ADMIN_PASSWORD", "--password-file");
        }

        @Test
        @DisplayName("there is no --password flag: a password on the command line shows in the process list")
        void noPasswordFlag() {
            var run = kit.runIn(withEnv(Map.of()), "sessions", "--realm", "x", "--password", "secret");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Nested
    @DisplayName("failures and their exit codes")
    class Failures {
        @Test
        @DisplayName("a wrong password exits with 3")
        void wrongPassword() {
            Path wrong = kit.write("wrong-password", "not the password\n");

            var run = kit.runIn(
                    withEnv(Map.of()),
                    "sessions",
                    "--realm",
                    "master",
                    "--server",
                    kit.curfew.baseUrl(),
                    "--password-file",
                    wrong.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCode.AUTHENTICATION_FAILED);
            assertThat(run.err()).contains("authentication failed for user 'admin'");
            assertThat(run.all()).doesNotContain("not the password");
        }

        @Test
        @DisplayName("an administrator without the privilege exits with 4")
        void forbidden() {
            TestRealm realm = kit.realm();
            String viewer = kit.newAdmin("SESSION_VIEWER@" + realm.name());
            Path password = kit.write("viewer-password", TestRealm.PASSWORD + "\n");

            var run = kit.runIn(
                    withEnv(Map.of()),
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--all-sessions",
                    "--yes",
                    "--reason",
                    "x",
                    "--server",
                    kit.curfew.baseUrl(),
                    "--admin-user",
                    viewer,
                    "--password-file",
                    password.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCode.FORBIDDEN);
            assertThat(run.err()).contains("AUTH_ADMINISTRATOR");
        }

        @Test
        @DisplayName("an auth administrator who may not list users can still sign one out by id")
        void authAdministratorSignsOutById() {
            TestRealm realm = kit.realm();
            var user = realm.user("target");
            var tokens = kit.login(realm, "target");
            String admin = kit.newAdmin("AUTH_ADMINISTRATOR@" + realm.name());
            Path password = kit.write("auth-admin-password", TestRealm.PASSWORD + "\n");

            var run = kit.runIn(
                    withEnv(Map.of()),
                    "sign-out",
                    "--realm",
                    realm.name(),
                    "--user",
                    user.id(),
                    "--reason",
                    "x",
                    "--server",
                    kit.curfew.baseUrl(),
                    "--admin-user",
                    admin,
                    "--password-file",
                    password.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(kit.userinfoStatus(realm, tokens)).isEqualTo(401);
        }

        @Test
        @DisplayName("an unreachable server exits with 7, naming the URL and --server")
        void unreachable() {
            var run = kit.runIn(
                    withEnv(Map.of("CURFEW_ADMIN_PASSWORD", TestCurfew.ADMIN_PASSWORD)),
                    "sessions",
                    "--realm",
                    "master",
                    "--server",
                    "http://127.0.0.1:1");

            assertThat(run.exitCode()).isEqualTo(ExitCode.CANNOT_CONNECT);
            assertThat(run.err()).contains("cannot connect to http://127.0.0.1:1", "--server");
        }

        @Test
        @DisplayName("a --server that is not a URL is a usage error (exit 2)")
        void badServer() {
            var run = kit.run("sessions", "--realm", "master", "--server", "localhost:8080");

            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("--server");
        }
    }

    @Nested
    @DisplayName("where the server is, without --server")
    class Server {
        private Map<String, String> env(String name, String value) {
            return Map.of("CURFEW_ADMIN_PASSWORD", TestCurfew.ADMIN_PASSWORD, name, value);
        }

        private int port() {
            return kit.curfew.server().port();
        }

        @Test
        @DisplayName("CURFEW_SERVER names it")
        void fromServerVariable() {
            TestRealm realm = kit.realm();

            var run =
                    kit.runIn(withEnv(env("CURFEW_SERVER", kit.curfew.baseUrl())), "sessions", "--realm", realm.name());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("regression: the commands used port 8080 whatever port the server runs on; CURFEW_HTTP_PORT,"
                + " as 'curfew start' reads it, gives it")
        void fromHttpPortVariable() {
            TestRealm realm = kit.realm();

            var run = kit.runIn(
                    withEnv(env("CURFEW_HTTP_PORT", Integer.toString(port()))), "sessions", "--realm", realm.name());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("the http-port of the configuration file named by CURFEW_CONFIG gives it")
        void fromStartConfigFile() {
            TestRealm realm = kit.realm();
            Path config = kit.write("curfew.properties", "http-port=" + port() + "\nhttp-host=127.0.0.1\n");

            var run = kit.runIn(withEnv(env("CURFEW_CONFIG", config.toString())), "sessions", "--realm", realm.name());

            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        @Test
        @DisplayName("--server wins over CURFEW_SERVER, which wins over the CLI config file's server=")
        void precedence() {
            TestRealm realm = kit.realm();
            Path cliConfig = kit.write("cli-unreachable.properties", "server=http://127.0.0.1:1\n");

            var flagWins = kit.runIn(
                    withEnv(env("CURFEW_SERVER", "http://127.0.0.1:1")),
                    "sessions",
                    "--realm",
                    realm.name(),
                    "--server",
                    kit.curfew.baseUrl());
            var variableWins = kit.runIn(
                    withEnv(env("CURFEW_SERVER", kit.curfew.baseUrl())),
                    "sessions",
                    "--realm",
                    realm.name(),
                    "--cli-config",
                    cliConfig.toString());

            assertThat(flagWins.exitCode()).as(flagWins.err()).isZero();
            assertThat(variableWins.exitCode()).as(variableWins.err()).isZero();
        }

        @Test
        @DisplayName("the server 'curfew start' would run: its interface when it is one address, 8080 for port 0")
        void localServer() {
            assertThat(Connection.localServer(Map.of())).isEqualTo("http://localhost:8080");
            assertThat(Connection.localServer(Map.of("CURFEW_HTTP_PORT", "9090", "CURFEW_HTTP_HOST", "0.0.0.0")))
                    .isEqualTo("http://localhost:9090");
            assertThat(Connection.localServer(Map.of("CURFEW_HTTP_HOST", "127.0.0.1")))
                    .isEqualTo("http://127.0.0.1:8080");
            assertThat(Connection.localServer(Map.of("CURFEW_HTTP_HOST", "::1", "CURFEW_HTTP_PORT", "8443")))
                    .isEqualTo("http://[::1]:8443");
            assertThat(Connection.localServer(Map.of("CURFEW_HTTP_PORT", "0"))).isEqualTo("http://localhost:8080");
            assertThat(Connection.localServer(Map.of("CURFEW_HTTP_PORT", "eighty")))
                    .isEqualTo("http://localhost:8080");
        }
    }

    @Test
    @DisplayName("--verbose shows each call but never the password or the token")
    void verbose() {
        TestRealm realm = kit.realm();

        var run = kit.run("sessions", "--realm", realm.name(), "--verbose");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("> POST " + kit.curfew.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .contains("< 200 GET " + kit.curfew.baseUrl() + "/admin/realms/" + realm.name() + "/sessions");
        assertThat(run.err()).doesNotContain("Bearer");
    }

    @Test
    @DisplayName("each command ends the administrator session it opened, so scripts leave none behind")
    void endsItsOwnSession() {
        String[] mine = {"sessions", "--realm", "master", "--filter-user", "admin", "--json"};
        long first = SignOutCommandTest.json(kit.run(mine).out()).get("total").asLong();
        assertThat(first).as("the running command's own session").isPositive();

        long second = SignOutCommandTest.json(kit.run(mine).out()).get("total").asLong();
        long third = SignOutCommandTest.json(kit.run(mine).out()).get("total").asLong();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    @DisplayName("curfew --help lists every command")
    void help() {
        var run = kit.runIn(withEnv(Map.of()), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("start", "sign-out", "sessions", "sign-outs", "audit", "users", "Exit codes");
        assertThat(run.out())
                .as("the footer's lines fit the help's width, so none is broken in two")
                .contains("else CURFEW_SERVER, else http://localhost on the port 'start' would use\n")
                .contains("Exit codes: 0 ok, 1 check failed, 2 usage, 3 authentication failed,\n");
    }

    @Test
    @DisplayName("regression: curfew --help cut the start command's summary mid-sentence; it is one whole sentence")
    void helpSummaryOfStartIsWhole() {
        var run = kit.runIn(withEnv(Map.of()), "--help");

        String commands = run.out().replaceAll("\\s+", " ");
        String start = commands.substring(commands.indexOf(" start "), commands.indexOf(" sign-out "));
        assertThat(start.strip())
                .isEqualTo(
                        "start Starts the Curfew server: on http://localhost:8080 with its data in ./data unless told"
                                + " otherwise.");
    }
}
