package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console for an administrator holding only SESSION_VIEWER for one realm: they see sessions but no
 * way to sign anyone out, and when they forge the sign-out form anyway (with their own valid CSRF token),
 * the admin API refuses it with 403 and the console says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console (session viewer, real browser)")
class SessionViewerConsoleBrowserTest {
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "viewer password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;
    private User ada;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.userWithSessions("ada", fixture.shop, 5, 1);
        ada = curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), "ada")
                .orElseThrow();
        ConsoleFixture.newAdmin(curfew, VIEWER, VIEWER_PASSWORD, "SESSION_VIEWER@" + fixture.realm.name());
        chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, VIEWER, VIEWER_PASSWORD);
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
    @Order(1)
    @DisplayName(
            "A SESSION_VIEWER sees the realm's sessions but no selection, sign-out button or pages beyond their privilege")
    void viewerSeesSessionsWithoutSignOut() {
        assertThat(chrome.find("#realm-select").getText().strip()).isEqualTo(fixture.realm.name());
        chrome.find("nav a[href$='/sessions']").click();
        chrome.waitFor("#results-heading");
        assertThat(chrome.driver().findElements(By.cssSelector("tr.session-row")))
                .hasSize(2);
        assertThat(chrome.has("input[name=sessionId]")).isFalse();
        assertThat(chrome.has("#sign-out-selected")).isFalse();
        assertThat(chrome.has("nav a[href$='/audit']")).isFalse();
        ConsoleFixture.screenshots(chrome, "console-sessions-viewer");

        chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + ada.id()));
        chrome.waitFor("#sessions-heading");
        assertThat(chrome.driver().findElements(By.cssSelector("tr.session-row")))
                .hasSize(2);
        assertThat(chrome.has("#sign-out-user")).isFalse();
        assertThat(chrome.has("#disable-user")).isFalse();
    }

    @Test
    @Order(2)
    @DisplayName(
            "A forged sign-out POST from the viewer's console session is refused by the API (403), shown as an error page")
    void forgedSignOutRefusedByApi() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + ada.id()));
        chrome.waitFor("#sessions-heading");
        // Build the form the console never showed this administrator, with their own valid CSRF token.
        ((JavascriptExecutor) chrome.driver()).executeScript("""
                        const form = document.createElement('form');
                        form.method = 'post';
                        form.action = arguments[0];
                        const fields = {csrf: document.querySelector('input[name=csrf]').value, scope: 'user',
                                        userId: arguments[1], reason: 'forged by a viewer', confirm: 'yes'};
                        for (const [name, value] of Object.entries(fields)) {
                          const input = document.createElement('input');
                          input.type = 'hidden'; input.name = name; input.value = value;
                          form.appendChild(input);
                        }
                        document.body.appendChild(form);
                        form.submit();
                        """, fixture.consolePath("/sign-outs"), ada.id());
        chrome.waitFor("#problem");
        assertThat(chrome.find("h1").getText()).isEqualTo("Not allowed");
        assertThat(chrome.find("#problem").getText()).contains("AUTH_ADMINISTRATOR", "Nothing was changed");
        assertThat(chrome.text()).contains("HTTP 403");
        ConsoleFixture.screenshots(chrome, "console-forbidden");
        assertThat(fixture.sessionsOf(ada.id())).hasSize(2);
    }
}
