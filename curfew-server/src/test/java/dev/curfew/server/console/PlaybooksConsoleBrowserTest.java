package dev.curfew.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Admin console: playbooks, previewed then run, and only those the administrator may run (real browser)")
class PlaybooksConsoleBrowserTest {
    private static final String PASSWORD = "limited password 123";

    private TestCurfew curfew;
    private ConsoleFixture fixture;

    @BeforeAll
    void start() {
        curfew = TestCurfew.start();
        fixture = ConsoleFixture.create(curfew);
        ConsoleFixture.newAdmin(curfew, "auth-admin", PASSWORD, "AUTH_ADMINISTRATOR@" + fixture.realm.name());
    }

    @AfterAll
    void stop() {
        if (curfew != null) {
            curfew.close();
        }
    }

    @Test
    @DisplayName("lost device: Preview counts the phone's session and changes nothing; Run ends it, the laptop stays")
    void lostDevice() {
        fixture.realm.user("dana");
        SignedIn phone = SignedIn.login(
                curfew.browser(Map.of("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0)")),
                fixture.realm,
                fixture.shop,
                "dana");
        SignedIn laptop = SignedIn.login(
                curfew.browser(Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")),
                fixture.realm,
                fixture.shop,
                "dana");
        curfew.clock().advance(Duration.ofSeconds(1));
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/playbooks"));
            chrome.waitFor("#playbook-lost-device");
            ConsoleFixture.screenshots(chrome, "console-playbooks");

            chrome.fill("#lost-device-username", "dana");
            chrome.fill("#lost-device-userAgent", "iPhone");
            chrome.fill("#lost-device-reason", "Phone stolen on the train");
            chrome.find("#lost-device-preview").click();
            chrome.waitFor("#playbook-result");
            assertThat(chrome.find("#playbook-result").getText())
                    .contains("Preview: lost-device", "sign-out: would-run", "affectedSessions 1");
            phone.assertWorks("the phone after the preview");

            chrome.find("#lost-device-run").click();
            chrome.waitFor("#playbook-lost-device");
            assertThat(chrome.text()).contains("Tick the confirmation");
            chrome.find("#lost-device-confirm").click();
            chrome.find("#lost-device-run").click();
            chrome.waitFor("#playbook-result");
            assertThat(chrome.find("#playbook-result").getText())
                    .contains("Done: lost-device", "Phone stolen on the train", "sign-out: done");
            ConsoleFixture.screenshots(chrome, "console-playbook-done");
        }
        phone.assertSignedOut("the phone");
        laptop.assertWorks("the laptop");
    }

