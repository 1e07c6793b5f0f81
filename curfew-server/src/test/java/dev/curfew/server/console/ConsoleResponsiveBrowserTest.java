package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console on narrower screens, each test pinned to what an administrator met: the sessions page scrolled
 * sideways at 768 px, the sidebar never made room for the page, and at 500 px the header's "Sign out" was cut off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console on tablet and phone widths (real browser)")
class ConsoleResponsiveBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.userWithSessions("ada", fixture.shop, 5, 1);
        fixture.userWithSessions("grace", fixture.billing, 2);
        chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
        // The administrator's own browser holds a session of the master realm: a long user agent in a table.
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/sessions");
        chrome.waitFor("tr.session-row");
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
    @DisplayName("At 768 px the sessions page does not scroll sideways, with a browser's long user agent in the table")
    void sessionsPageFitsAt768() {
        for (String realm : List.of("master", fixture.realm.name())) {
            chrome.open(curfew.baseUrl() + "/admin/console/realms/" + realm + "/sessions");
            chrome.waitFor("tr.session-row");
            chrome.viewport(768);
            try {
                Number overflow = (Number) chrome.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow.intValue())
                        .as("pixels past the right edge, realm %s", realm)
                        .isLessThanOrEqualTo(0);
            } finally {
                chrome.resetViewport();
            }
        }
        ConsoleFixture.screenshots(chrome, "console-sessions-narrow");
    }

    @Test
    @DisplayName("Below 800 px the sidebar collapses into a bar of links above the page, which takes the whole width")
    void sidebarCollapses() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.waitFor("#results-heading");
        for (int width : List.of(768, 390)) {
            chrome.viewport(width);
            try {
                @SuppressWarnings("unchecked")
                List<Number> box = (List<Number>) chrome.script("""
                        const nav = document.querySelector('nav.sidenav').getBoundingClientRect();
                        const main = document.querySelector('main').getBoundingClientRect();
                        return [nav.bottom, main.top, main.width, document.documentElement.clientWidth];
                        """);
                assertThat(box.get(0).doubleValue())
                        .as("bottom of the navigation at %d px", width)
                        .isLessThanOrEqualTo(box.get(1).doubleValue());
                assertThat(box.get(2).doubleValue())
                        .as("width of the page at %d px", width)
                        .isEqualTo(box.get(3).doubleValue());
            } finally {
                chrome.resetViewport();
            }
        }
        chrome.viewport(1366);
        try {
            @SuppressWarnings("unchecked")
            List<Number> box = (List<Number>) chrome.script("""
                    const nav = document.querySelector('nav.sidenav').getBoundingClientRect();
                    const main = document.querySelector('main').getBoundingClientRect();
                    return [nav.right, main.left];
                    """);
            assertThat(box.get(0).doubleValue())
                    .as("the sidebar beside the page at 1366 px")
                    .isLessThanOrEqualTo(box.get(1).doubleValue());
        } finally {
            chrome.resetViewport();
        }
    }

    @Test
    @DisplayName("At 500 px and narrower the header's Sign out button is whole on the screen")
    void signOutButtonVisibleWhenNarrow() {
        chrome.open(curfew.baseUrl() + fixture.consolePath(""));
        chrome.waitFor("#console-sign-out");
        for (int width : List.of(500, 390, 320)) {
            chrome.viewport(width);
            try {
                @SuppressWarnings("unchecked")
                List<Number> box = (List<Number>) chrome.script("""
                        const b = document.getElementById('console-sign-out').getBoundingClientRect();
                        return [b.left, b.right, b.width, document.documentElement.clientWidth];
                        """);
                assertThat(box.get(0).doubleValue())
                        .as("left edge at %d px", width)
                        .isGreaterThanOrEqualTo(0);
                assertThat(box.get(1).doubleValue())
                        .as("right edge at %d px", width)
                        .isLessThanOrEqualTo(box.get(3).doubleValue());
                assertThat(box.get(2).doubleValue()).as("width at %d px", width).isGreaterThan(40);
            } finally {
                chrome.resetViewport();
            }
        }
    }
}
