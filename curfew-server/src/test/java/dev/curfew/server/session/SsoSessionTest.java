package dev.curfew.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SSO sessions, their cookie and their cut-offs")
class SsoSessionTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;
    static ConfidentialClient wiki;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        wiki = realm.confidentialClient("wiki");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§6: the cookie secret is neither the public session id nor stored in clear")
    void cookieSecretIsNotTheSidAndIsStoredHashed() throws Exception {
        realm.user("alice");
        HttpResponse<String> response = OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "alice");
        String secret = cookieValue(response);
        JsonNode tokens = OidcFlow.ok(OidcFlow.exchange(realm, web, OidcFlow.code(response)));
        String sid = OidcFlow.claims(tokens.get("access_token").asText()).getStringClaim("sid");

        UserSession session = curfew.services().store().sessions().findById(sid).orElseThrow();
        assertThat(secret).isNotEqualTo(sid).hasSizeGreaterThanOrEqualTo(43);
        assertThat(session.cookieHash()).isEqualTo(Secrets.sha256(secret)).isNotEqualTo(secret);
        assertThat(tokens.toString()).doesNotContain(secret);
    }

    @Test
    @DisplayName("§6: the session's cookie does not sign the browser in at another realm")
    void cookieDoesNotWorkInAnotherRealm() {
        realm.user("bob");
        String secret = cookieValue(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "bob"));
        TestRealm other = TestRealm.create(curfew);
        other.confidentialClient("web");
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("prompt", "none");
        HttpResponse<String> response =
                curfew.get(OidcFlow.authorizeUrl(other, params), "Cookie", SessionCookie.NAME + "=" + secret);
        assertThat(Browser.redirectParams(response)).containsEntry("error", "login_required");
    }

    @Test
    @DisplayName("an unknown cookie value is ignored: the login page is shown")
    void unknownCookieIsIgnored() {
        HttpResponse<String> response = curfew.get(
                OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")),
                "Cookie",
                SessionCookie.NAME + "=" + Secrets.newSecret());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("§3: the realm's cut-off ends every SSO session of the realm")
    void realmCutOffEndsSso() {
        TestRealm cut = TestRealm.create(curfew);
        cut.confidentialClient("web");
        cut.user("carl");
        Browser browser = curfew.browser();
        OidcFlow.code(OidcFlow.login(browser, cut, OidcFlow.authParams("web"), "carl"));
        curfew.clock().advance(Duration.ofSeconds(1));
        Realm before = cut.realm();
        curfew.services()
                .realms()
                .update(before, before.withNotBefore(Optional.of(curfew.clock().instant())));
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(cut, params))))
                .containsEntry("error", "login_required");
    }

    @Test
    @DisplayName("§3: the user's cut-off ends the user's SSO sessions, and a new login works again")
    void userCutOffEndsSsoUntilTheNextLogin() {
        User dora = realm.user("dora");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "dora");
        curfew.clock().advance(Duration.ofSeconds(1));
        curfew.services()
                .store()
                .users()
                .update(dora.withNotBefore(Optional.of(curfew.clock().instant())));
        Map<String, String> params = OidcFlow.authParams("wiki");
        params.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .containsEntry("error", "login_required");

        curfew.clock().advance(Duration.ofSeconds(1));
        JsonNode fresh = OidcFlow.signIn(browser, realm, web, "dora");
        assertThat(OidcFlow.userinfo(realm, fresh.get("access_token").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a disabled user's SSO session no longer signs the browser in")
    void disabledUserEndsSso() {
        User erin = realm.user("erin");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "erin");
        curfew.services().store().users().update(erin.withEnabled(false));
        Map<String, String> params = OidcFlow.authParams("wiki");
        params.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .containsEntry("error", "login_required");
    }

    @Test
    @DisplayName("each client that gets tokens in a session is recorded as a client session of it")
    void clientSessionsAreRecorded() throws Exception {
        realm.user("fay");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "fay");
        String code = Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki"))))
                .get("code");
        OidcFlow.ok(OidcFlow.exchange(realm, wiki, code));
        String sid = OidcFlow.claims(tokens.get("access_token").asText()).getStringClaim("sid");
        assertThat(curfew.services().store().sessions().clientSessions(sid))
                .extracting(ClientSession::clientId)
                .containsExactlyInAnyOrder(web.client().id(), wiki.client().id());
    }

    @Test
    @DisplayName("ending a session that does not exist answers false")
    void endingAnUnknownSessionAnswersFalse() {
        assertThat(curfew.services().sessions().end(realm.realm(), Secrets.newId()))
                .isFalse();
    }

    private static String cookieValue(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(SessionCookie.NAME + "="))
                .findFirst()
                .orElseThrow();
        return cookie.substring(SessionCookie.NAME.length() + 1, cookie.indexOf(';'));
    }
}
