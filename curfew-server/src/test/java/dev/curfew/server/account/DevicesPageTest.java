package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account console: \"Your devices\" — a user sees and ends their own sessions, and only their own")
class DevicesPageTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static TestRealm.ConfidentialClient web;
    static TestRealm.ConfidentialClient wiki;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web", b -> b.name("Web shop"));
        wiki = realm.confidentialClient("wiki");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private String signOutDevice() {
        return realm.path("/account/devices/sign-out");
    }

    @Test
    @DisplayName(
            "every valid session of the user is listed with device, IP, times and applications; this device first and marked")
    void listsTheUsersSessions() throws Exception {
        realm.user("alice");
        realm.user("mallory");
        String laptop = ConsoleDriver.otherDevice(realm, web, "alice");
        String notHers = ConsoleDriver.otherDevice(realm, wiki, "mallory");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);

        HttpResponse<String> page = console.signIn("alice");

        String body = page.body();
        String thisDevice = ConsoleDriver.thisDeviceSid(page);
        assertThat(body).contains("id=\"device-" + laptop + "\"", "Web shop", "127.0.0.1", "Last active", "just now");
        assertThat(body.indexOf("device-" + thisDevice)).isLessThan(body.indexOf("device-" + laptop));
        assertThat(body).doesNotContain(notHers);
        assertThat(body.split("class=\"badge\">This device<", -1)).hasSize(2);
        assertThat(body).contains("Ends 1 other session; this device stays signed in.");
    }

    @Test
    @DisplayName(
            "\"Sign out\" on a device ends that session through the sign-out service: audited, in the history, with the user as actor and privilege SELF")
    void signOutOneDevice() throws Exception {
        realm.user("bob");
        String phone = ConsoleDriver.otherDevice(realm, web, "bob");
        String tablet = ConsoleDriver.otherDevice(realm, wiki, "bob");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("bob");

        HttpResponse<String> response = console.submit(page, signOutDevice(), phone, Map.of());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(realm.path("/account"));
        assertThat(curfew.services().sessions().byId(realm.realm(), phone)).isEmpty();
        assertThat(curfew.services().sessions().byId(realm.realm(), tablet)).isPresent();
        assertThat(curfew.services().sessions().byId(realm.realm(), ConsoleDriver.thisDeviceSid(page)))
                .isPresent();

        SignOut recorded = signOutBy("bob");
        assertThat(recorded.scopeType()).isEqualTo("session");
        assertThat(recorded.scopeDetail()).contains(phone);
        assertThat(recorded.actorUsername()).isEqualTo("bob");
        assertThat(recorded.privilege()).isEqualTo("SELF");
        assertThat(recorded.reason()).isEqualTo("Signed out by the user from the account console");
        assertThat(recorded.affectedSessions()).isEqualTo(1);
        AuditEntry audited = latestAudit();
        assertThat(audited.actorUsername()).isEqualTo("bob");
        assertThat(audited.privilege()).isEqualTo("SELF");
        assertThat(audited.action()).isEqualTo("sign-out");

        HttpResponse<String> after = console.follow(response);
        assertThat(after.body()).contains("role=\"status\"", "was signed out.").doesNotContain("device-" + phone);
        assertThat(console.browser.get(realm.path("/account")).body())
                .as("the message is shown once")
                .doesNotContain("was signed out.");
    }

    @Test
    @DisplayName("a forged session id of another user is refused with 403 and their session stays valid")
    void forgedSessionIdOfAnotherUserIsForbidden() throws Exception {
        realm.user("carol");
        realm.user("dave");
        String daves = ConsoleDriver.otherDevice(realm, web, "dave");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("carol");
        long signOutsBefore =
                curfew.services().store().signOuts().count(realm.realm().id());
        Map<String, String> form = ConsoleDriver.form(page.body(), realm.path("/account/sign-out"), "csrf");
        form.put("session", daves);

        HttpResponse<String> response = console.browser.postForm(signOutDevice(), form);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Not your session", "Nothing was changed");
        assertThat(curfew.services().sessions().byId(realm.realm(), daves)).isPresent();
        assertThat(curfew.services().store().signOuts().count(realm.realm().id()))
                .isEqualTo(signOutsBefore);
    }

    @Test
    @DisplayName("a session id of the same user name in another realm is refused with 403")
    void sessionOfAnotherRealmIsForbidden() throws Exception {
        TestRealm other = TestRealm.create(curfew);
        other.user("erin");
        String elsewhere = ConsoleDriver.otherDevice(other, other.confidentialClient("web"), "erin");
        realm.user("erin");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("erin");
        Map<String, String> form = ConsoleDriver.form(page.body(), realm.path("/account/sign-out"), "csrf");
        form.put("session", elsewhere);

        assertThat(console.browser.postForm(signOutDevice(), form).statusCode()).isEqualTo(403);
        assertThat(curfew.services().sessions().byId(other.realm(), elsewhere)).isPresent();
    }

    @Test
    @DisplayName("a form without its CSRF token, or with a wrong one, is refused and changes nothing")
    void missingOrWrongCsrfIsRefused() throws Exception {
        realm.user("frank");
        String laptop = ConsoleDriver.otherDevice(realm, web, "frank");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("frank");

        HttpResponse<String> missing = console.browser.postForm(signOutDevice(), Map.of("session", laptop));
        HttpResponse<String> wrong =
                console.browser.postForm(signOutDevice(), Map.of("session", laptop, "csrf", "forged-token-value"));
        HttpResponse<String> others =
                console.browser.postForm(realm.path("/account/devices/sign-out-others"), Map.of());

        assertThat(List.of(missing.statusCode(), wrong.statusCode(), others.statusCode()))
                .containsOnly(403);
        assertThat(missing.body()).contains("Form expired");
        assertThat(curfew.services().sessions().byId(realm.realm(), laptop)).isPresent();
    }

    @Test
    @DisplayName(
            "\"Sign out all other devices\" ends every other session of the user, keeps this one, and leaves other users alone")
    void signOutAllOtherDevices() throws Exception {
        realm.user("gina");
        realm.user("hank");
        String one = ConsoleDriver.otherDevice(realm, web, "gina");
        String two = ConsoleDriver.otherDevice(realm, wiki, "gina");
        String hanks = ConsoleDriver.otherDevice(realm, web, "hank");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("gina");
        String thisDevice = ConsoleDriver.thisDeviceSid(page);

        HttpResponse<String> response =
                console.submit(page, realm.path("/account/devices/sign-out-others"), "csrf", Map.of());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(curfew.services().sessions().byId(realm.realm(), one)).isEmpty();
        assertThat(curfew.services().sessions().byId(realm.realm(), two)).isEmpty();
        assertThat(curfew.services().sessions().byId(realm.realm(), thisDevice)).isPresent();
        assertThat(curfew.services().sessions().byId(realm.realm(), hanks)).isPresent();
        SignOut recorded = signOutBy("gina");
        assertThat(recorded.affectedSessions()).isEqualTo(2);
        assertThat(recorded.privilege()).isEqualTo("SELF");
        assertThat(console.follow(response).body())
                .contains("2 other devices were signed out.", "You are not signed in on any other device.");
    }

    @Test
    @DisplayName("\"Sign out\" posted with this device's own session id ends it and shows the signed-out page")
    void signingOutThisDeviceByIdEndsTheConsoleSessionToo() {
        realm.user("iris");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("iris");
        String thisDevice = ConsoleDriver.thisDeviceSid(page);
        Map<String, String> form = ConsoleDriver.form(page.body(), realm.path("/account/sign-out"), "csrf");
        form.put("session", thisDevice);

        HttpResponse<String> response = console.browser.postForm(signOutDevice(), form);

        assertThat(response.headers().firstValue("Location")).hasValue(realm.path("/account/signed-out"));
        assertThat(curfew.services().sessions().byId(realm.realm(), thisDevice)).isEmpty();
        assertThat(console.browser.get(realm.path("/account")).statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("pages carry the security headers: no scripts, no framing, not cached")
    void pagesAreServedWithTheSecurityHeaders() {
        realm.user("jack");
        HttpResponse<String> page = new ConsoleDriver(curfew.browser(), realm).signIn("jack");

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).doesNotContain("<script", "style=\"", " onclick");
    }

    /** The user's one sign-out in the history (the test clock stands still, so order by time cannot tell). */
    private SignOut signOutBy(String username) {
        List<SignOut> theirs = curfew
                .services()
                .store()
                .signOuts()
                .list(realm.realm().id(), new Page(0, 1000))
                .stream()
                .filter(s -> s.actorUsername().equals(username))
                .toList();
        assertThat(theirs).hasSize(1);
        return theirs.get(0);
    }

    private AuditEntry latestAudit() {
        List<AuditEntry> all =
                curfew.services().store().audit().range(realm.realm().id(), 1, 10_000);
        return all.get(all.size() - 1);
    }
}
