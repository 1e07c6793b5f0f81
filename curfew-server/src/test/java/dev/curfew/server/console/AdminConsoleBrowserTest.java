package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.signout.SignOut;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The admin console in a real Chromium, as the bootstrap administrator (SYSTEM_ADMINISTRATOR for all
 * realms): signing in through Curfew, the pages, a user signed out with a reason, and what the console
 * answers to forged or foreign requests. One browser for the class, signed in once; the user's own
 * browser is a second Chromium. Screenshots of each main page land in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console (system administrator, real browser)")
class AdminConsoleBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;
    private User ada;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.userWithSessions("ada", fixture.shop, 20, 3);
        fixture.userWithSessions("grace", fixture.billing, 14, 9, 2);
        fixture.userWithSessions("alan", fixture.shop, 1, 0);
        ada = curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), "ada")
                .orElseThrow();
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
    @Order(10)
    @DisplayName("Signing in lands on the realm's dashboard: active sessions, a 24-hour chart and a per-client chart")
    void dashboardAfterSignIn() {
        assertThat(chrome.url()).endsWith(fixture.consolePath(""));
        assertThat(chrome.find("#active-now").getText()).isEqualTo("7");
        assertThat(chrome.driver().findElements(By.cssSelector("#chart-hours rect.bar")))
                .hasSize(24);
        assertThat(chrome.find("#chart-clients").getText()).contains("shop-web", "billing-api");
        assertThat(chrome.find("#realm-select").getText()).contains("master", fixture.realm.name());
        assertThat(chrome.find("#active-heading").getText()).isEqualTo("Active sessions, last 24 hours");
        assertThat(chrome.text())
                .contains("Curfew records the number of active sessions every minute; the chart fills in as it runs.");
        ConsoleFixture.screenshots(chrome, "console-dashboard");

        // Two samples, as two housekeeping runs would record them (a run here would clean up the fixture's
        // old sessions that later tests sign out): the chart of active sessions appears.
        var now = curfew.clock().instant();
        var stats = curfew.services().store().sessionStats();
        stats.record(fixture.realm.realm().id(), now.minus(java.time.Duration.ofMinutes(1)), 6);
        stats.record(fixture.realm.realm().id(), now, 7);
        chrome.open(curfew.baseUrl() + fixture.consolePath(""));
        chrome.waitFor("#chart-active");
        assertThat(chrome.driver().findElements(By.cssSelector("#chart-active rect.bar")))
                .hasSize(24);
        assertThat(chrome.find("#chart-active").getText()).contains("7");
        assertThat(chrome.find("#active-heading").getText()).isEqualTo("Active sessions, last 24 hours");
    }

    @Test
    @Order(20)
    @DisplayName(
            "The admin finds a user, signs out all their sessions with a reason; the user's browser must log in again")
    void signOutUserWithReason() {
        try (Chrome user = Chrome.start()) {
            // The user's own browser signs in to the shop and comes back with a code.
            user.open(fixture.shopLoginUrl());
            user.waitFor("#password");
            user.fill("#username", "ada");
            user.fill("#password", dev.curfew.server.testing.TestRealm.PASSWORD);
            user.find("#sign-in").click();
            user.waitForUrl("code=");
            // Single sign-on: the next authorization request needs no login.
            user.open(fixture.shopLoginUrl());
            user.waitForUrl("code=");
            assertThat(fixture.sessionsOf(ada.id())).hasSize(3);
            // The test clock stands still; let the sign-out come after the login, as it would in life.
            curfew.clock().advance(java.time.Duration.ofSeconds(2));

            chrome.find("nav a[href$='/users']").click();
            chrome.waitFor("#user-search");
            chrome.fill("#user-search", "ad");
            chrome.find("#user-search-submit").click();
            chrome.waitForUrl("search=ad");
            chrome.driver().findElement(By.linkText("ada")).click();
            chrome.waitFor("#sign-out-user");
            assertThat(chrome.driver().findElements(By.cssSelector("tr.session-row")))
                    .hasSize(3);
            assertThat(chrome.text()).contains("Chrome on Linux", "127.0.0.1");
            ConsoleFixture.screenshots(chrome, "console-user");

            chrome.find("#sign-out-user").click();
            chrome.waitFor("#preview-count");
            assertThat(chrome.find("#preview-count").getText())
                    .isEqualTo("3 active sessions: all sessions of user ada.");
            assertThat(chrome.find("label[for=confirm]").getText()).contains("all sessions of user ada");
            ConsoleFixture.screenshots(chrome, "console-sign-out-preview");

            chrome.fill("#reason", "Laptop reported stolen (ticket 4711)");
            chrome.find("#confirm").click();
            chrome.find("#confirm-sign-out").click();
            chrome.waitFor("#result");
            assertThat(chrome.find("#flash").getText()).contains("Signed out all sessions of user ada");
            assertThat(chrome.find("#result").getText()).contains("Laptop reported stolen (ticket 4711)");
            // A user sign-out is in force at once; its clean-up finishes in the background.
            chrome.refreshUntil("#affected", "3");
            assertThat(chrome.find("#status").getText()).startsWith("COMPLETED");
            ConsoleFixture.screenshots(chrome, "console-sign-out-result");
            assertThat(fixture.sessionsOf(ada.id())).isEmpty();

            // The user's browser, on its next visit to the login endpoint, is asked to sign in again.
            user.open(fixture.shopLoginUrl());
            user.waitFor("#password");
            assertThat(user.url()).doesNotContain("code=");
        }
    }

    @Test
    @Order(25)
    @DisplayName("When the administrator's access token expires, the console refreshes it and stays signed in")
    void refreshesExpiredAccessToken() {
        // The master realm's access tokens live 5 minutes; the SSO session idles out after 30.
        String consoleSession = consoleCookie();
        curfew.clock().advance(java.time.Duration.ofMinutes(6));
        chrome.open(curfew.baseUrl() + fixture.consolePath("/users"));
        chrome.waitFor("#user-search");
        assertThat(chrome.url()).endsWith(fixture.consolePath("/users"));
        // The same console session: refreshed, not signed in afresh (a new login gets a new session id).
        assertThat(consoleCookie()).isEqualTo(consoleSession);
    }

    private String consoleCookie() {
        return chrome.driver().manage().getCookieNamed("CURFEW_CONSOLE").getValue();
    }

    @Test
    @Order(30)
    @DisplayName(
            "Session search filters by client and user agent, and 'sign out selected' previews only the ticked sessions")
    void sessionSearchAndSelection() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sessions"));
        chrome.fill("#search-client", "billing-api");
        chrome.find("#search-submit").click();
        chrome.waitForUrl("clientId=billing-api");
        assertThat(chrome.find("#results-heading").getText()).isEqualTo("3 matching sessions");
        assertThat(chrome.driver().findElements(By.cssSelector("tr.session-row")))
                .hasSize(3);
        // The select-all box appears only with the console script running, which the CSP allows.
        assertThat(chrome.find("#select-all").isDisplayed()).isTrue();
        ConsoleFixture.screenshots(chrome, "console-sessions");

        List<org.openqa.selenium.WebElement> boxes =
                chrome.driver().findElements(By.cssSelector("input[name=sessionId]"));
        boxes.get(0).click();
        boxes.get(1).click();
        chrome.find("#sign-out-selected").click();
        chrome.waitFor("#preview-count");
        assertThat(chrome.find("#preview-count").getText()).isEqualTo("2 active sessions: 2 selected sessions.");
        chrome.driver().navigate().back();
        chrome.waitFor("#sign-out-matching");
        chrome.find("#sign-out-matching").click();
        chrome.waitFor("#preview-count");
        assertThat(chrome.find("#preview-count").getText())
                .isEqualTo("3 active sessions: all sessions matching client billing-api.");
    }

    @Test
    @Order(40)
    @DisplayName("Client page: settings (saved through the API), its sessions, and sign-out for the service")
    void clientPage() {
        chrome.open(curfew.baseUrl()
                + fixture.consolePath("/clients/" + fixture.shop.client().id()));
        chrome.waitFor("#redirect-uris");
        assertThat(chrome.find("#redirect-uris").getAttribute("value")).contains(fixture.appUrl);
        assertThat(chrome.has("#sign-out-client")).isTrue();
        chrome.fill("#client-lifespan", "120");
        chrome.find("#save-client").click();
        chrome.waitFor(".flash");
        assertThat(chrome.find("#client-lifespan").getAttribute("value")).isEqualTo("120");
        assertThat(curfew.services()
                        .store()
                        .clients()
                        .findById(
                                fixture.realm.realm().id(),
                                fixture.shop.client().id())
                        .orElseThrow()
                        .accessTokenLifespan())
                .contains(java.time.Duration.ofSeconds(120));
        ConsoleFixture.screenshots(chrome, "console-client");
    }

    @Test
    @Order(50)
    @DisplayName(
            "Realm settings show the short-access-token advice where the lifetime is set; sign out everyone needs the realm name typed")
    void realmSettingsAndSignOutEveryone() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/settings"));
        chrome.waitFor("#access-token-lifespan");
        assertThat(chrome.find("#access-token-lifespan").getAttribute("aria-describedby"))
                .isEqualTo("access-token-advice");
        assertThat(chrome.find("#access-token-advice").getText()).contains("short-lived", "until it expires");
        ConsoleFixture.screenshots(chrome, "console-realm-settings");

        chrome.find("#sign-out-everyone").click();
        chrome.waitFor("#confirm-realm");
        // The script keeps the button disabled until the realm name is typed.
        assertThat(chrome.find("#confirm-sign-out").isEnabled()).isFalse();
        chrome.fill("#reason", "Signing key rotation drill");
        chrome.fill("#confirm-realm", fixture.realm.name());
        assertThat(chrome.find("#confirm-sign-out").isEnabled()).isTrue();
        chrome.find("#confirm-sign-out").click();
        chrome.waitFor("#result");
        assertThat(chrome.find("#result").getText()).contains("everyone in realm " + fixture.realm.name());
    }

    @Test
    @Order(60)
    @DisplayName("Audit log lists the sign-outs with their reasons and reports the hash chain intact")
    void auditLog() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/audit"));
        chrome.waitFor("#chain-status");
        assertThat(chrome.find("#chain-status").getText()).startsWith("Hash chain verified");
        assertThat(chrome.text()).contains("Laptop reported stolen (ticket 4711)", "Signing key rotation drill");
        ConsoleFixture.screenshots(chrome, "console-audit");
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sign-outs"));
        chrome.waitFor("table");
        assertThat(chrome.text()).contains("all sessions of user ada", "everyone in realm " + fixture.realm.name());
        ConsoleFixture.screenshots(chrome, "console-sign-out-history");
    }

    @Test
    @Order(62)
    @DisplayName("A planned sign-out is SCHEDULED in the history with its time and a Cancel button that cancels it")
    void scheduledSignOutCancelled() {
        HttpResponse<String> planned = curfew.postJson(
                "/admin/realms/" + fixture.realm.name() + "/sign-outs",
                Map.of(
                        "scope",
                        Map.of("type", "user", "userId", ada.id()),
                        "reason",
                        "Contract ends Friday",
                        "at",
                        curfew.clock().instant().plus(Duration.ofDays(2)).toString()),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        String id = TestCurfew.json(planned).get("id").asText();

        chrome.open(curfew.baseUrl() + fixture.consolePath("/sign-outs"));
        chrome.waitFor("#signout-" + id);
        assertThat(chrome.find("#signout-" + id + " .status").getText()).contains("SCHEDULED", "planned for");
        ConsoleFixture.screenshots(chrome, "console-sign-out-scheduled");

        chrome.find("#cancel-" + id).click();
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).contains("Cancelled the sign-out of", "it will not run");
        assertThat(chrome.find("#signout-" + id + " .status").getText()).startsWith("CANCELLED");
        assertThat(chrome.has("#cancel-" + id)).isFalse();
    }

    @Test
    @Order(61)
    @DisplayName("A FAILED sign-out shows its error in the history and on its own page")
    void failedSignOut() {
        String error = "resuming it at start-up failed: ArithmeticException: long overflow";
        curfew.services()
                .store()
                .signOuts()
                .create(new SignOut(
                                "failed-sign-out-1",
                                fixture.realm.realm().id(),
                                "filter",
                                "{\"type\":\"filter\",\"filter\":{\"userAgent\":\"curl\"}}",
                                "curl sessions",
                                "admin-id",
                                TestCurfew.ADMIN_USER,
                                "AUTH_ADMINISTRATOR",
                                "req-failed-1",
                                "127.0.0.1",
                                Optional.empty(),
                                0,
                                SignOut.Status.RUNNING,
                                curfew.clock().instant(),
                                Optional.empty(),
                                Optional.empty())
                        .failed(error));

        chrome.open(curfew.baseUrl() + fixture.consolePath("/sign-outs"));
        chrome.waitFor("#signout-failed-sign-out-1");
        assertThat(chrome.find("#signout-failed-sign-out-1 .status").getText()).contains("FAILED", error);
        chrome.open(curfew.baseUrl() + fixture.consolePath("/sign-outs/failed-sign-out-1"));
        chrome.waitFor("#result");
        assertThat(chrome.find("#status").getText()).startsWith("FAILED");
        assertThat(chrome.find("#error").getText()).isEqualTo(error);
    }

    @Test
    @Order(70)
    @DisplayName("Console pages carry the strict CSP and framing headers, and no inline script or style")
    void strictHeaders() {
        for (String page : List.of("", "/sessions", "/users", "/clients", "/settings", "/audit", "/sign-outs")) {
            HttpResponse<String> response = fixture.withConsoleCookie(
                    chrome,
                    HttpRequest.newBuilder(fixture.uri(fixture.consolePath(page)))
                            .GET());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(page)
                    .contains("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.body()).as(page).doesNotContain(" style=", "<style", "<script>");
        }
    }

    @Test
    @Order(80)
    @DisplayName("A state-changing POST without the console's CSRF token is refused and changes nothing")
    void postWithoutCsrfTokenRefused() {
        // After the realm's cut-off of the previous test, so the new session is valid.
        curfew.clock().advance(java.time.Duration.ofSeconds(2));
        fixture.sessionAt("grace", fixture.billing, 0);
        User grace = curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), "grace")
                .orElseThrow();
        HttpResponse<String> response = fixture.withConsoleCookie(
                chrome,
                HttpRequest.newBuilder(fixture.uri(fixture.consolePath("/sign-outs")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "scope=user&userId=" + grace.id() + "&reason=forged&confirm=yes")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("security token", "nothing was changed");
        assertThat(fixture.sessionsOf(grace.id())).hasSize(1);
    }

    @Test
    @Order(90)
    @DisplayName("Signing out of the console ends the administrator's session (RP-initiated logout)")
    void signOutOfConsole() {
        chrome.open(curfew.baseUrl() + fixture.consolePath(""));
        chrome.find("#console-sign-out").click();
        chrome.waitForUrl("/admin/console/signed-out");
        assertThat(chrome.text()).contains("You are signed out");
        chrome.open(curfew.baseUrl() + "/admin");
        chrome.waitFor("#password");
        assertThat(chrome.url()).contains("/realms/master/protocol/openid-connect/auth");
    }
}
