package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.session.Page;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Back-channel logout in the console, in a real Chromium, against a real HTTP receiver on 127.0.0.1: the
 * administrator sets each service's back-channel logout URI on its page, signs a user out, and follows the
 * logout tokens — delivered to the shop, refused (410, so dead at once) by billing — on the sign-out's entry
 * and on each service's page, then retries the dead one. An administrator without AUTH_ADMINISTRATOR sees
 * the status but no Retry, and a forged retry is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console: back-channel logout settings and notification delivery (real browser)")
class ClientNotificationsConsoleBrowserTest {
    private static final String AUDITOR = "auditor";
    private static final String AUDITOR_PASSWORD = "auditor password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Receiver receiver;
    private Chrome chrome;
    private User ada;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        receiver = Receiver.start();
        fixture = ConsoleFixture.create(curfew);
        // Billing's receiver is gone (410: refused, dead at once); after a retry it is busy (503: tried again later).
        receiver.answerAt("/billing/logout", 410, 503);
        ConsoleFixture.newAdmin(
                curfew,
                AUDITOR,
                AUDITOR_PASSWORD,
                "AUDITOR@" + fixture.realm.name(),
                "SESSION_VIEWER@" + fixture.realm.name());
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
    @DisplayName(
            "The back-channel logout URI is set on the client page; the API's objection is shown next to the field")
    void setBackChannelUris() {
        openClient(fixture.billing);
        assertThat(chrome.find("#backchannel-uri").getAttribute("value")).isEmpty();
        assertThat(chrome.find("#backchannel-session").isSelected()).isTrue();
        assertThat(chrome.text()).contains("no back-channel logout URI");

        chrome.fill("#backchannel-uri", "https://billing.example.test/logout#now");
        chrome.find("#save-client").click();
        chrome.waitFor("#backchannel-uri-error");
        assertThat(chrome.find("#backchannel-uri-error").getText()).contains("must not contain a fragment");
        assertThat(chrome.find("#backchannel-uri").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chrome.find("#backchannel-uri").getAttribute("aria-describedby"))
                .contains("backchannel-uri-error");
        // What was typed stays in the form; nothing was saved.
        assertThat(chrome.find("#backchannel-uri").getAttribute("value"))
                .isEqualTo("https://billing.example.test/logout#now");
        assertThat(chrome.find("#settings-error").getText()).contains("nothing was saved");
        assertThat(stored(fixture.billing).backchannelLogoutUri()).isEmpty();
        ConsoleFixture.screenshots(chrome, "console-client-backchannel-error");

        chrome.fill("#backchannel-uri", receiver.url("/billing/logout"));
        chrome.find("#save-client").click();
        chrome.waitFor(".flash");
        assertThat(chrome.has("#backchannel-uri-error")).isFalse();
        assertThat(chrome.find("#backchannel-uri").getAttribute("value")).isEqualTo(receiver.url("/billing/logout"));
        assertThat(stored(fixture.billing).backchannelLogoutUri()).contains(receiver.url("/billing/logout"));

        openClient(fixture.shop);
        chrome.fill("#backchannel-uri", receiver.url("/shop/logout"));
        chrome.find("#backchannel-session").click();
        chrome.find("#save-client").click();
        chrome.waitFor(".flash");
        assertThat(chrome.find("#backchannel-session").isSelected()).isFalse();
        assertThat(stored(fixture.shop).backchannelLogoutUri()).contains(receiver.url("/shop/logout"));
        assertThat(stored(fixture.shop).backchannelLogoutSessionRequired()).isFalse();
    }

