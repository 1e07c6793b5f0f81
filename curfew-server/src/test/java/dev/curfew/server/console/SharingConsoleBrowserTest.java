package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The sessions page of a realm that detects shared accounts: the suspects are listed above the search, a link shows
 * their sessions with the same condition as a filter, and "sign out all matching" ends exactly those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: accounts that look shared (real browser)")
class SharingConsoleBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        ConsoleFixture.expect(
                curfew.putJson(
                        "/admin/realms/" + fixture.realm.name(),
                        Map.of("sharingDetection", Map.of("concurrentSessions", 3)),
                        TestCurfew.bearer(curfew.adminToken())),
                204);
        fixture.userWithSessions("ada", fixture.shop, 1, 2, 3);
        fixture.userWithSessions("ben", fixture.shop, 1, 2);
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

    @Test
    @DisplayName("the suspect is listed, the link finds their sessions, and signing out all matching ends only theirs")
    void listFindAndSignOut() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.waitFor("#sharing-table");
        assertThat(chrome.find("#sharing").getText()).contains("3 sessions at once", "sharing.suspected");
        assertThat(chrome.driver().findElements(By.cssSelector("#sharing-table tbody tr")))
                .hasSize(1);
        assertThat(chrome.find("#sharing-table tbody tr").getText()).startsWith("ada 3 1");
        ConsoleFixture.screenshots(chrome, "console-sharing");

        chrome.driver()
                .findElement(By.linkText("Sessions of accounts with 3+ sessions"))
                .click();
        chrome.waitForUrl("concurrentSessionsAtLeast=3");
        assertThat(chrome.find("#results-heading").getText()).isEqualTo("3 matching sessions");
        assertThat(chrome.find("#search-concurrent").getAttribute("value")).isEqualTo("3");

        chrome.find("#sign-out-matching").click();
        chrome.waitFor("#preview-count");
        assertThat(chrome.find("#preview-count").getText()).contains("3 active sessions", "at least 3 sessions");
        chrome.fill("#reason", "Shared account (ticket 77)");
        chrome.find("#confirm").click();
        chrome.find("#confirm-sign-out").click();
        chrome.waitFor("#result");

        User ada = user("ada");
        User ben = user("ben");
        assertThat(fixture.sessionsOf(ada.id())).isEmpty();
        assertThat(fixture.sessionsOf(ben.id())).hasSize(2);
    }

    @Test
    @DisplayName("a count of 1 is marked at its field and nothing is searched")
    void badCountIsMarked() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions?distinctNetworksAtLeast=1"));
        chrome.waitFor("#search-error");
        assertThat(chrome.find("#search-networks-error").getText()).contains("from 2 to");
    }

    private User user(String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), username)
                .orElseThrow();
    }
}
