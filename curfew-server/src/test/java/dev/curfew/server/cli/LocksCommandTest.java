package dev.curfew.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("curfew locks list and clear")
class LocksCommandTest {
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

    static HttpResponse<String> signIn(TestRealm realm, String username, String password, String ip) {
        return kit.curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "client_id", CliKit.APP, "username", username, "password", password),
                "X-Forwarded-For",
                ip);
    }

    static void fail(TestRealm realm, String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(signIn(realm, username, "wrong password", "198.51.100." + (i + 1))
                            .statusCode())
                    .isEqualTo(400);
            kit.curfew.clock().advance(Duration.ofSeconds(2));
        }
    }

    @Test
    @DisplayName("list shows users with failures, who is locked and from where; --locked and --json")
    void list() {
        TestRealm realm = kit.realm();
        User tom = realm.user("tom");
        realm.user("uma");
        realm.user("vic");
        fail(realm, "tom", 10);
        fail(realm, "uma", 2);

        var run = kit.run("locks", "list", "--realm", realm.name());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("USER").contains("FAILURES", "LOCKED", "UNTIL", "LAST ADDRESS");
        assertThat(lines[1]).startsWith("uma").contains(" 2 ", " no ", "198.51.100.2");
        assertThat(lines[2]).startsWith("tom").contains(" 10 ", " yes ", "198.51.100.10", tom.id());
        assertThat(run.out()).doesNotContain("vic").contains("2 users with failed sign-ins in realm");

        var locked = kit.run("locks", "list", "--realm", realm.name(), "--locked", "--json");
        JsonNode page = SignOutCommandTest.json(locked.out());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("users").get(0).get("username").asText()).isEqualTo("tom");
    }

    @Test
    @DisplayName("clear --user takes a username and ends the lock at once; --all clears the realm")
    void clear() {
        TestRealm realm = kit.realm();
        realm.user("wes");
        realm.user("xia");
        fail(realm, "wes", 10);
        fail(realm, "xia", 10);
        assertThat(signIn(realm, "wes", TestRealm.PASSWORD, "203.0.113.1").statusCode())
                .isEqualTo(400);

        var one = kit.run("locks", "clear", "--realm", realm.name(), "--user", "wes");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("Cleared 10 failed sign-ins of wes, who was locked, in realm");
        assertThat(signIn(realm, "wes", TestRealm.PASSWORD, "203.0.113.1").statusCode())
                .isEqualTo(200);
        assertThat(signIn(realm, "xia", TestRealm.PASSWORD, "203.0.113.1").statusCode())
                .isEqualTo(400);

        var all = kit.run("locks", "clear", "--realm", realm.name(), "--all");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(signIn(realm, "xia", TestRealm.PASSWORD, "203.0.113.1").statusCode())
                .isEqualTo(200);
        JsonNode audit = TestCurfew.json(kit.curfew.get(
                "/admin/realms/" + realm.name() + "/audit?action=brute-force-clear",
                TestCurfew.bearer(kit.curfew.adminToken())));
        assertThat(audit.get("entries").get(0).at("/actor/username").asText()).isEqualTo(TestCurfew.ADMIN_USER);
    }

    @Test
    @DisplayName("clear needs --user or --all, not both; an unknown user exits with 5")
    void usage() {
        TestRealm realm = kit.realm();

        assertThat(kit.run("locks", "clear", "--realm", realm.name()).exitCode())
                .isEqualTo(ExitCode.USAGE);
        assertThat(kit.run("locks", "clear", "--realm", realm.name(), "--user", "a", "--all")
                        .exitCode())
                .isEqualTo(ExitCode.USAGE);
        var unknown = kit.run("locks", "clear", "--realm", realm.name(), "--user", "nobody");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.err()).contains("No user with id 'nobody'");
    }
}
