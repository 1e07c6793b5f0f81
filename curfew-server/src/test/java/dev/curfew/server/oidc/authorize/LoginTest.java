package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OIDC Core §3.1.2.3: authenticating the end-user on the login page")
class LoginTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("§3.1.2.5: a correct password answers with a code, the state and the issuer (RFC 9207)")
    void correctPasswordAnswersWithCodeStateAndIssuer() {
        realm.user("alice");
        HttpResponse<String> response = OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "alice");
        assertThat(response.statusCode()).isEqualTo(302);
        Map<String, String> params = Browser.redirectParams(response);
        assertThat(params.get("code")).isNotBlank();
        assertThat(params).containsEntry("state", OidcFlow.STATE).containsEntry("iss", realm.issuer());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    @DisplayName("the session cookie is HttpOnly, SameSite=Lax, scoped to the realm, and not Secure over http")
    void sessionCookieHasSafeAttributes() {
        realm.user("bob");
        HttpResponse<String> response = OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "bob");
        String cookie = sessionCookie(response);
        assertThat(cookie)
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Path=/realms/" + realm.name() + "/")
                .doesNotContain("Secure");
    }

    @Test
    @DisplayName("the login page escapes request values it carries in hidden fields")
    void loginPageEscapesRequestValues() {
        Map<String, String> params = OidcFlow.authParams("web");
        params.put("state", "\"><script>alert(1)</script>");
        HttpResponse<String> page = curfew.browser().get(OidcFlow.authorizeUrl(realm, params));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>");
        assertThat(Browser.hiddenFields(page.body())).containsEntry("state", "\"><script>alert(1)</script>");
    }

    @Test
    @DisplayName("a wrong password shows the page again with 401 and a message, and starts no session")
    void wrongPasswordShows401AndStartsNoSession() {
        User carol = realm.user("carol");
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> response = browser.submitLogin(page, "carol", "not the password");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Invalid username or password.");
        assertThat(setCookies(response)).noneMatch(c -> c.startsWith("CURFEW_SESSION="));
        assertThat(sessionsOf(carol)).isZero();
    }

    @Test
    @DisplayName("an unknown user gets the same answer as a wrong password")
    void unknownUserGetsTheSameAnswer() {
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> response = browser.submitLogin(page, "nobody", TestRealm.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid username or password.");
    }

    @Test
    @DisplayName("the login form can be submitted again after a failure")
    void loginFormWorksAfterAFailure() {
        realm.user("dora");
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> failed = browser.submitLogin(page, "dora", "wrong password!");
        HttpResponse<String> response = browser.submitLogin(failed, "dora", TestRealm.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.redirectParams(response)).containsKey("code");
    }

    @Test
    @DisplayName("a disabled user cannot log in")
    void disabledUserCannotLogIn() {
        User eve = realm.user("eve");
        curfew.services().store().users().update(eve.withEnabled(false));
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> response = browser.submitLogin(page, "eve", TestRealm.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(sessionsOf(eve)).isZero();
    }

    @Test
    @DisplayName("login CSRF: a POST without the CSRF cookie is refused with 400 and starts no session")
    void postWithoutCsrfCookieIsRefused() {
        User frank = realm.user("frank");
        HttpResponse<String> page = curfew.browser().get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        // Another browser (the attacker's page) posts the same fields, but holds no CSRF cookie.
        Map<String, String> form = Browser.hiddenFields(page.body());
        form.put("username", "frank");
        form.put("password", TestRealm.PASSWORD);
        HttpResponse<String> response = curfew.browser().postForm(Browser.formAction(page.body()), form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(sessionsOf(frank)).isZero();
    }

    @Test
    @DisplayName("login CSRF: a POST without the CSRF field is refused with 400")
    void postWithoutCsrfFieldIsRefused() {
        User gina = realm.user("gina");
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        Map<String, String> form = Browser.hiddenFields(page.body());
        form.remove("csrf");
        form.put("username", "gina");
        form.put("password", TestRealm.PASSWORD);
        HttpResponse<String> response = browser.postForm(Browser.formAction(page.body()), form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sessionsOf(gina)).isZero();
    }

    @Test
    @DisplayName("login CSRF: an empty cookie and an empty field are no matching pair: 400, no session")
    void emptyCsrfCookieAndEmptyFieldAreRefused() {
        User hugo = realm.user("hugo");
        HttpResponse<String> page = curfew.browser().get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        // A page on a sibling domain can plant an empty cookie; its form then sends an empty field.
        Map<String, String> form = Browser.hiddenFields(page.body());
        form.put("csrf", "");
        form.put("username", "hugo");
        form.put("password", TestRealm.PASSWORD);
        HttpResponse<String> response =
                curfew.postForm(Browser.formAction(page.body()), form, "Cookie", "CURFEW_LOGIN_CSRF=");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(sessionsOf(hugo)).isZero();
    }

    @Test
    @DisplayName("the CSRF cookie is HttpOnly, SameSite=Strict and scoped to the realm")
    void csrfCookieIsStrict() {
        HttpResponse<String> page = curfew.browser().get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(setCookies(page))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("CURFEW_LOGIN_CSRF=")
                        .contains("HttpOnly")
                        .contains("SameSite=Strict")
                        .contains("Path=/realms/" + realm.name() + "/"));
    }

    @Test
    @DisplayName("the login page cannot be framed (clickjacking)")
    void loginPageCannotBeFramed() {
        HttpResponse<String> page = curfew.browser().get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    }

    static String sessionCookie(HttpResponse<String> response) {
        return setCookies(response).stream()
                .filter(c -> c.startsWith("CURFEW_SESSION="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    static List<String> setCookies(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie");
    }

    private static long sessionsOf(User user) {
        return curfew.services().store().sessions().count(SessionQuery.ofUser(user.realmId(), user.id(), Page.DEFAULT));
    }
}