    @Test
    @DisplayName(
            "an authentication administrator sees the playbooks they may run, not incident response nor offboarding")
    void onlyWhatIsAllowed() {
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, "auth-admin", PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/playbooks"));
            chrome.waitFor("#playbook-lost-device");
            assertThat(chrome.driver().findElements(By.cssSelector("form.playbook")))
                    .extracting(e -> e.getAttribute("id"))
                    .containsExactly("playbook-lost-device", "playbook-system-update", "playbook-compliance");
        }
    }

    @Test
    @DisplayName("compliance: a daily sign-out of one application planned from the form, with the report's count")
    void compliance() {
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/playbooks"));
            chrome.waitFor("#playbook-compliance");
            new org.openqa.selenium.support.ui.Select(chrome.find("#compliance-recurrence-frequency"))
                    .selectByValue("daily");
            chrome.fill("#compliance-recurrence-time", "3 am");
            chrome.fill("#compliance-scope-clientId", fixture.shop.clientId());
            chrome.fill("#compliance-reason", "Policy SEC-7: no session older than a day");
            chrome.find("#compliance-confirm").click();
            chrome.find("#compliance-run").click();
            chrome.waitFor("#playbook-compliance");
            assertThat(chrome.find("#compliance-recurrence-time-error").getText())
                    .contains("must be a time of day");

            chrome.fill("#compliance-recurrence-time", "03:00");
            chrome.find("#compliance-confirm").click();
            chrome.find("#compliance-run").click();
            chrome.waitFor("#playbook-result");
            assertThat(chrome.find("#playbook-result").getText())
                    .contains(
                            "Done: compliance",
                            "schedule-sign-out: planned",
                            "frequency daily",
                            "sessions-report: done");
            ConsoleFixture.screenshots(chrome, "console-playbook-compliance");
        }
        JsonNode schedules = TestCurfew.json(curfew.get(
                "/admin/realms/" + fixture.realm.name() + "/sign-out-schedules",
                TestCurfew.bearer(curfew.adminToken())));
        assertThat(schedules.get("schedules")).hasSize(1);
        assertThat(schedules.get("schedules").get(0).get("scope").get("type").asText())
                .isEqualTo("client");
    }

    @Test
    @DisplayName("migration: sign-ins paused with the message, the realm signed out, and the export downloaded")
    void migration() throws Exception {
        fixture.realm.user("milo");
        SignedIn milo = SignedIn.login(fixture.realm, fixture.shop, "milo");
        curfew.clock().advance(Duration.ofSeconds(1));
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            chrome.open(curfew.baseUrl() + fixture.consolePath("/playbooks"));
            chrome.waitFor("#playbook-migration");
            chrome.fill("#migration-maintenance-message", "Moving to the new platform");
            chrome.fill("#migration-reason", "Move to region B (change 88)");
            chrome.find("#migration-confirm").click();
            chrome.find("#migration-run").click();
            chrome.waitFor("#playbook-result");
            assertThat(chrome.find("#playbook-result").getText())
                    .contains("Done: migration", "start-maintenance: done", "sign-out: done", "export: done");
            ConsoleFixture.screenshots(chrome, "console-playbook-migration");

            // What the "Download" button posts, sent with this browser's console cookie and form token.
            String csrf = chrome.find("#download-export")
                    .findElement(org.openqa.selenium.By.xpath("./ancestor::form//input[@name='csrf']"))
                    .getAttribute("value");
            String cookie =
                    chrome.driver().manage().getCookieNamed("CURFEW_CONSOLE").getValue();
            java.net.http.HttpResponse<String> download = curfew.http()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(curfew.baseUrl() + fixture.consolePath("/export")))
                                    .header("Cookie", "CURFEW_CONSOLE=" + cookie)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + csrf))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                    .contains("attachment", ".json");
            String export = download.body();
            JsonNode exported = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export);
            assertThat(exported.get("realm").asText()).isEqualTo(fixture.realm.name());
            assertThat(exported.get("users").findValuesAsText("username")).contains("milo");
            assertThat(export).doesNotContain("$argon2");
        } finally {
            curfew.delete(
                    "/admin/realms/" + fixture.realm.name() + "/maintenance?reason=done",
                    TestCurfew.bearer(curfew.adminToken()));
            // Past the realm sign-out's second: a session started in it would count as signed out.
            curfew.clock().advance(Duration.ofSeconds(1));
        }
        milo.assertSignedOut("milo");
    }

    @Test
    @DisplayName("every playbook's form previews its steps and changes nothing")
    void everyFormPreviews() {
        fixture.realm.user("pia");
        SignedIn pia = SignedIn.login(fixture.realm, fixture.shop, "pia");
        ConsoleFixture.expect(
                curfew.postJson(
                        "/admin/realms/" + fixture.realm.name() + "/groups",
                        Map.of("name", "Travel"),
                        TestCurfew.bearer(curfew.adminToken())),
                201);
        String future = curfew.clock().instant().plus(Duration.ofDays(1)).toString();
        int schedules = schedules().size();
        Map<String, Map<String, String>> fields = new java.util.LinkedHashMap<>();
        fields.put("incident-response", Map.of());
        fields.put("offboarding", Map.of("usernames", "pia"));
        fields.put("lost-device", Map.of("username", "pia", "userAgent", "Java"));
        fields.put("enforce-two-factor", Map.of());
        fields.put("system-update", Map.of("at", future));
        fields.put("password-compromise", Map.of("usernames", "pia"));
        fields.put("credential-sharing", Map.of("username", "pia"));
        fields.put("compliance", Map.of("recurrence-time", "02:00"));
        fields.put("migration", Map.of("maintenance-message", "Moving"));
        fields.put("high-risk-period", Map.of("group", "Travel", "until", future));
        try (Chrome chrome = Chrome.start()) {
            ConsoleFixture.consoleLogin(chrome, curfew, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
            for (Map.Entry<String, Map<String, String>> playbook : fields.entrySet()) {
                String name = playbook.getKey();
                chrome.open(curfew.baseUrl() + fixture.consolePath("/playbooks"));
                chrome.waitFor("#playbook-" + name);
                playbook.getValue().forEach((field, value) -> chrome.fill("#" + name + "-" + field, value));
                chrome.fill("#" + name + "-reason", "Preview of " + name);
                chrome.find("#" + name + "-preview").click();
                chrome.waitFor("#playbook-result");
                assertThat(chrome.find("#playbook-result").getText())
                        .as(name)
                        .contains("Preview: " + name, "Nothing was changed", "would-run");
            }
        }
        pia.assertWorks("pia after ten previews");
        assertThat(schedules()).as("no schedule from the compliance preview").hasSize(schedules);
    }

    private JsonNode schedules() {
        return TestCurfew.json(curfew.get(
                        "/admin/realms/" + fixture.realm.name() + "/sign-out-schedules",
                        TestCurfew.bearer(curfew.adminToken())))
                .get("schedules");
    }
}
