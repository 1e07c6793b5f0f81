package dev.curfew.server.oidc.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenID Connect RP-Initiated Logout 1.0")
class RpInitiatedLogoutTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        realm.confidentialClient("wiki");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName(
            "§2 and §3: a valid id_token_hint and registered post_logout_redirect_uri end the session and redirect with state")
    void hintAndRegisteredUriEndTheSessionAndRedirect() {
        realm.user("alice");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "alice");

        HttpResponse<String> response = browser.get(logoutUrl(Map.of(
                "id_token_hint",
                tokens.get("id_token").asText(),
                "post_logout_redirect_uri",
                TestRealm.POST_LOGOUT_URI,
                "state",
                "bye-42")));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(TestRealm.POST_LOGOUT_URI + "?state=bye-42");
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("CURFEW_SESSION=;").contains("Max-Age=0"));
        assertSignedOut(browser, tokens);
    }

    @Test
    @DisplayName("§2 and §6: regression: a hint for another session than the browser's ended it without asking")
    void hintForAnotherSessionAsksFirst() {
        realm.user("lena");
        realm.user("liam");
        Browser victim = curfew.browser();
        JsonNode victimTokens = OidcFlow.signIn(victim, realm, web, "lena");
        Browser other = curfew.browser();
        JsonNode otherTokens = OidcFlow.signIn(other, realm, web, "liam");

        HttpResponse<String> page = other.get(logoutUrl(Map.of(
                "id_token_hint",
                victimTokens.get("id_token").asText(),
                "post_logout_redirect_uri",
                TestRealm.POST_LOGOUT_URI)));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"confirm\"");
        assertThat(Browser.hiddenFields(page.body())).containsKeys("csrf", "id_token_hint");
        assertSignedIn(victim, victimTokens);
        assertSignedIn(other, otherTokens);

        HttpResponse<String> confirmed = other.submitForm(page, Map.of("confirm", "yes"));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(confirmed.headers().firstValue("Location")).contains(TestRealm.POST_LOGOUT_URI);
        assertSignedOut(victim, victimTokens);
        assertSignedOut(other, otherTokens);
    }

    @Test
    @DisplayName("§2 and §6: regression: a hint without the browser's session cookie ended the session without asking")
    void hintWithoutTheSessionCookieAsksFirst() {
        realm.user("mona");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "mona");
        // A cross-site POST from the application does not carry the SameSite=Lax session cookie.
        Browser cookieless = curfew.browser();

        HttpResponse<String> page = cookieless.postForm(
                realm.logoutPath(),
                Map.of(
                        "id_token_hint",
                        tokens.get("id_token").asText(),
                        "post_logout_redirect_uri",
                        TestRealm.POST_LOGOUT_URI,
                        "state",
                        "s-2"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"confirm\"");
        assertSignedIn(browser, tokens);

        HttpResponse<String> confirmed = cookieless.submitForm(page, Map.of("confirm", "yes"));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(confirmed.headers().firstValue("Location")).contains(TestRealm.POST_LOGOUT_URI + "?state=s-2");
        assertSignedOut(browser, tokens);
    }

    @Test
    @DisplayName("§2: a confirmation with the hint of another session and a forged CSRF field ends nothing")
    void confirmationForAnotherSessionNeedsTheCsrfToken() {
        realm.user("nico");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "nico");

        HttpResponse<String> response = curfew.browser()
                .postForm(
                        realm.logoutPath(),
                        Map.of("id_token_hint", tokens.get("id_token").asText(), "confirm", "yes", "csrf", "guess"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§2: when the hint's session has ended and the browser has none, there is nothing to ask")
    void nothingToEndNeedsNoConfirmation() {
        realm.user("owen");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "owen");
        browser.get(logoutUrl(Map.of("id_token_hint", tokens.get("id_token").asText())));

        HttpResponse<String> response = curfew.browser()
                .get(logoutUrl(Map.of(
                        "id_token_hint",
                        tokens.get("id_token").asText(),
                        "post_logout_redirect_uri",
                        TestRealm.POST_LOGOUT_URI)));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(TestRealm.POST_LOGOUT_URI);
    }

    @Test
    @DisplayName("§3: an unregistered post_logout_redirect_uri gets an error page and changes nothing")
    void unregisteredRedirectUriGetsAnErrorPage() {
        realm.user("bob");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "bob");
        HttpResponse<String> response = browser.get(logoutUrl(Map.of(
                "id_token_hint",
                tokens.get("id_token").asText(),
                "post_logout_redirect_uri",
                "https://evil.example.test/")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§3: a post_logout_redirect_uri without a hint or client_id cannot be checked: error page")
    void redirectUriWithoutClientGetsAnErrorPage() {
        HttpResponse<String> response =
                curfew.browser().get(logoutUrl(Map.of("post_logout_redirect_uri", TestRealm.POST_LOGOUT_URI)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    @DisplayName("§2: without a hint the user is asked to confirm, and nothing ends yet")
    void withoutHintTheUserIsAskedToConfirm() {
        realm.user("carol");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "carol");
        HttpResponse<String> page = browser.get(realm.logoutPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"confirm\"");
        assertThat(Browser.hiddenFields(page.body())).containsKey("csrf");
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§2: confirming with the form signs the browser out")
    void confirmingSignsOut() {
        realm.user("dora");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "dora");
        HttpResponse<String> page = browser.get(realm.logoutPath());
        HttpResponse<String> response = browser.submitForm(page, Map.of("confirm", "yes"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("signed out");
        assertSignedOut(browser, tokens);
    }

    @Test
    @DisplayName("§3: confirming a request with client_id and post_logout_redirect_uri redirects with state")
    void confirmingWithClientIdRedirects() {
        realm.user("erin");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "erin");
        HttpResponse<String> page = browser.get(logoutUrl(
                Map.of("client_id", "web", "post_logout_redirect_uri", TestRealm.POST_LOGOUT_URI, "state", "s-1")));
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> response = browser.submitForm(page, Map.of("confirm", "yes"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(TestRealm.POST_LOGOUT_URI + "?state=s-1");
        assertSignedOut(browser, tokens);
    }

    @Test
    @DisplayName("§2: a confirmation POST without the CSRF token is 400 and the user stays signed in")
    void confirmationWithoutCsrfIsRefused() {
        realm.user("fay");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "fay");
        HttpResponse<String> response = browser.postForm(realm.logoutPath(), Map.of("confirm", "yes"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§2: a confirmation POST with a CSRF field that does not match the cookie is 400")
    void confirmationWithForeignCsrfIsRefused() {
        realm.user("gus");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "gus");
        HttpResponse<String> attackerPage = curfew.browser().get(realm.logoutPath());
        Map<String, String> form = new LinkedHashMap<>(Browser.hiddenFields(attackerPage.body()));
        form.put("confirm", "yes");
        browser.get(realm.logoutPath());
        HttpResponse<String> response = browser.postForm(realm.logoutPath(), form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§2: an expired ID token is still accepted as id_token_hint")
    void expiredHintIsAccepted() {
        realm.user("hal");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "hal");
        curfew.clock().advance(Duration.ofMinutes(10));
        HttpResponse<String> response = browser.get(logoutUrl(Map.of(
                "id_token_hint",
                tokens.get("id_token").asText(),
                "post_logout_redirect_uri",
                TestRealm.POST_LOGOUT_URI)));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(OidcFlow.refresh(realm, web, tokens.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("§2: an id_token_hint issued by another realm gets an error page")
    void hintOfAnotherRealmGetsAnErrorPage() {
        TestRealm other = TestRealm.create(curfew);
        other.user("ian");
        JsonNode foreign = OidcFlow.signIn(curfew.browser(), other, other.confidentialClient("web"), "ian");
        HttpResponse<String> response = curfew.browser()
                .get(logoutUrl(Map.of("id_token_hint", foreign.get("id_token").asText())));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("§2: an access token is not an ID token hint")
    void accessTokenIsNotAHint() {
        realm.user("jay");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "jay");
        HttpResponse<String> response = browser.get(
                logoutUrl(Map.of("id_token_hint", tokens.get("access_token").asText())));
        assertThat(response.statusCode()).isEqualTo(400);
        assertSignedIn(browser, tokens);
    }

    @Test
    @DisplayName("§2: a client_id that is not the hint's audience gets an error page")
    void mismatchedClientIdGetsAnErrorPage() {
        realm.user("kim");
        Browser browser = curfew.browser();
        JsonNode tokens = OidcFlow.signIn(browser, realm, web, "kim");
        HttpResponse<String> response = browser.get(
                logoutUrl(Map.of("id_token_hint", tokens.get("id_token").asText(), "client_id", "wiki")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertSignedIn(browser, tokens);
    }

    private static String logoutUrl(Map<String, String> params) {
        return realm.logoutPath() + "?" + TestCurfew.formBody(params);
    }

    private static void assertSignedOut(Browser browser, JsonNode tokens) {
        assertThat(OidcFlow.refresh(realm, web, tokens.get("refresh_token").asText())
                        .statusCode())
                .isEqualTo(400);
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> again = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki")));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("name=\"password\"");
    }

    private static void assertSignedIn(Browser browser, JsonNode tokens) {
        assertThat(OidcFlow.userinfo(realm, tokens.get("access_token").asText()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("wiki")));
        assertThat(again.statusCode()).isEqualTo(302);
    }
}
