package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/**
 * Clients in the console, as the bootstrap administrator: registering one (the API's objections next to each
 * field, down to the line of a redirect URI), its secret shown once and working, a new secret replacing it, a
 * public client made confidential, and deleting one after typing its clientId.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Admin console: clients (real browser)")
class ClientsConsoleBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;
    private String ledgerSecret;

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
    @DisplayName(
            "Registering a client: a bad clientId, a bad redirect URI (by line) and grants a public client cannot use are named")
    void createClientWithFieldErrors() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/clients"));
        chrome.find("#new-client").click();
        chrome.waitFor("#create-client");
        assertThat(chrome.find("#client-confidential").isSelected()).isTrue();
        assertThat(chrome.find("#grant-code").isSelected()).isTrue();

        chrome.fill("#client-id", "ledger app");
        chrome.fill("#redirect-uris", "https://ledger.example.test/callback\nledger.example.test/callback");
        chrome.find("#client-public").click();
        chrome.find("#grant-client-credentials").click();
        chrome.find("#create-client").click();
        chrome.waitFor("#client-id-error");
        assertThat(chrome.find("#client-id-error").getText()).contains("letters, digits");
        assertThat(chrome.find("#redirect-uris-error").getText()).startsWith("entry 2:");
        assertThat(chrome.find("#client-grants-error").getText())
                .contains("public client cannot use the client credentials");
        assertThat(chrome.find("#settings-error").getText()).contains("nothing was saved");
        assertThat(chrome.find("#redirect-uris").getAttribute("value")).endsWith("\nledger.example.test/callback");
        assertThat(chrome.find("#client-public").isSelected()).isTrue();
        ConsoleFixture.screenshots(chrome, "console-client-new-error");

        chrome.fill("#client-id", "shop-web");
        chrome.fill("#redirect-uris", "https://ledger.example.test/callback");
        chrome.find("#client-confidential").click();
        chrome.find("#create-client").click();
        chrome.waitFor("#client-id-error");
        assertThat(chrome.find("#client-id-error").getText()).contains("already has a client with clientId 'shop-web'");
        assertThat(stored("ledger")).isEmpty();
    }

    @Test
    @Order(20)
    @DisplayName("A new confidential client's secret is shown once, on its page, and works at the token endpoint")
    void secretShownOnce() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/clients/new"));
        chrome.waitFor("#create-client");
        chrome.fill("#client-id", "ledger");
        chrome.fill("#client-name", "Ledger");
        chrome.find("#grant-client-credentials").click();
        chrome.fill("#redirect-uris", "https://ledger.example.test/callback");
        chrome.fill("#backchannel-uri", "https://ledger.example.test/logout");
        chrome.find("#create-client").click();
        chrome.waitFor("#new-secret");
        assertThat(chrome.find(".flash").getText()).isEqualTo("Client ledger created.");
        ledgerSecret = chrome.find("#secret-value").getText();
        assertThat(ledgerSecret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(chrome.find("#client-summary").getText())
                .isEqualTo("Confidential client · grants: authorization code, client credentials");
        Client ledger = stored("ledger").orElseThrow();
        assertThat(ledger.backchannelLogoutUri()).contains("https://ledger.example.test/logout");
        assertThat(clientCredentials("ledger", ledgerSecret).statusCode()).isEqualTo(200);
        ConsoleFixture.screenshots(chrome, "console-client-secret");

        chrome.driver().navigate().refresh();
        chrome.waitFor("#settings-heading");
        assertThat(chrome.has("#new-secret")).isFalse();
        assertThat(chrome.driver().getPageSource()).doesNotContain(ledgerSecret);
    }

    @Test
    @Order(30)
    @DisplayName("A new secret needs the confirmation ticked; then it replaces the old one at once and is shown once")
    void regenerateSecret() {
        openClient("ledger");
        // Forced past the browser's check of the tick box, the server still asks for it.
        chrome.script("document.getElementById('regenerate-secret').form.submit()");
        chrome.waitFor(".flash");
        assertThat(chrome.find(".flash").getText()).contains("Tick the confirmation", "still works");
        assertThat(clientCredentials("ledger", ledgerSecret).statusCode()).isEqualTo(200);

        chrome.find("#confirm-secret").click();
        chrome.find("#regenerate-secret").click();
        chrome.waitFor("#new-secret");
        String fresh = chrome.find("#secret-value").getText();
        assertThat(fresh).isNotEqualTo(ledgerSecret);
        assertThat(clientCredentials("ledger", ledgerSecret).statusCode()).isEqualTo(401);
        assertThat(clientCredentials("ledger", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(40)
    @DisplayName("A public client has no secret; made confidential on its page, it gets one, shown once")
    void publicClientMadeConfidential() {
        chrome.open(curfew.baseUrl() + fixture.consolePath("/clients/new"));
        chrome.waitFor("#create-client");
        chrome.fill("#client-id", "kiosk");
        chrome.find("#client-public").click();
        chrome.fill("#redirect-uris", "https://kiosk.example.test/callback");
        chrome.find("#create-client").click();
        chrome.waitFor(".flash");
        assertThat(chrome.has("#new-secret")).isFalse();
        assertThat(chrome.has("#regenerate-secret")).isFalse();
        assertThat(stored("kiosk").orElseThrow().publicClient()).isTrue();

        chrome.find("#client-confidential").click();
        chrome.find("#save-client").click();
        chrome.waitFor("#new-secret");
        String secret = chrome.find("#secret-value").getText();
        Client kiosk = stored("kiosk").orElseThrow();
        assertThat(kiosk.publicClient()).isFalse();
        assertThat(kiosk.secretHash()).contains(Secrets.sha256(secret));
    }

    @Test
    @Order(50)
    @DisplayName(
            "Deleting a client takes its clientId typed out; a wrong one, even forced past the page, deletes nothing")
    void deleteClient() {
        openClient("kiosk");
        chrome.find("#delete-client").click();
        chrome.waitFor("#confirm-name");
        assertThat(chrome.find("h1").getText()).isEqualTo("Delete client kiosk");
        ConsoleFixture.screenshots(chrome, "console-client-delete");
        chrome.fill("#confirm-name", "kiosks");
        chrome.script("document.getElementById('confirm-delete').form.submit()");
        chrome.waitFor("#delete-error");
        assertThat(stored("kiosk")).isPresent();

        chrome.fill("#confirm-name", "kiosk");
        chrome.find("#confirm-delete").click();
        chrome.waitFor("#new-client");
        assertThat(chrome.find(".flash").getText()).isEqualTo("Client kiosk deleted.");
        assertThat(stored("kiosk")).isEmpty();
        assertThat(chrome.find("table").getText())
                .contains("ledger", "shop-web", "billing-api")
                .doesNotContain("kiosk");
        ConsoleFixture.screenshots(chrome, "console-clients");
    }

    @Test
    @Order(60)
    @DisplayName("The master realm's admin-cli cannot be deleted: the API refuses, and the page says so")
    void adminCliCannotBeDeleted() {
        String adminCli = curfew.services()
                .store()
                .clients()
                .findByClientId(masterId(), "admin-cli")
                .orElseThrow()
                .id();
        chrome.open(curfew.baseUrl() + "/admin/console/realms/master/clients/" + adminCli + "/delete");
        chrome.waitFor("#confirm-name");
        chrome.fill("#confirm-name", "admin-cli");
        chrome.find("#confirm-delete").click();
        chrome.waitFor("#problem");
        assertThat(chrome.find("#problem").getText()).contains("built in to Curfew");
        assertThat(curfew.services().store().clients().findByClientId(masterId(), "admin-cli"))
                .isPresent();
    }

    private void openClient(String clientId) {
        chrome.open(curfew.baseUrl()
                + fixture.consolePath(
                        "/clients/" + stored(clientId).orElseThrow().id()));
        chrome.waitFor("#settings-heading");
    }

    private Optional<Client> stored(String clientId) {
        return curfew.services()
                .store()
                .clients()
                .findByClientId(fixture.realm.realm().id(), clientId);
    }

    private HttpResponse<String> clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return curfew.postForm(
                fixture.realm.tokenPath(),
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                "Basic " + basic);
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
