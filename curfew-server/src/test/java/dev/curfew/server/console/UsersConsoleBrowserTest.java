package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * Users in the console, as the bootstrap administrator: creating one (the API's objections next to each field),
 * editing the profile, setting a password, disabling, deleting after typing the username, and granting and
 * removing a master-realm user's administrator privileges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console: users and privileges (real browser)")
class UsersConsoleBrowserTest {
    private static final String NEW_PASSWORD = "a much longer passphrase";
    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "operator password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;
    private String operatorId;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.realm.user("ada");
        // A client that may use the password grant, to prove a password works.
        fixture.realm.publicClient("cli", b -> b.directAccessGrants(true));
        operatorId = ConsoleFixture.newAdmin(curfew, OPERATOR, OPERATOR_PASSWORD);
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
    @DisplayName("Creating a user: differing passwords, a bad email, a short password and a taken name are each named")
    void createUserWithFieldErrors() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/users"));
        chrome.find("#new-user").click();
        chrome.waitFor("#create-user");

        chrome.fill("#new-username", "hedy");
        chrome.fill("#new-email", "hedy at example");
        chrome.fill("#new-password", "short");
        chrome.fill("#new-password-confirm", "shorter");
        chrome.find("#create-user").click();
        chrome.waitFor("#new-password-confirm-error");
        assertThat(chrome.find("#new-password-confirm-error").getText()).contains("differ");

        chrome.fill("#new-password", "short");
        chrome.fill("#new-password-confirm", "short");
        chrome.find("#create-user").click();
        chrome.waitFor("#new-email-error");
        assertThat(chrome.find("#new-email-error").getText()).contains("email address");
        assertThat(chrome.find("#new-password-error").getText()).contains("8");
        assertThat(chrome.find("#new-email").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chrome.find("#new-username").getAttribute("value")).isEqualTo("hedy");
        // A password is never sent back to the browser.
        assertThat(chrome.find("#new-password").getAttribute("value")).isEmpty();
        ConsoleFixture.screenshots(chrome, "console-user-new-error");

        chrome.fill("#new-username", "ada");
        chrome.fill("#new-email", "ada2@example.test");
        chrome.fill("#new-password", TestRealm.PASSWORD);
        chrome.fill("#new-password-confirm", TestRealm.PASSWORD);
        chrome.find("#create-user").click();
        chrome.waitFor("#new-username-error");
        assertThat(chrome.find("#new-username-error").getText()).contains("already has a user named 'ada'");
        assertThat(user("hedy")).isEmpty();
    }

    @Test
    @Order(20)
    @DisplayName("A created user opens on their page and can sign in with the password given")
    void createUser() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/users/new"));
        chrome.waitFor("#create-user");
        chrome.fill("#new-username", "Hedy");
        chrome.fill("#new-email", "hedy@example.test");
        chrome.fill("#new-first-name", "Hedy");
        chrome.fill("#new-last-name", "Lamarr");
        chrome.fill("#new-password", TestRealm.PASSWORD);
        chrome.fill("#new-password-confirm", TestRealm.PASSWORD);
        chrome.find("#create-user").click();
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).isEqualTo("User hedy created.");
        assertThat(chrome.find("h1").getText()).startsWith("hedy");
        assertThat(chrome.find("#email").getAttribute("value")).isEqualTo("hedy@example.test");
        assertThat(curfew.passwordToken(fixture.realm.name(), "cli", "hedy", TestRealm.PASSWORD)
                        .has("access_token"))
                .isTrue();
        ConsoleFixture.screenshots(chrome, "console-user-created");
    }

    @Test
    @Order(30)
    @DisplayName("Profile: a refused email is named next to the field and kept as typed; a good one is saved")
    void editProfile() {
        openUser("hedy");
        chrome.fill("#email", "hedy@");
        chrome.fill("#first-name", "Hedwig");
        chrome.find("#save-profile").click();
        chrome.waitFor("#email-error");
        assertThat(chrome.find("#email-error").getText()).contains("email address");
        assertThat(chrome.find("#email").getAttribute("value")).isEqualTo("hedy@");
        assertThat(chrome.find("#first-name").getAttribute("value")).isEqualTo("Hedwig");
        assertThat(user("hedy").orElseThrow().firstName()).contains("Hedy");
        ConsoleFixture.screenshots(chrome, "console-user-profile-error");

        chrome.fill("#email", "hedwig@example.test");
        chrome.find("#save-profile").click();
        chrome.waitFor(".flash");
        assertThat(user("hedy").orElseThrow().email()).contains("hedwig@example.test");
        assertThat(user("hedy").orElseThrow().firstName()).contains("Hedwig");
    }

    @Test
    @Order(40)
    @DisplayName("Setting a password: too short or typed differently is named next to the field; a good one works")
    void setPassword() {
        openUser("hedy");
        chrome.fill("#new-password", "short");
        chrome.fill("#new-password-confirm", "short");
        chrome.find("#reset-password").click();
        chrome.waitFor("#new-password-error");
        assertThat(chrome.find("#new-password-error").getText()).contains("8");

        chrome.fill("#new-password", NEW_PASSWORD);
        chrome.fill("#new-password-confirm", NEW_PASSWORD + "!");
        chrome.find("#reset-password").click();
        chrome.waitFor("#new-password-confirm-error");
        assertThat(chrome.find("#new-password-confirm-error").getText()).contains("differ");

        chrome.fill("#new-password", NEW_PASSWORD);
        chrome.fill("#new-password-confirm", NEW_PASSWORD);
        chrome.find("#reset-password").click();
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).startsWith("Password set.");
        assertThat(curfew.passwordToken(fixture.realm.name(), "cli", "hedy", NEW_PASSWORD)
                        .has("access_token"))
                .isTrue();
        assertThatThrownBy(() -> curfew.passwordToken(fixture.realm.name(), "cli", "hedy", TestRealm.PASSWORD))
                .hasMessageContaining("password grant failed");
    }

    @Test
    @Order(50)
    @DisplayName("Disabling and enabling an account")
    void disableAndEnable() {
        openUser("hedy");
        chrome.find("#disable-user").click();
        chrome.waitFor("#enable-user");
        assertThat(chrome.find("#user-status").getText()).isEqualTo("disabled");
        assertThat(user("hedy").orElseThrow().enabled()).isFalse();
        chrome.find("#enable-user").click();
        chrome.waitFor("#disable-user");
        assertThat(user("hedy").orElseThrow().enabled()).isTrue();
    }

    @Test
    @Order(60)
    @DisplayName(
            "Deleting a user takes the username typed out; a wrong one, even forced past the page, deletes nothing")
    void deleteUser() {
        openUser("hedy");
        chrome.find("#delete-user").click();
        chrome.waitFor("#confirm-name");
        assertThat(chrome.find("h1").getText()).isEqualTo("Delete user hedy");
        assertThat(chrome.find("#confirm-delete").isEnabled()).isFalse();
        ConsoleFixture.screenshots(chrome, "console-user-delete");
        chrome.fill("#confirm-name", "heddy");
        chrome.script("document.getElementById('confirm-delete').form.submit()");
        chrome.waitFor("#delete-error");
        assertThat(user("hedy")).isPresent();

        chrome.fill("#confirm-name", "hedy");
        chrome.find("#confirm-delete").click();
        chrome.waitFor("#user-search");
        assertThat(chrome.find(".flash").getText()).isEqualTo("User hedy deleted.");
        assertThat(user("hedy")).isEmpty();
    }

    @Test
    @Order(70)
    @DisplayName("A master-realm user's privileges: granted and removed on their page, stored and audited")
    void grantAndRemovePrivileges() {
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/users/" + operatorId);
        chrome.waitFor("#privileges-heading");
        assertThat(chrome.find("#no-privileges").getText()).contains("not an administrator");

        new Select(chrome.find("#grant-privilege")).selectByValue("SESSION_VIEWER");
        new Select(chrome.find("#grant-realm")).selectByValue(fixture.realm.name());
        chrome.find("#grant-privilege-submit").click();
        chrome.waitFor("#privilege-grants");
        assertThat(chrome.find(".flash").getText()).startsWith("Granted SESSION_VIEWER for " + fixture.realm.name());
        new Select(chrome.find("#grant-privilege")).selectByValue("AUDITOR");
        new Select(chrome.find("#grant-realm")).selectByValue("*");
        chrome.find("#grant-privilege-submit").click();
        chrome.waitFor(".flash");
        assertThat(grants()).containsExactlyInAnyOrder("SESSION_VIEWER@" + fixture.realm.name(), "AUDITOR@*");
        assertThat(chrome.find("#privilege-grants").getText()).contains("AUDITOR", "all realms");
        ConsoleFixture.screenshots(chrome, "console-admin-privileges");

        chrome.find("button[aria-label='Remove AUDITOR for all realms']").click();
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).startsWith("Removed AUDITOR for all realms");
        assertThat(grants()).containsExactly("SESSION_VIEWER@" + fixture.realm.name());

        // The change is in the master realm's audit log, with the reason the console gives.
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/audit?action=privileges");
        chrome.waitFor("table.audit");
        assertThat(chrome.find("table.audit").getText())
                .contains("Removed AUDITOR for all realms in the admin console");
    }

    @Test
    @Order(80)
    @DisplayName("Removing your own SYSTEM_ADMINISTRATOR for all realms is refused, with the API's reason on the page")
    void cannotRemoveOwnSystemAdministrator() {
        User admin = curfew.services()
                .store()
                .users()
                .findByUsername(masterId(), TestCurfew.ADMIN_USER)
                .orElseThrow();
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/users/" + admin.id());
        chrome.waitFor("#privilege-grants");
        chrome.find("button[aria-label='Remove SYSTEM_ADMINISTRATOR for all realms']")
                .click();
        chrome.waitFor("#privileges-error");
        assertThat(chrome.find("#privileges-error").getText())
                .contains("cannot remove your own SYSTEM_ADMINISTRATOR privilege");
        assertThat(curfew.services().store().privileges().forUser(admin.id()))
                .extracting(PrivilegeGrant::claimValue)
                .contains("SYSTEM_ADMINISTRATOR@*");
    }

    private void openUser(String username) {
        chrome.open(curfew.baseUrl()
                + fixture.consolePath("/users/" + user(username).orElseThrow().id()));
        chrome.waitFor("#save-profile");
    }

    private Optional<User> user(String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(fixture.realm.realm().id(), username);
    }

    private List<String> grants() {
        return curfew.services().store().privileges().forUser(operatorId).stream()
                .map(PrivilegeGrant::claimValue)
                .toList();
    }

    private String masterId() {
        return curfew.services()
                .store()
                .realms()
                .findByName("master")
                .orElseThrow()
                .id();
    }
}
