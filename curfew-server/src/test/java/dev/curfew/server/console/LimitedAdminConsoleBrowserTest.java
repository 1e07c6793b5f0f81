package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The privilege rules of the console's administration pages, for administrators holding one privilege for one
 * realm: each sees the buttons of what they may do and none of the others, and a form forged for something else,
 * sent with their own valid CSRF token, is refused by the admin API (403) and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: what administrators with narrower privileges see and may do (real browser)")
class LimitedAdminConsoleBrowserTest {
    private static final String PASSWORD = "limited password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.realm.user("ada");
        String realm = fixture.realm.name();
        ConsoleFixture.newAdmin(curfew, "users-admin", PASSWORD, "USER_ADMINISTRATOR@" + realm);
        ConsoleFixture.newAdmin(curfew, "clients-admin", PASSWORD, "CLIENT_ADMINISTRATOR@" + realm);
        ConsoleFixture.newAdmin(curfew, "realm-admin", PASSWORD, "SYSTEM_ADMINISTRATOR@" + realm);
    }

    @AfterAll
    void stop() {
        if (curfew != null) {
            curfew.close();
        }
    }

    @Test
    @DisplayName(
            "A USER_ADMINISTRATOR manages users but sees no client, realm or privilege controls; a forged client delete is refused")
    void userAdministrator() {
        try (Chrome chrome = signIn("users-admin")) {
            chrome.open(curfew.baseUrl() + fixture.consolePath("/users"));
            chrome.waitFor("#new-user");
            assertThat(chrome.has("nav a[href$='/clients']")).isFalse();
            chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + userId("ada")));
            chrome.waitFor("#delete-user");
            assertThat(chrome.has("#save-profile")).isTrue();
            assertThat(chrome.has("#privileges-heading")).isFalse();

            chrome.open(curfew.baseUrl() + fixture.consolePath("/settings"));
            chrome.waitFor("#lifetimes-heading");
            assertThat(chrome.has("#save-settings")).isFalse();
            assertThat(chrome.has("#delete-realm")).isFalse();
            ConsoleFixture.screenshots(chrome, "console-realm-settings-read-only");

            chrome.open(curfew.baseUrl() + "/admin/console/realms");
            chrome.waitFor("#realms");
            assertThat(chrome.has("#create-realm")).isFalse();

            ConsoleFixture.forgePost(
                    chrome,
                    fixture.consolePath("/clients/" + fixture.shop.client().id() + "/delete"),
                    Map.of("confirmName", "shop-web"));
            assertRefused(chrome, "CLIENT_ADMINISTRATOR");
            assertThat(clientExists("shop-web")).isTrue();
        }
    }

    @Test
    @DisplayName("A CLIENT_ADMINISTRATOR manages clients but sees no user controls; a forged user delete is refused")
    void clientAdministrator() {
        try (Chrome chrome = signIn("clients-admin")) {
            chrome.open(curfew.baseUrl() + fixture.consolePath("/clients"));
            chrome.waitFor("#new-client");
            assertThat(chrome.has("nav a[href$='/users']")).isFalse();
            chrome.open(curfew.baseUrl()
                    + fixture.consolePath("/clients/" + fixture.shop.client().id()));
            chrome.waitFor("#delete-client");
            assertThat(chrome.has("#regenerate-secret")).isTrue();

            ConsoleFixture.forgePost(
                    chrome, fixture.consolePath("/users/" + userId("ada") + "/delete"), Map.of("confirmName", "ada"));
            assertRefused(chrome, "USER_ADMINISTRATOR");
            assertThat(curfew.services()
                            .store()
                            .users()
                            .findByUsername(fixture.realm.realm().id(), "ada"))
                    .isPresent();

            chrome.open(curfew.baseUrl() + fixture.consolePath("/clients"));
            chrome.waitFor("#new-client");
            ConsoleFixture.forgePost(
                    chrome,
                    "/admin/console/realms",
                    Map.of(
                            "realm", "shadow",
                            "accessTokenLifespan", "300",
                            "ssoSessionIdleTimeout", "1800",
                            "ssoSessionMaxLifespan", "36000",
                            "accessCodeLifespan", "60",
                            "algorithm", "RS256"));
            assertRefused(chrome, "SYSTEM_ADMINISTRATOR");
            assertThat(curfew.services().store().realms().findByName("shadow")).isEmpty();
        }
    }

    @Test
    @DisplayName(
            "A SYSTEM_ADMINISTRATOR of one realm edits its settings but may neither delete it nor create realms; a forged delete is refused")
    void realmAdministrator() {
        try (Chrome chrome = signIn("realm-admin")) {
            chrome.open(curfew.baseUrl() + fixture.consolePath("/settings"));
            chrome.waitFor("#save-settings");
            assertThat(chrome.has("#delete-realm")).isFalse();
            chrome.open(curfew.baseUrl() + "/admin/console/realms");
            chrome.waitFor("#realms");
            assertThat(chrome.has("#create-realm")).isFalse();
            // Only master-realm users hold privileges, and only a system administrator of every realm grants them.
            chrome.open(curfew.baseUrl() + fixture.consolePath("/users/" + userId("ada")));
            chrome.waitFor("#delete-user");
            assertThat(chrome.has("#privileges-heading")).isFalse();

            ConsoleFixture.forgePost(
                    chrome, fixture.consolePath("/delete"), Map.of("confirmName", fixture.realm.name()));
            assertRefused(chrome, "SYSTEM_ADMINISTRATOR");
            assertThat(curfew.services().store().realms().findByName(fixture.realm.name()))
                    .isPresent();
        }
    }

    private Chrome signIn(String username) {
        Chrome chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, username, PASSWORD);
        return chrome;
    }

    private static void assertRefused(Chrome chrome, String privilege) {
        chrome.waitFor("#problem");
        assertThat(chrome.find("h1").getText()).isEqualTo("Not allowed");
        assertThat(chrome.find("#problem").getText()).contains(privilege, "Nothing was changed");
        assertThat(chrome.text()).contains("HTTP 403");
    }

    private String userId(String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), username)
                .orElseThrow()
                .id();
    }

    private boolean clientExists(String clientId) {
        return curfew.services()
                .store()
                .clients()
                .findByClientId(fixture.realm.realm().id(), clientId)
                .isPresent();
    }
}
