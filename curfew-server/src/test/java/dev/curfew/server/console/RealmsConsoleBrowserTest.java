package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
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
import org.openqa.selenium.WebElement;

/**
 * Realms in the console, as the bootstrap administrator (SYSTEM_ADMINISTRATOR for all realms): the list, creating
 * one, its settings with the API's objections next to each field, disabling it, and deleting it after typing its
 * name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console: realms (real browser)")
class RealmsConsoleBrowserTest {
    private static final String HARBOUR = "harbour";

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

    @Test
    @Order(10)
    @DisplayName("\"All realms\" lists every realm and links each to its dashboard")
    void listsRealms() {
        chrome.find("nav a[href*='/admin/console/realms?realm=']").click();
        chrome.waitFor("#realms");
        assertThat(names()).containsExactly("master", fixture.realm.name());
        assertThat(chrome.find("nav a[aria-current=page]").getText()).isEqualTo("All realms");
        ConsoleFixture.screenshots(chrome, "console-realms");

        chrome.driver().findElement(By.linkText(fixture.realm.name())).click();
        chrome.waitFor("#numbers-heading");
        assertThat(chrome.url()).endsWith(fixture.consolePath(""));
    }

    @Test
    @Order(20)
    @DisplayName(
            "Creating a realm: each refused value is named next to its field, what was typed stays, nothing is created")
    void createRealmWithFieldErrors() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms");
        chrome.waitFor("#create-realm");
        assertThat(chrome.find("#access-token-lifespan").getAttribute("value")).isEqualTo("300");

        chrome.fill("#realm-name", HARBOUR);
        chrome.fill("#access-token-lifespan", "five minutes");
        chrome.find("#create-realm").click();
        chrome.waitFor("#access-token-lifespan-error");
        assertThat(chrome.find("#access-token-lifespan-error").getText()).contains("whole number of seconds");
        assertThat(chrome.find("#access-token-lifespan").getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(chrome.find("#realm-name").getAttribute("value")).isEqualTo(HARBOUR);

        chrome.fill("#realm-name", "harbour staff!");
        chrome.fill("#access-token-lifespan", "300");
        chrome.find("#create-realm").click();
        chrome.waitFor("#realm-name-error");
        assertThat(chrome.find("#realm-name-error").getText()).contains("letters, digits");
        assertThat(chrome.find("#realm-name").getAttribute("aria-describedby")).contains("realm-name-error");

        chrome.fill("#realm-name", HARBOUR);
        chrome.fill("#sso-idle", "7200");
        chrome.fill("#sso-max", "3600");
        chrome.find("#create-realm").click();
        chrome.waitFor("#sso-idle-error");
        assertThat(chrome.find("#sso-idle-error").getText()).contains("must not exceed ssoSessionMaxLifespan");
        assertThat(chrome.find("#realm-error").getText()).contains("nothing was saved");
        assertThat(chrome.find("#sso-idle").getAttribute("value")).isEqualTo("7200");
        assertThat(chrome.has("#realm-name-error")).isFalse();
        ConsoleFixture.screenshots(chrome, "console-realm-create-error");

        chrome.fill("#realm-name", fixture.realm.name());
        chrome.fill("#sso-idle", "1800");
        chrome.find("#create-realm").click();
        chrome.waitFor("#realm-name-error");
        assertThat(chrome.find("#realm-name-error").getText()).contains("already exists");
        assertThat(realm(HARBOUR)).isEmpty();
    }

    @Test
    @Order(30)
    @DisplayName("A created realm opens on its settings and is in the realm switcher")
    void createRealm() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms");
        chrome.waitFor("#create-realm");
        chrome.fill("#realm-name", HARBOUR);
        chrome.fill("#display-name", "Harbour staff");
        chrome.fill("#access-token-lifespan", "120");
        new org.openqa.selenium.support.ui.Select(chrome.find("#realm-algorithm")).selectByValue("ES256");
        chrome.find("#create-realm").click();
        chrome.waitFor(".flash");
        assertThat(chrome.url()).endsWith("/admin/console/realms/" + HARBOUR + "/settings");
        assertThat(chrome.find(".flash").getText()).contains("Realm harbour created");
        assertThat(chrome.find("#realm-select").getText()).contains(HARBOUR);
        Realm created = realm(HARBOUR).orElseThrow();
        assertThat(created.displayName()).isEqualTo("Harbour staff");
        assertThat(created.settings().accessTokenLifespan()).isEqualTo(Duration.ofSeconds(120));
        assertThat(created.settings().signingAlgorithm()).isEqualTo("ES256");
        assertThat(chrome.text()).contains("Signing algorithm: ES256");
    }

    @Test
    @Order(40)
    @DisplayName("Realm settings: a refused lifetime comes back next to its field; display name and status are saved")
    void editSettings() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/" + HARBOUR + "/settings");
        chrome.waitFor("#save-settings");
        chrome.fill("#display-name", "Harbour crew");
        chrome.fill("#code-lifespan", "900");
        chrome.find("#save-settings").click();
        chrome.waitFor("#code-lifespan-error");
        assertThat(chrome.find("#code-lifespan-error").getText()).contains("at most 600 seconds");
        assertThat(chrome.find("#display-name").getAttribute("value")).isEqualTo("Harbour crew");
        assertThat(realm(HARBOUR).orElseThrow().displayName()).isEqualTo("Harbour staff");
        ConsoleFixture.screenshots(chrome, "console-realm-settings-error");

        chrome.fill("#code-lifespan", "60");
        chrome.find("#realm-disabled").click();
        chrome.find("#save-settings").click();
        chrome.waitFor(".flash");
        Realm saved = realm(HARBOUR).orElseThrow();
        assertThat(saved.displayName()).isEqualTo("Harbour crew");
        assertThat(saved.enabled()).isFalse();
        assertThat(chrome.find("#realm-disabled").isSelected()).isTrue();
    }

    @Test
    @Order(45)
    @DisplayName("Realm settings: the password policy and the shared-account thresholds; a bad policy is named")
    void passwordPolicyAndSharing() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/" + HARBOUR + "/settings");
        chrome.waitFor("#save-settings");
        assertThat(chrome.find("#password-policy").getAttribute("value")).isEqualTo("length(8)");
        chrome.fill("#password-policy", "length(12) and digits(1)");
        chrome.fill("#sharing-networks", "3");
        chrome.find("#save-settings").click();
        chrome.waitFor("#password-policy-error");
        assertThat(chrome.find("#password-policy-error").getText()).contains("unknown policy 'digits'");
        assertThat(chrome.find("#sharing-networks").getAttribute("value")).isEqualTo("3");

        chrome.fill("#password-policy", "length(12) and notCommon");
        chrome.find("#save-settings").click();
        chrome.waitFor(".flash");
        Realm saved = realm(HARBOUR).orElseThrow();
        assertThat(saved.settings().passwordRules()).hasToString("length(12) and notCommon");
        assertThat(saved.settings().sharingDetection().distinctNetworks()).isEqualTo(3);
        assertThat(chrome.find("#sharing-networks").getAttribute("value")).isEqualTo("3");
        ConsoleFixture.screenshots(chrome, "console-realm-settings-policies");
    }

    @Test
    @Order(47)
    @DisplayName("Realm settings: a maintenance window opened with a message and ended; a bad end time is named")
    void maintenanceWindow() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/" + HARBOUR + "/settings");
        chrome.waitFor("#start-maintenance");
        assertThat(chrome.find("#maintenance-status").getText()).contains("None");
        chrome.fill("#maintenance-message", "Moving to new servers");
        chrome.fill("#maintenance-end", "tomorrow");
        chrome.fill("#maintenance-reason", "Change 42");
        chrome.find("#start-maintenance").click();
        chrome.waitFor("#maintenance-end-error");
        assertThat(chrome.find("#maintenance-end-error").getText()).contains("YYYY-MM-DD HH:MM");

        chrome.fill("#maintenance-end", "");
        chrome.find("#start-maintenance").click();
        chrome.waitFor("#end-maintenance");
        assertThat(chrome.find("#maintenance-status").getText())
                .contains("In force", "Moving to new servers", "until it is ended");
        assertThat(curfew.get("/admin/realms/" + HARBOUR + "/maintenance", TestCurfew.bearer(curfew.adminToken()))
                        .statusCode())
                .isEqualTo(200);
        ConsoleFixture.screenshots(chrome, "console-realm-maintenance");

        chrome.fill("#maintenance-end-reason", "Move done");
        chrome.find("#end-maintenance").click();
        chrome.waitFor("#start-maintenance");
        assertThat(chrome.find("#maintenance-status").getText()).contains("None");
        assertThat(curfew.get("/admin/realms/" + HARBOUR + "/maintenance", TestCurfew.bearer(curfew.adminToken()))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(50)
    @DisplayName("The master realm cannot be disabled (the API names the field) and has no Delete button")
    void masterRealm() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/settings");
        chrome.waitFor("#save-settings");
        assertThat(chrome.has("#delete-realm")).isFalse();
        chrome.find("#realm-disabled").click();
        chrome.find("#save-settings").click();
        chrome.waitFor("#realm-enabled-error");
        assertThat(chrome.find("#realm-enabled-error").getText()).contains("master realm cannot be disabled");
        assertThat(realm("master").orElseThrow().enabled()).isTrue();
    }

    @Test
    @Order(60)
    @DisplayName("Deleting a realm takes its name typed out; a wrong name, even forced past the page, deletes nothing")
    void deleteRealm() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/" + HARBOUR + "/settings");
        chrome.find("#delete-realm").click();
        chrome.waitFor("#confirm-name");
        assertThat(chrome.find("#delete-consequences").getText()).contains("users, clients, sessions");
        chrome.fill("#confirm-name", "harbor");
        assertThat(chrome.find("#confirm-delete").isEnabled()).isFalse();
        ConsoleFixture.screenshots(chrome, "console-realm-delete");

        // Without the script's help the server still compares the name.
        chrome.script("document.getElementById('confirm-delete').form.submit()");
        chrome.waitFor("#delete-error");
        assertThat(chrome.find("#delete-error").getText()).contains("Type harbour exactly", "nothing was deleted");
        assertThat(realm(HARBOUR)).isPresent();

        chrome.fill("#confirm-name", HARBOUR);
        chrome.find("#confirm-delete").click();
        chrome.waitFor("#realms");
        assertThat(chrome.find(".flash").getText()).isEqualTo("Realm harbour deleted.");
        assertThat(names()).containsExactly("master", fixture.realm.name());
        assertThat(realm(HARBOUR)).isEmpty();
    }

    @Test
    @Order(70)
    @DisplayName("A forged delete of the master realm is refused by the API and changes nothing")
    void forgedMasterDeleteRefused() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/settings");
        chrome.waitFor("#save-settings");
        ConsoleFixture.forgePost(chrome, "/admin/console/realms/master/delete", Map.of("confirmName", "master"));
        chrome.waitFor("#problem");
        assertThat(chrome.find("#problem").getText()).contains("master");
        assertThat(realm("master")).isPresent();
    }

    private List<String> names() {
        return chrome.driver().findElements(By.cssSelector("tr.realm-row td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private Optional<Realm> realm(String name) {
        return curfew.services().store().realms().findByName(name);
    }
}
