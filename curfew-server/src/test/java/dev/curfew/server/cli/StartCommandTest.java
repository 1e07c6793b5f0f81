package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.StartupTimes;
import dev.curfew.server.config.ConfigException;
import dev.curfew.server.testing.TestCurfew;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("curfew start: what it prints when it is ready, and when it cannot start")
class StartCommandTest {
    private static String welcome(TestCurfew curfew) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StartCommand.printWelcome(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                curfew.server(),
                "./curfew",
                " --server " + curfew.server().localUrl());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("regression: the banner named neither the admin console nor the account console; it names both and"
            + " the welcome page")
    void bannerNamesTheConsoles() {
        try (TestCurfew curfew = TestCurfew.start()) {
            String text = welcome(curfew);

            String url = "http://localhost:" + curfew.server().port();
            assertThat(text)
                    .contains("Curfew is ready at " + url)
                    .contains("Welcome page:           " + url + "/")
                    .contains("Admin console:          " + url + "/admin")
                    .contains("Account console:        " + url + "/realms/<realm>/account");
        }
    }

    @Test
    @DisplayName("regression: a second start with --demo said nothing of the demo realm; it names the realm, its users"
            + " and how to give them a new password")
    void secondDemoStartDescribesTheRealm() {
        Map<String, String> config =
                Map.of("demo", "true", "db-url", "jdbc:h2:mem:curfew-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String first;
        TestCurfew firstStart = TestCurfew.start(config);
        try {
            first = welcome(firstStart);
        } finally {
            firstStart.close();
        }
        try (TestCurfew second = TestCurfew.start(config, firstStart.clock())) {
            String text = welcome(second);

            assertThat(first).contains("Demo realm created", "user alice / password ", "client demo-app / secret ");
            String url = "http://localhost:" + second.server().port();
            assertThat(text)
                    .contains("Demo realm (created at an earlier start): " + url + "/realms/demo")
                    .contains("users alice, bob, carol")
                    .contains("client demo-app / redirect URI http://localhost:3000/callback")
                    .contains("./curfew users set-password --server " + url + " --realm demo alice")
                    .contains("Account console: " + url + "/realms/demo/account")
                    .doesNotContainPattern("user \\w+ / password ")
                    .doesNotContain("/ secret ");
        }
    }

    @Test
    @DisplayName("the started line gives the time since the JVM began, the JVM's own part, then each phase")
    void startedLine() {
        StartupTimes times = new StartupTimes();
        times.time("database", () -> {});

        String line = StartCommand.startedLine(900, times);

        assertThat(line).matches("Started in 900 ms \\(JVM and command line \\d+ ms, database \\d+ ms\\)");
        assertThat(line).contains("JVM and command line " + (900 - times.totalMillis()) + " ms");
    }

    @Test
    @DisplayName("several problems are listed one per line; a single one stays on one line")
    void cannotStart() {
        assertThat(StartCommand.cannotStart(new ConfigException(List.of("port 8080 is in use", "db-url is bad"))))
                .containsExactly("curfew: cannot start, 2 problems:", "  - port 8080 is in use", "  - db-url is bad");
        assertThat(StartCommand.cannotStart(new ConfigException("db-url is bad")))
                .containsExactly("curfew: cannot start: db-url is bad");
    }
}
