package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
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
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console holds no power of its own: it calls the admin API with the signed-in administrator's token,
 * so a helpdesk administrator holding USER_ADMINISTRATOR and CLIENT_ADMINISTRATOR for master meets there
 * the same refusals as in the API. It cannot reset the password of the bootstrap system administrator,
 * and cannot change {@code admin-cli}, whose page shows its settings without a form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console (user and client administrator of master, real browser)")
class MasterAdministratorConsoleBrowserTest {
    private static final String HELPDESK = "helpdesk";
    private static final String HELPDESK_PASSWORD = "helpdesk password 123";
    private static final String MASTER_PAGES = "/admin/console/realms/master";

    private TestCurfew curfew;
    private Chrome chrome;
    private Realm master;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        master = curfew.services().realms().find(Realm.MASTER).orElseThrow();
        ConsoleFixture.newAdmin(
                curfew, HELPDESK, HELPDESK_PASSWORD, "USER_ADMINISTRATOR@master", "CLIENT_ADMINISTRATOR@master");
        chrome = Chrome.start();
        ConsoleFixture.consoleLogin(chrome, curfew, HELPDESK, HELPDESK_PASSWORD);
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
            "resetting the bootstrap system administrator's password from the console is refused (403) and changes nothing")
    void cannotResetASystemAdministratorsPassword() {
        User admin = curfew.services()
                .store()
                .users()
                .findByUsername(master.id(), TestCurfew.ADMIN_USER)
                .orElseThrow();
        chrome.open(curfew.baseUrl() + MASTER_PAGES + "/users/" + admin.id());
        chrome.waitFor("#reset-password");
        chrome.fill("#new-password", "taken over by helpdesk");
        chrome.fill("#new-password-confirm", "taken over by helpdesk");
        chrome.find("#reset-password").click();

        chrome.waitFor("#problem");
        assertThat(chrome.find("h1").getText()).isEqualTo("Not allowed");
        assertThat(chrome.find("#problem").getText())
                .contains("holds privileges you do not hold", "Nothing was changed");
        chrome.screenshot("console-administrator-refused");
        assertThat(curfew.adminToken()).as("the old password still works").isNotBlank();
    }

    @Test
    @Order(2)
    @DisplayName("admin-cli's page shows its settings as built in, without a form; a forged change is refused (403)")
    void cannotChangeAdminCli() {
        Client adminCli = curfew.services()
                .store()
                .clients()
                .findByClientId(master.id(), "admin-cli")
                .orElseThrow();
        chrome.open(curfew.baseUrl() + MASTER_PAGES + "/clients/" + adminCli.id());
        chrome.waitFor("#built-in-note");
        assertThat(chrome.has("#save-client")).isFalse();
        chrome.screenshot("console-built-in-client");

        // The form the console did not show, sent with the administrator's own valid CSRF token.
        ((JavascriptExecutor) chrome.driver()).executeScript("""
                        const form = document.createElement('form');
                        form.method = 'post';
                        form.action = arguments[0];
                        const fields = {csrf: document.querySelector('input[name=csrf]').value, name: 'admin-cli',
                                        enabled: 'true', redirectUris: 'https://attacker.example.test/cb'};
                        for (const [name, value] of Object.entries(fields)) {
                          const input = document.createElement('input');
                          input.type = 'hidden'; input.name = name; input.value = value;
                          form.appendChild(input);
                        }
                        document.body.appendChild(form);
                        form.submit();
                        """, MASTER_PAGES + "/clients/" + adminCli.id());
        chrome.waitFor("#problem");
        assertThat(chrome.find("h1").getText()).isEqualTo("Not allowed");
        assertThat(chrome.find("#problem").getText()).contains("'admin-cli'", "built in");

        JsonNode stored = TestCurfew.json(
                curfew.get("/admin/realms/master/clients/" + adminCli.id(), TestCurfew.bearer(curfew.adminToken())));
        assertThat(stored.get("redirectUris")).isEmpty();
        assertThat(stored.get("standardFlowEnabled").asBoolean()).isFalse();
    }
}
