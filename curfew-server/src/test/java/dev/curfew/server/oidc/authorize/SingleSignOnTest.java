package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OIDC Core §3.1.2.1: single sign-on, prompt and max_age")
class SingleSignOnTest {
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
    @DisplayName("a second client in the same browser gets a code without a password, in the same session")
    void secondClientGetsACodeWithoutAPassword() throws Exception {
        realm.user("alice");
        Browser browser = curfew.browser();
        JsonNode first = OidcFlow.signIn(browser, realm, web, "alice");

        HttpResponse<String> response = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki")));
        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> params = Browser.redirectParams(response);
        assertThat(params).containsEntry("state", OidcFlow.STATE).containsEntry("iss", realm.issuer());
        JsonNode second = OidcFlow.ok(OidcFlow.exchange(realm, wiki, params.get("code")));

        JWTClaimsSet firstId = OidcFlow.claims(first.get("id_token").asText());
        JWTClaimsSet secondId = OidcFlow.claims(second.get("id_token").asText());
        assertThat(secondId.getStringClaim("sid")).isEqualTo(firstId.getStringClaim("sid"));
        assertThat(secondId.getLongClaim("auth_time")).isEqualTo(firstId.getLongClaim("auth_time"));
        assertThat(secondId.getAudience()).containsExactly("wiki");
    }

    @Test
    @DisplayName("another browser has no session and sees the login page")
    void anotherBrowserSeesTheLoginPage() {
        realm.user("bob");
        OidcFlow.signIn(curfew.browser(), realm, web, "bob");
        HttpResponse<String> response = curfew.browser().get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("prompt=none without a session is login_required, with state and iss")
    void promptNoneWithoutSessionIsLoginRequired() {
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("prompt", "none");
        HttpResponse<String> response = curfew.browser().get(OidcFlow.authorizeUrl(realm, params));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.redirectParams(response))
                .containsEntry("error", "login_required")
                .containsEntry("state", OidcFlow.STATE)
                .containsEntry("iss", realm.issuer());
    }

    @Test
    @DisplayName("prompt=none with a session answers with a code at once")
    void promptNoneWithSessionAnswersWithACode() {
        realm.user("carol");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "carol");
        Map<String, String> params = OidcFlow.authParams("wiki");
        params.put("prompt", "none");
        HttpResponse<String> response = browser.get(OidcFlow.authorizeUrl(realm, params));
        assertThat(Browser.redirectParams(response)).containsKey("code").doesNotContainKey("error");
    }

    @Test
    @DisplayName("prompt=login shows the login page even with a session, and a new login gets a new session")
    void promptLoginForcesTheLoginPage() throws Exception {
        realm.user("dora");
        Browser browser = curfew.browser();
        JsonNode first = OidcFlow.signIn(browser, realm, web, "dora");
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("prompt", "login");
        curfew.clock().advance(Duration.ofSeconds(5));
        String code = OidcFlow.code(OidcFlow.login(browser, realm, params, "dora"));
        JsonNode second = OidcFlow.ok(OidcFlow.exchange(realm, web, code));

        JWTClaimsSet firstId = OidcFlow.claims(first.get("id_token").asText());
        JWTClaimsSet secondId = OidcFlow.claims(second.get("id_token").asText());
        assertThat(secondId.getLongClaim("auth_time")).isGreaterThan(firstId.getLongClaim("auth_time"));
        assertThat(secondId.getStringClaim("sid")).isNotEqualTo(firstId.getStringClaim("sid"));
        // The browser's previous session ended with the new login.
        assertThat(OidcFlow.refresh(realm, web, first.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("max_age exceeded since the login shows the login page")
    void maxAgeExceededShowsTheLoginPage() {
        realm.user("erin");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "erin");
        curfew.clock().advance(Duration.ofSeconds(120));
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("max_age", "60");
        HttpResponse<String> response = browser.get(OidcFlow.authorizeUrl(realm, params));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("max_age not yet exceeded answers from the session")
    void maxAgeNotExceededAnswersFromTheSession() {
        realm.user("fred");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "fred");
        curfew.clock().advance(Duration.ofSeconds(30));
        Map<String, String> params = OidcFlow.authParams("wiki");
        params.put("max_age", "600");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .containsKey("code");
    }

    @Test
    @DisplayName("max_age exceeded with prompt=none is login_required")
    void maxAgeExceededWithPromptNoneIsLoginRequired() {
        realm.user("gina");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "gina");
        curfew.clock().advance(Duration.ofSeconds(120));
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("max_age", "60");
        params.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .containsEntry("error", "login_required");
    }

    @Test
    @DisplayName("a session past its idle timeout no longer signs the browser in")
    void idleSessionNoLongerSignsIn() {
        realm.user("hank");
        Browser browser = curfew.browser();
        OidcFlow.signIn(browser, realm, web, "hank");
        curfew.clock().advance(realm.realm().settings().ssoSessionIdleTimeout().plusSeconds(1));
        HttpResponse<String> response = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName(
            "A client's cut-off kills that client's old tokens, but the SSO session still signs the browser in afresh")
    void clientCutOffSparesTheSsoSession() {
        realm.user("jane");
        TestRealm.ConfidentialClient crm = realm.confidentialClient("crm");
        Browser browser = curfew.browser();
        JsonNode before = OidcFlow.signIn(browser, realm, crm, "jane");
        curfew.clock().advance(Duration.ofSeconds(1));
        realm.update(
                crm.client(),
                b -> b.notBefore(java.util.Optional.of(curfew.clock().instant())));
        curfew.clock().advance(Duration.ofSeconds(1));

        assertThat(OidcFlow.refresh(realm, crm, before.get("refresh_token").asText())
                        .statusCode())
                .as("the client's refresh token from before its cut-off")
                .isEqualTo(400);
        Map<String, String> forCrm = OidcFlow.authParams("crm");
        forCrm.put("prompt", "none");
        String code = OidcFlow.code(browser.get(OidcFlow.authorizeUrl(realm, forCrm)));
        JsonNode after = OidcFlow.ok(OidcFlow.exchange(realm, crm, code));
        assertThat(OidcFlow.userinfo(realm, after.get("access_token").asText()).statusCode())
                .isEqualTo(200);
        assertThat(OidcFlow.refresh(realm, crm, after.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(200);
        Map<String, String> forWiki = OidcFlow.authParams("wiki");
        forWiki.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, forWiki))))
                .containsKey("code");
    }

    @Test
    @DisplayName("an SSO session ended by the server no longer signs the browser in")
    void endedSessionNoLongerSignsIn() throws Exception {
        realm.user("iris");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "iris");
        String sid = OidcFlow.claims(tokens.get("id_token").asText()).getStringClaim("sid");
        curfew.services().sessions().end(realm.realm(), sid);
        Map<String, String> params = OidcFlow.authParams("wiki");
        params.put("prompt", "none");
        assertThat(Browser.redirectParams(browser.get(OidcFlow.authorizeUrl(realm, params))))
                .containsEntry("error", "login_required");
    }
}
