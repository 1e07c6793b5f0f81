package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account console: \"Sign out\" of this device is RP-initiated logout of this session")
class SignOutThisDeviceTest {
    static TestCurfew curfew;
    static TestRealm realm;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName(
            "RP-Initiated Logout §2: the console sends its ID token as the hint; the session ends and the browser lands on the signed-out page")
    void signOutThisDevice() {
        realm.user("alice");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        HttpResponse<String> page = console.signIn("alice");
        String sid = ConsoleDriver.thisDeviceSid(page);

        HttpResponse<String> response = console.submit(page, realm.path("/account/sign-out"), "csrf", Map.of());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(realm.logoutPath() + "?");
        Map<String, String> params = Browser.redirectParams(response);
        assertThat(params)
                .containsEntry("client_id", "account-console")
                .containsEntry("post_logout_redirect_uri", curfew.baseUrl() + realm.path("/account/signed-out"))
                .containsKey("id_token_hint");
        HttpResponse<String> landed = console.follow(response);
        assertThat(landed.uri().getPath()).isEqualTo(realm.path("/account/signed-out"));
        assertThat(landed.body()).contains("You are signed out", "Sign in again");
        assertThat(curfew.services().sessions().byId(realm.realm(), sid)).isEmpty();

        HttpResponse<String> again = console.open(realm.path("/account"));
        assertThat(again.body())
                .as("no SSO session is left: the login page asks for a password")
                .contains("name=\"password\"");
    }

    @Test
    @DisplayName("the sign-out form without its CSRF token is refused and the session stays")
    void csrfMissing() {
        realm.user("bob");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        String sid = ConsoleDriver.thisDeviceSid(console.signIn("bob"));

        HttpResponse<String> response = console.browser.postForm(realm.path("/account/sign-out"), Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(curfew.services().sessions().byId(realm.realm(), sid)).isPresent();
    }
}
