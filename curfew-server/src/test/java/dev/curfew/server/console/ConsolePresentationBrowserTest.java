package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * How the console presents what it shows, each test pinned to a fault an administrator saw: boxes around device
 * names, escaped JSON and dates over four lines in the audit log, a "sessions started" chart that forgot signed-out
 * sessions and left its newest columns unlabelled, "1 clients", dead notifications only on a client's page, date
 * filters in the browser's locale beside tables in ISO UTC, "Both show a preview" under one button, and a user
 * list without session counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console presentation (real browser)")
class ConsolePresentationBrowserTest {
    private static final DateTimeFormatter TYPED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Receiver receiver;
    private Chrome chrome;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        receiver = Receiver.start();
        // Billing's receiver is gone: its logout tokens are refused (410) and dead at once.
        receiver.answerAt("/billing/logout", 410, 410, 410);
        fixture = ConsoleFixture.create(curfew);
        fixture.userWithSessions("ada", fixture.shop, 20, 3);
        chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (curfew != null) {
            curfew.close();
        }
    }

    @Test
    @Order(10)
    @DisplayName("One client with sessions reads \"1 client\", not \"1 clients\"; one active session is singular too")
    void oneClientsIsSingular() {
        openDashboard();
        assertThat(chrome.find("#chart-clients + figcaption").getText())
                .isEqualTo("1 client with active sessions; the most has 2.");
        assertThat(chrome.text()).doesNotContain("1 clients");
    }

    @Test
    @Order(20)
    @DisplayName("The hourly chart labels its newest column, so no bar stands past the last axis label")
    void newestHourHasItsLabel() {
        openDashboard();
        @SuppressWarnings("unchecked")
        List<Number> positions = (List<Number>) chrome.script("""
                const svg = document.getElementById('chart-hours');
                const bars = [...svg.querySelectorAll('rect.bar')];
                const last = bars[bars.length - 1];
                const lastCentre = last.x.baseVal.value + last.width.baseVal.value / 2;
                const labels = [...svg.querySelectorAll('text.axis-label')].map(t => t.x.baseVal.getItem(0).value);
                return [lastCentre, Math.max(...labels)];
                """);
        assertThat(positions.get(1).doubleValue())
                .as("x of the rightmost axis label")
                .isCloseTo(positions.get(0).doubleValue(), org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    @Order(25)
    @DisplayName("Device names in the session tables are text, not boxes (the account console's .device style leaked)")
    void deviceNamesAreNotBoxes() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.waitFor("tr.session-row");
        @SuppressWarnings("unchecked")
        List<String> boxed = (List<String>) chrome.script("""
                return [...document.querySelectorAll('tr.session-row *')]
                    .filter(e => e.tagName !== 'INPUT')
                    .filter(e => parseFloat(getComputedStyle(e).borderTopWidth) > 0
                              || getComputedStyle(e).display === 'grid' && e.tagName !== 'TD')
                    .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim());
                """);
        assertThat(boxed).as("elements drawn with a border inside session rows").isEmpty();
        assertThat(chrome.text()).contains("Java-http-client/25.0.3");
    }

    @Test
    @Order(30)
    @DisplayName(
            "\"Sessions started\" counts sessions signed out since, not only the active ones, in the hours they began")
    void sessionsStartedCountsSignedOutSessions() {
        User ada = user("ada");
        curfew.clock().advance(Duration.ofSeconds(2));
        ConsoleFixture.expect(
                curfew.postJson(
                        "/admin/realms/" + fixture.realm.name() + "/users/" + ada.id() + "/logout",
                        Map.of(),
                        TestCurfew.bearer(curfew.adminToken())),
                204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> fixture.sessionsOf(ada.id()).isEmpty());

        openDashboard();
        assertThat(chrome.find("#active-now").getText()).isEqualTo("0");
        assertThat(chrome.find("#chart-hours + figcaption").getText())
                .startsWith("2 sessions started in these 24 hours, signed-out and expired ones included");
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) chrome.script(
                "return [...document.querySelectorAll('#chart-hours text.value')].map(t => t.textContent)");
        assertThat(values).containsExactly("1", "1");
        ConsoleFixture.screenshots(chrome, "console-dashboard-started");
    }

    @Test
    @Order(40)
    @DisplayName(
            "Date filters take ISO UTC like the tables show, say so, and name an unreadable time next to its field")
    void dateFiltersAreIsoUtc() {
        fixture.userWithSessions("grace", fixture.billing, 14, 9, 2);
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.waitFor("#search-created-after");
        for (String id : List.of("#search-created-after", "#search-created-before", "#search-last-active")) {
            assertThat(chrome.find(id).getAttribute("type")).as(id).isEqualTo("text");
        }
        assertThat(chrome.text()).contains("When (UTC, as in the table)", "e.g. 2026-12-04 06:00");

        chrome.fill(
                "#search-created-after", TYPED.format(curfew.clock().instant().minus(Duration.ofHours(10))));
        chrome.find("#search-submit").click();
        chrome.waitForUrl("createdAfter=");
        assertThat(chrome.find("#results-heading").getText()).isEqualTo("2 matching sessions");

        chrome.fill("#search-created-after", "yesterday noon");
        chrome.find("#search-submit").click();
        chrome.waitFor("#search-created-after-error");
        assertThat(chrome.find("#search-created-after-error").getText()).contains("YYYY-MM-DD HH:MM", "UTC");
        assertThat(chrome.find("#search-created-after").getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(chrome.find("#search-error").getText()).contains("nothing was searched");
        ConsoleFixture.screenshots(chrome, "console-sessions-bad-time");

        chrome.open(curfew.baseUrl() + fixture.consolePath("/audit"));
        chrome.waitFor("#audit-from");
        assertThat(chrome.find("#audit-from").getAttribute("type")).isEqualTo("text");
        assertThat(chrome.find("#audit-to").getAttribute("type")).isEqualTo("text");
    }

    @Test
    @Order(50)
    @DisplayName("Without a search condition there is one sign-out button, and the note under it speaks of one")
    void previewNoteMatchesTheButtons() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.waitFor("#sign-out-selected");
        assertThat(chrome.has("#sign-out-matching")).isFalse();
        assertThat(chrome.find("#sign-out-selected")
                        .findElement(By.xpath("../following-sibling::p"))
                        .getText())
                .startsWith("“Sign out selected” shows a preview first")
                .doesNotContain("Both");

        chrome.fill("#search-client", "billing-api");
        chrome.find("#search-submit").click();
        chrome.waitFor("#sign-out-matching");
        assertThat(chrome.find("#sign-out-note").getText()).startsWith("Both show a preview first");
    }

    @Test
    @Order(60)
    @DisplayName("The user list shows how many active sessions each user has")
    void userListCountsSessions() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/users"));
        chrome.waitFor("table");
        assertThat(chrome.find("table thead").getText()).contains("Active sessions");
        assertThat(sessionCountOf("ada")).isEqualTo("0");
        assertThat(sessionCountOf("grace")).isEqualTo("3");
        ConsoleFixture.screenshots(chrome, "console-users");
    }

    @Test
    @Order(70)
    @DisplayName("Dead notifications are an alert on the dashboard, with a link to each service's page to retry them")
    void deadNotificationsAlertOnTheDashboard() {
        openDashboard();
        assertThat(chrome.has("#dead-alert")).isFalse();

        fixture.realm.update(
                fixture.billing.client(),
                b -> b.backchannelLogoutUri(java.util.Optional.of(receiver.url("/billing/logout"))));
        User grace = user("grace");
        curfew.clock().advance(Duration.ofSeconds(2));
        ConsoleFixture.expect(
                curfew.postJson(
                        "/admin/realms/" + fixture.realm.name() + "/users/" + grace.id() + "/logout",
                        Map.of(),
                        TestCurfew.bearer(curfew.adminToken())),
                204);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.DEAD) == 3);

        openDashboard();
        WebElement alert = chrome.find("#dead-alert");
        assertThat(alert.getAttribute("role")).isEqualTo("alert");
        assertThat(alert.getText())
                .contains("3 notifications could not be delivered", "billing-api: 3 dead notifications");
        assertThat(alert.findElement(By.linkText("billing-api")).getAttribute("href"))
                .endsWith("/clients/" + fixture.billing.client().id() + "#notifications-heading");
        ConsoleFixture.screenshots(chrome, "console-dashboard-dead-alert");
    }

    @Test
    @Order(80)
    @DisplayName(
            "The audit log shows a sign-out's detail as labelled fields linking to the sign-out, and dates on two lines at most")
    void auditDetailAsFields() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/audit"));
        chrome.waitFor("table.audit");
        String table = chrome.find("table.audit").getText();
        assertThat(table).doesNotContain("{\"", "\\\"", "scopeDetail");
        assertThat(table).contains("Sign-out", "Scope", "Username", "grace", "Sessions ended");
        List<WebElement> links =
                chrome.driver().findElements(By.cssSelector("table.audit .detail a[href*='/sign-outs/']"));
        assertThat(links).isNotEmpty();
        String signOutId = links.getFirst().getText();
        links.getFirst().click();
        chrome.waitFor("#result");
        assertThat(chrome.find("h1").getText()).isEqualTo("Sign-out " + signOutId);

        chrome.open(curfew.baseUrl() + fixture.consolePath("/audit"));
        chrome.waitFor("table.audit");
        for (int width : List.of(1366, 768)) {
            chrome.viewport(width);
            try {
                Number lines = (Number) chrome.script("""
                        const cells = [...document.querySelectorAll('table.audit tbody tr')].map(tr => tr.cells[1]);
                        const probe = document.createElement('span');
                        probe.textContent = 'X';
                        cells[0].appendChild(probe);
                        const line = probe.getBoundingClientRect().height;
                        probe.remove();
                        return Math.max(...cells.map(td => {
                            const range = document.createRange();
                            range.selectNodeContents(td);
                            return Math.round(range.getBoundingClientRect().height / line);
                        }));
                        """);
                assertThat(lines.intValue())
                        .as("lines of the longest date at %d px", width)
                        .isLessThanOrEqualTo(2);
            } finally {
                chrome.resetViewport();
            }
        }
        ConsoleFixture.screenshots(chrome, "console-audit-detail");
    }

    private void openDashboard() {
        chrome.open(curfew.baseUrl() + fixture.consolePath(""));
        chrome.waitFor("#numbers-heading");
    }

    private User user(String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), username)
                .orElseThrow();
    }

    private String sessionCountOf(String username) {
        return chrome.driver()
                .findElement(By.xpath("//table//tr[.//a[text()='" + username + "']]/td[5]"))
                .getText();
    }
}
