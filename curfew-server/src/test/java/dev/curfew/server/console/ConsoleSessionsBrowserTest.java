package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.TestCurfew;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Admin console sessions live in the database every node shares, sealed, and end everywhere at once")
class ConsoleSessionsBrowserTest {
    private static final String PASSWORD = "console sessions password";

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a console session survives a restart of the server on the same database")
    void sessionSurvivesARestart() {
        Map<String, String> database =
                Map.of("db-url", "jdbc:h2:file:" + dataDir.resolve("curfew"), "data-dir", dataDir.toString());
        MutableClock clock = new MutableClock();
        String cookie;
        try (Chrome chrome = Chrome.start()) {
            TestCurfew first = TestCurfew.start(database, clock);
            try {
                ConsoleFixture.consoleLogin(chrome, first, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
                cookie = cookie(chrome);
            } finally {
                first.close();
            }
        }
        try (TestCurfew second = TestCurfew.start(database, clock)) {
            HttpResponse<String> page = withCookie(second, cookie, "/admin/console/realms");

            assertThat(page.statusCode()).as("the realm list, signed in").isEqualTo(200);
            assertThat(page.body()).contains("console-sign-out");
        }
    }

    @Test
    @DisplayName("the database holds neither the cookie's secret nor the administrator's tokens in the clear")
    void rowIsFoundByHashAndSealed() {
        try (TestCurfew curfew = TestCurfew.start();
                Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            String cookie = cookie(chrome);
            Store store = curfew.services().store();

            Optional<StoredConsoleSession> row = row(curfew, cookie);

            assertThat(row).isPresent();
            assertThat(row.get().realmId())
                    .isEqualTo(store.realms()
                            .findByName(Realm.MASTER)
                            .orElseThrow()
                            .id());
            assertThat(row.get().data())
                    .doesNotContain(cookie)
                    // A JWT in the clear: header and payload, each base64url JSON. Not a bare "eyJ", which the random
                    // sealed text itself holds about once in a hundred runs.
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]*\\.eyJ")
                    .doesNotContain(TestCurfew.ADMIN_USER);
            assertThat(store.consoleSessions()
                            .find(
                                    StoredConsoleSession.Kind.ADMIN,
                                    cookie,
                                    curfew.clock().instant()))
                    .as("looked up by the raw cookie value")
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("signing out of the console deletes its row: the old cookie is worth nothing on any node")
    void signingOutDeletesTheRow() {
        try (TestCurfew curfew = TestCurfew.start();
                Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            String cookie = cookie(chrome);

            chrome.find("#console-sign-out").click();
            chrome.waitForUrl("/admin/console/signed-out");

            assertThat(row(curfew, cookie)).isEmpty();
            assertThat(withCookie(curfew, cookie, "/admin/console/realms").statusCode())
                    .as("the old cookie sends to the login")
                    .isEqualTo(302);
        }
    }

    @Test
    @DisplayName("ending the administrator's SSO session in the master realm ends their console session")
    void masterSignOutEndsTheConsoleSession() {
        try (TestCurfew curfew = TestCurfew.start();
                Chrome chrome = Chrome.start()) {
            String userId = ConsoleFixture.newAdmin(curfew, "eve", PASSWORD, "SYSTEM_ADMINISTRATOR@*");
            ConsoleFixture.consoleLogin(chrome, curfew, "eve", PASSWORD);
            String cookie = cookie(chrome);

            new SignOutApi(curfew).signOut(Realm.MASTER, SignOutApi.userScope(userId), "console session test");
            chrome.open(curfew.baseUrl() + "/admin/console/realms");
            chrome.waitFor("#password");

            assertThat(chrome.url()).contains("/realms/master/protocol/openid-connect/auth");
            assertThat(row(curfew, cookie)).as("the console session's row").isEmpty();
        }
    }

    @Test
    @DisplayName("an idle console session expires, and housekeeping deletes its row")
    void idleSessionExpiresAndIsPurged() {
        MutableClock clock = new MutableClock();
        try (TestCurfew curfew = TestCurfew.start(Map.of(), clock);
                Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            String cookie = cookie(chrome);

            clock.advance(Duration.ofHours(1).plusSeconds(1));

            assertThat(withCookie(curfew, cookie, "/admin/console/realms").statusCode())
                    .isEqualTo(302);
            String hash = Secrets.sha256(cookie);
            assertThat(curfew.services()
                            .store()
                            .consoleSessions()
                            .find(
                                    StoredConsoleSession.Kind.ADMIN,
                                    hash,
                                    clock.instant().minusSeconds(2)))
                    .as("the row, still there until housekeeping runs")
                    .isPresent();
            curfew.server().housekeeping().runOnce();
            assertThat(curfew.services()
                            .store()
                            .consoleSessions()
                            .find(
                                    StoredConsoleSession.Kind.ADMIN,
                                    hash,
                                    clock.instant().minusSeconds(2)))
                    .as("the row after housekeeping")
                    .isEmpty();
        }
    }

    private static String cookie(Chrome chrome) {
        return chrome.driver().manage().getCookieNamed("CURFEW_CONSOLE").getValue();
    }

    private static Optional<StoredConsoleSession> row(TestCurfew curfew, String cookie) {
        return curfew.services()
                .store()
                .consoleSessions()
                .find(
                        StoredConsoleSession.Kind.ADMIN,
                        Secrets.sha256(cookie),
                        curfew.clock().instant());
    }

    private static HttpResponse<String> withCookie(TestCurfew curfew, String cookie, String path) {
        try {
            return curfew.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(curfew.baseUrl() + path))
                                    .header("Cookie", "CURFEW_CONSOLE=" + cookie)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
