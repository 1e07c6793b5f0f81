package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account console's layout: its header, navigation and content share one left edge at every width (the
 * admin console's rules for its own main area once reached this page and widened it at 1366 px), and the page
 * never scrolls sideways.
 */
@Tag("browser")
@DisplayName("Account console layout in a real headless Chromium")
class AccountConsoleLayoutBrowserTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.user("alice");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("The header lines up with the content at 1366, 768 and 390 px (it was misaligned at 1366 px)")
    void headerAlignedWithContent() {
        try (Chrome chrome = Chrome.start()) {
            chrome.open(curfew.baseUrl() + realm.path("/account"));
            chrome.fill("#username", "alice");
            chrome.fill("#password", TestRealm.PASSWORD);
            chrome.find("#sign-in").click();
            new WebDriverWait(chrome.driver(), java.time.Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBe(By.tagName("h1"), "Your devices"));
            for (int width : List.of(1366, 768, 390)) {
                chrome.viewport(width);
                try {
                    @SuppressWarnings("unchecked")
                    List<Number> edges = (List<Number>) chrome.script("""
                            const left = s => document.querySelector(s).getBoundingClientRect().left;
                            const root = document.documentElement;
                            return [left('.console-brand'), left('.console-nav a'), left('main h1'),
                                    root.scrollWidth - root.clientWidth];
                            """);
                    assertThat(edges.get(0).doubleValue())
                            .as("header's left edge at %d px", width)
                            .isCloseTo(edges.get(2).doubleValue(), org.assertj.core.data.Offset.offset(1.0));
                    assertThat(edges.get(1).doubleValue())
                            .as("navigation's left edge at %d px", width)
                            .isCloseTo(edges.get(2).doubleValue(), org.assertj.core.data.Offset.offset(1.0));
                    assertThat(edges.get(3).intValue())
                            .as("sideways scroll at %d px", width)
                            .isLessThanOrEqualTo(0);
                } finally {
                    chrome.resetViewport();
                }
                chrome.screenshotAt("account-devices", width);
            }
        }
    }
}