    @Test
    @Order(20)
    @DisplayName("A user signed out through the console: the sign-out's entry shows delivered to shop, dead at billing")
    void signOutAndFollowDelivery() {
        fixture.userWithSessions("ada", fixture.shop, 0);
        fixture.sessionAt("ada", fixture.billing, 0);
        ada = curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), "ada")
                .orElseThrow();
        curfew.clock().advance(Duration.ofSeconds(2));

        chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + ada.id()));
        chrome.find("#sign-out-user").click();
        chrome.waitFor("#preview-count");
        chrome.fill("#reason", "Contractor left (ticket 815)");
        chrome.find("#confirm").click();
        chrome.find("#confirm-sign-out").click();
        chrome.waitFor("#result");
        // In force at once; the count is final when the background clean-up completes.
        chrome.refreshUntil("#affected", "2");
        String signOutUrl = chrome.url();

        receiver.await(2);
        awaitNothingQueued();
        chrome.open(signOutUrl);
        chrome.waitFor("#deliveries");
        assertThat(row("shop-web")).containsExactly("shop-web", receiver.url("/shop/logout"), "0", "1", "0", "—");
        assertThat(row("billing-api"))
                .containsExactly("billing-api", receiver.url("/billing/logout"), "0", "0", "1", "HTTP 410");
        assertThat(chrome.find("#deliveries tr[data-client='billing-api'] a").getAttribute("href"))
                .endsWith("/clients/" + fixture.billing.client().id() + "#notifications-heading");
        ConsoleFixture.screenshots(chrome, "console-sign-out-deliveries");
        assertThat(receiver.receivedAt("/shop/logout")).hasSize(1);
        assertThat(receiver.receivedAt("/billing/logout")).hasSize(1);
    }

    @Test
    @Order(30)
    @DisplayName(
            "Without AUTH_ADMINISTRATOR the client page shows the dead notification but no Retry; a forged retry is refused")
    void auditorSeesStatusWithoutRetry() {
        try (Chrome auditor = Chrome.start()) {
            ConsoleFixture.consoleLogin(auditor, curfew, AUDITOR, AUDITOR_PASSWORD);
            auditor.open(curfew.baseUrl()
                    + fixture.consolePath("/clients/" + fixture.billing.client().id()));
            auditor.waitFor("#notifications-heading");
            assertThat(auditor.find("#count-dead").getText()).isEqualTo("1");
            assertThat(auditor.find("#dead-notifications").getText()).contains("HTTP 410");
            assertThat(auditor.has("button.retry")).isFalse();
            assertThat(auditor.find("#dead-notifications caption").getText()).contains("needs AUTH_ADMINISTRATOR");
            // Not a client administrator either: the settings are shown, not a form.
            assertThat(auditor.has("#save-client")).isFalse();
            assertThat(auditor.find("#backchannel-uri-value").getText()).isEqualTo(receiver.url("/billing/logout"));

            String dead = deadIds().getFirst();
            ((JavascriptExecutor) auditor.driver())
                    .executeScript(
                            """
                            const form = document.createElement('form');
                            form.method = 'post';
                            form.action = arguments[0];
                            const input = document.createElement('input');
                            input.type = 'hidden'; input.name = 'csrf';
                            input.value = document.querySelector('input[name=csrf]').value;
                            form.appendChild(input);
                            document.body.appendChild(form);
                            form.submit();
                            """,
                            fixture.consolePath(
                                    "/clients/" + fixture.billing.client().id() + "/deliveries/" + dead + "/retry"));
            auditor.waitFor("#problem");
            assertThat(auditor.find("h1").getText()).isEqualTo("Not allowed");
            assertThat(auditor.find("#problem").getText()).contains("AUTH_ADMINISTRATOR", "Nothing was changed");
            assertThat(deadIds()).containsExactly(dead);
        }
    }

    @Test
    @Order(40)
    @DisplayName("Client pages count delivered and dead notifications; Retry puts the dead one back in the queue")
    void clientNotificationsAndRetry() {
        openClient(fixture.shop);
        chrome.waitFor("#notifications-heading");
        assertThat(counts()).containsExactly("0", "1", "0");
        assertThat(chrome.has("#dead-notifications")).isFalse();

        openClient(fixture.billing);
        chrome.waitFor("#notifications-heading");
        assertThat(counts()).containsExactly("0", "0", "1");
        List<WebElement> dead = chrome.driver().findElements(By.cssSelector("tr.dead-row"));
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().findElement(By.cssSelector(".last-error")).getText())
                .isEqualTo("HTTP 410");
        assertThat(dead.getFirst().getText()).contains(receiver.url("/billing/logout"));
        chrome.find("#notifications-heading").click();
        ConsoleFixture.screenshots(chrome, "console-client-notifications");

        dead.getFirst().findElement(By.cssSelector("button.retry")).click();
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).contains("queued again");
        assertThat(chrome.find("#count-dead").getText()).isEqualTo("0");
        assertThat(chrome.find("#count-queued").getText()).isEqualTo("1");
        assertThat(chrome.has("tr.dead-row")).isFalse();
        assertThat(chrome.driver().findElements(By.cssSelector("tr.queued-row")))
                .hasSize(1);

        // The retry is sent at once; the receiver is busy (503), so it waits for its next attempt.
        receiver.await(3);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> curfew
                        .services()
                        .store()
                        .outbox()
                        .list(fixture.realm.realm().id(), Delivery.Status.QUEUED, Optional.empty(), new Page(0, 10))
                        .stream()
                        .anyMatch(d -> d.lastError().orElse("").contains("503")));
        chrome.driver().navigate().refresh();
        chrome.waitFor("#queued-notifications");
        assertThat(counts()).containsExactly("1", "0", "0");
        assertThat(chrome.find("#queued-notifications .last-error").getText()).isEqualTo("HTTP 503");
        ConsoleFixture.screenshots(chrome, "console-client-notifications-retried");

        // The receiver is back (200): the next attempt, once due, delivers it.
        curfew.clock().advance(Duration.ofMinutes(1));
        awaitNothingQueued();
        chrome.driver().navigate().refresh();
        chrome.waitFor("#notifications-heading");
        assertThat(counts()).containsExactly("0", "1", "0");
        assertThat(receiver.receivedAt("/billing/logout")).hasSize(3);
    }

    private void openClient(TestRealm.ConfidentialClient client) {
        chrome.open(curfew.baseUrl()
                + fixture.consolePath("/clients/" + client.client().id()));
        chrome.waitFor("#settings-heading");
    }

    private Client stored(TestRealm.ConfidentialClient client) {
        return curfew.services()
                .store()
                .clients()
                .findById(fixture.realm.realm().id(), client.client().id())
                .orElseThrow();
    }

    /** Queued, delivered, dead as the client page shows them. */
    private List<String> counts() {
        return List.of(
                chrome.find("#count-queued").getText(),
                chrome.find("#count-delivered").getText(),
                chrome.find("#count-dead").getText());
    }

    private List<String> row(String clientId) {
        return chrome.find("#deliveries tr[data-client='" + clientId + "']").findElements(By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private List<String> deadIds() {
        return curfew
                .services()
                .store()
                .outbox()
                .list(fixture.realm.realm().id(), Delivery.Status.DEAD, Optional.empty(), new Page(0, 10))
                .stream()
                .map(Delivery::id)
                .toList();
    }

    private void awaitNothingQueued() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.QUEUED) == 0);
    }
}
