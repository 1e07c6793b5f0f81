package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** The console's groups: create one, add and remove members, find the members' sessions, delete it — all audited. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: groups (real browser)")
class GroupsConsoleBrowserTest {
    private TestCurfew curfew;
    private ConsoleFixture fixture;
    private Chrome chrome;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        fixture.userWithSessions("ada", fixture.shop, 1, 2);
        fixture.userWithSessions("ben", fixture.shop, 1);
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
    @DisplayName("create Finance (a second one is refused), add ada, see her sessions by group, remove her, delete it")
    void groupLifecycle() {
        chrome.open(curfew.baseUrl() + fixture.consolePath(""));
        chrome.find("nav a[href$='/groups']").click();
        chrome.waitFor("#create-group");
        chrome.fill("#group-name", "Finance");
        chrome.find("#create-group").click();
        chrome.waitFor("#group-list");
        chrome.fill("#group-name", "Finance");
        chrome.find("#create-group").click();
        chrome.waitFor("#group-name-error");
        assertThat(chrome.find("#group-name-error").getText()).contains("Finance");

        chrome.driver().findElement(By.linkText("Finance")).click();
        chrome.waitFor("#add-member");
        chrome.fill("#member-username", "nobody");
        chrome.find("#add-member").click();
        chrome.waitFor("#member-username-error");
        assertThat(chrome.find("#member-username-error").getText()).contains("No user named 'nobody'");
        chrome.fill("#member-username", "ada");
        chrome.find("#add-member").click();
        chrome.waitFor("#members");
        assertThat(chrome.find("#members-heading").getText()).isEqualTo("1 member");
        ConsoleFixture.screenshots(chrome, "console-group");

        chrome.find("#group-sessions").click();
        chrome.waitFor("#results-heading");
        assertThat(chrome.find("#search-group").getAttribute("value")).isEqualTo("Finance");
        assertThat(chrome.find("#results-heading").getText()).isEqualTo("2 matching sessions");
        chrome.driver().navigate().back();
        chrome.waitFor("#remove-ada");

        chrome.find("#remove-ada").click();
        chrome.waitFor("#no-members");
        chrome.find("#delete-group").click();
        chrome.waitFor("#no-groups");

        JsonNode audit = TestCurfew.json(curfew.get(
                "/admin/realms/" + fixture.realm.name() + "/audit?max=50", TestCurfew.bearer(curfew.adminToken())));
        List<String> actions = new ArrayList<>();
        audit.get("entries").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("group.created", "group.member-added", "group.member-removed", "group.deleted");
    }
}
