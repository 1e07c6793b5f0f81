package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 6265 §4.1.2.5: cookies are Secure when Curfew is served over https")
class SecureCookieTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("public-url", "https://id.example.test"));
        realm = TestRealm.create(curfew);
        realm.confidentialClient("web");
        realm.user("alice");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("the issuer and the authorization response use the public https URL")
    void issuerUsesThePublicUrl() {
        var metadata = TestCurfew.json(curfew.get(realm.discoveryPath()));
        assertThat(metadata.get("issuer").asText()).isEqualTo("https://id.example.test/realms/" + realm.name());
    }

    @Test
    @DisplayName("the CSRF and session cookies carry Secure")
    void csrfAndSessionCookiesAreSecure() {
        HttpResponse<String> page = curfew.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        String csrfCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CURFEW_LOGIN_CSRF="))
                .findFirst()
                .orElseThrow();
        assertThat(csrfCookie).contains("; Secure");

        // A browser would send the Secure cookie only over https; the test server speaks http, so send it by hand.
        String csrf = csrfCookie.substring("CURFEW_LOGIN_CSRF=".length(), csrfCookie.indexOf(';'));
        Map<String, String> form = Browser.hiddenFields(page.body());
        form.put("username", "alice");
        form.put("password", TestRealm.PASSWORD);
        HttpResponse<String> response =
                curfew.postForm(Browser.formAction(page.body()), form, "Cookie", "CURFEW_LOGIN_CSRF=" + csrf);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.redirectParams(response))
                .containsEntry("iss", "https://id.example.test/realms/" + realm.name());
        assertThat(LoginTest.sessionCookie(response))
                .contains("; Secure")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Path=/realms/" + realm.name() + "/");
    }
}
