package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.key.SigningKey;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: a realm's signing keys and their rotation (real browser)")
class KeysConsoleBrowserTest {
    private static final String PASSWORD = "limited password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        ConsoleFixture.newAdmin(curfew, "users-admin", PASSWORD, "USER_ADMINISTRATOR@" + fixture.realm.name());
    }

    @AfterAll
    void stop() {
        if (curfew != null) {
            curfew.close();
        }
    }

    private List<SigningKey> keys() {
        return curfew.services().store().keys().list(fixture.realm.realm().id());
    }

    private static List<String> rows(Chrome chrome) {
        return chrome.driver().findElements(By.cssSelector("#signing-keys tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    @DisplayName("rotating with a reason and the confirmation makes a new key active and the old one verify-only")
    void rotate() {
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/settings"));
            chrome.waitFor("#keys-heading");
            String oldKid = keys().get(0).kid();
            assertThat(rows(chrome)).singleElement().asString().contains(oldKid, "RS256", "active");

            chrome.find("#rotate-key").click();
            chrome.waitFor("#confirm-rotate");
            assertThat(chrome.find("#retire-old-hint").getText()).contains("refused");
            ConsoleFixture.screenshots(chrome, "console-rotate-key");
            // Keys are listed newest first: the new key is created a second after the old one.
            curfew.clock().advance(Duration.ofSeconds(1));
            chrome.fill("#reason", "Routine rotation");
            chrome.find("#confirm").click();
            chrome.find("#confirm-rotate").click();
            chrome.waitForUrl("/settings");
            chrome.waitFor("#keys-heading");

            String newKid = keys().get(0).kid();
            assertThat(newKid).isNotEqualTo(oldKid);
            assertThat(chrome.text()).contains("New signing key " + newKid + " signs from now on");
            List<String> rows = rows(chrome);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).contains(newKid, "active");
            assertThat(rows.get(1)).contains(oldKid, "verify-only until");
            ConsoleFixture.screenshots(chrome, "console-signing-keys");
        }
    }

    @Test
    @DisplayName("without a reason or the tick nothing is rotated, and the page says what is missing")
    void confirmationIsRequired() {
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/keys/rotate"));
            chrome.waitFor("#confirm-rotate");
            int before = keys().size();

            ConsoleFixture.forgePost(chrome, fixture.consolePath("/keys/rotations"), Map.of("confirm", "yes"));
            chrome.waitFor("#confirm-error");
            assertThat(chrome.find("#confirm-error").getText()).contains("Give a reason");

            ConsoleFixture.forgePost(
                    chrome, fixture.consolePath("/keys/rotations"), Map.of("reason", "Routine rotation"));
            chrome.waitFor("#confirm-error");
            assertThat(chrome.find("#confirm-error").getText()).contains("Tick the confirmation");
            assertThat(chrome.find("#reason").getAttribute("value")).isEqualTo("Routine rotation");

            assertThat(keys()).hasSize(before);
        }
    }

    @Test
    @DisplayName("an administrator without SYSTEM_ADMINISTRATOR sees no keys, and a forged rotation is refused")
    void onlySystemAdministrators() {
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, "users-admin", PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/settings"));
            chrome.waitFor("#lifetimes-heading");
            assertThat(chrome.has("#keys-heading")).isFalse();
            assertThat(chrome.has("#rotate-key")).isFalse();
            List<String> kids = keys().stream().map(SigningKey::kid).toList();

            ConsoleFixture.forgePost(
                    chrome,
                    fixture.consolePath("/keys/rotations"),
                    Map.of("reason", "Not mine to do", "confirm", "yes", "retireOld", "yes"));

            chrome.waitFor("#problem");
            assertThat(chrome.find("h1").getText()).isEqualTo("Not allowed");
            assertThat(chrome.find("#problem").getText()).contains("SYSTEM_ADMINISTRATOR");
            assertThat(keys().stream().map(SigningKey::kid).toList()).isEqualTo(kids);

            chrome.open(curfew.baseUrl() + fixture.consolePath("/keys/rotate"));
            chrome.waitFor("#problem");
            assertThat(chrome.has("#confirm-rotate")).isFalse();
        }
    }
}
