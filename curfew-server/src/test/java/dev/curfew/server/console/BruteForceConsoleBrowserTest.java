package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.user.User;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: a user's page shows their lock and clears it (real browser)")
class BruteForceConsoleBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.close();
        }
        if (curfew != null) {
            curfew.close();
        }
    }

    private HttpResponse<String> signIn(String username, String password) {
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(fixture.realm, OidcFlow.authParams("shop-web")));
        return browser.submitLogin(page, username, password);
    }

    @Test
    @DisplayName("a locked user's page says so, with the failures and the last address; 'Clear lock' lets them in")
    void lockIsShownAndCleared() {
        User lena = fixture.realm.user("lena");
        for (int i = 0; i < 10; i++) {
            assertThat(signIn("lena", "wrong password " + i).statusCode()).isEqualTo(401);
            curfew.clock().advance(Duration.ofSeconds(2));
        }
        assertThat(signIn("lena", TestRealm.PASSWORD).statusCode()).isEqualTo(401);

        chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + lena.id()));
        chrome.waitFor("#lock-state");
        assertThat(chrome.has("#locked-badge")).isTrue();
        assertThat(chrome.find("#lock-state").getText())
                .contains("Locked after 10 failed sign-ins")
                .contains("127.0.0.1");
        assertThat(chrome.find("#clear-lock").getText()).isEqualTo("Clear lock");
        chrome.screenshot("console-user-locked");

        chrome.find("#clear-lock").click();
        chrome.waitForUrl("/users/" + lena.id());
        chrome.waitFor("#lock-state");

        assertThat(chrome.text()).contains("Failed sign-ins cleared: the account is no longer locked.");
        assertThat(chrome.find("#lock-state").getText()).isEqualTo("No failed sign-ins since the last successful one.");
        assertThat(chrome.has("#locked-badge")).isFalse();
        assertThat(signIn("lena", TestRealm.PASSWORD).statusCode()).isEqualTo(302);
    }
}
