package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.session.Page;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.user.Authentication;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account console: changing the password, which can sign out the other devices")
class PasswordChangeTest {
    static final String NEW_PASSWORD = "a much longer passphrase";

    static TestCurfew curfew;
    static TestRealm realm;
    static TestRealm.ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private String passwordPath() {
        return realm.path("/account/password");
    }

    private HttpResponse<String> change(
            ConsoleDriver console, String current, String chosen, String again, boolean signOutOthers) {
        HttpResponse<String> form = console.open(passwordPath());
        Map<String, String> fields = new java.util.HashMap<>(Map.of(
                ChangePasswordEndpoint.CURRENT, current,
                ChangePasswordEndpoint.NEW, chosen,
                ChangePasswordEndpoint.AGAIN, again));
        if (signOutOthers) {
            fields.put(ChangePasswordEndpoint.SIGN_OUT_OTHERS, "yes");
        }
        return console.submit(form, passwordPath(), "csrf", fields);
    }

    private boolean passwordWorks(String username, String password) {
        return curfew.services()
                        .users()
                        .authenticate(realm.realm(), username, password, new SignInAttempt("127.0.0.1", "test"))
                instanceof Authentication.Success;
    }

    @Test
    @DisplayName(
            "the form asks for the current password and the new one twice, with labels, autocomplete hints, and sign-out of other devices checked")
    void formIsAccessibleAndSignsOutOthersByDefault() {
        realm.user("alice");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("alice");

        String body = console.open(passwordPath()).body();

        assertThat(body)
                .contains("<label for=\"current-password\">", "autocomplete=\"current-password\"")
                .contains(
                        "<label for=\"new-password\">",
                        "<label for=\"new-password-again\">",
                        "autocomplete=\"new-password\"")
                .contains("minlength=\"8\"", "aria-describedby=\"new-password-hint\"")
                .contains("name=\"sign_out_others\" type=\"checkbox\" value=\"yes\" checked")
                .contains("<a href=\"" + passwordPath() + "\" aria-current=\"page\">");
    }

    @Test
    @DisplayName(
            "a right current password and a good new one: changed, other devices signed out (SELF), this device kept")
    void changeAndSignOutOthers() throws Exception {
        realm.user("bob");
        String laptop = ConsoleDriver.otherDevice(realm, web, "bob");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        String thisDevice = ConsoleDriver.thisDeviceSid(console.signIn("bob"));

        HttpResponse<String> response = change(console, TestRealm.PASSWORD, NEW_PASSWORD, NEW_PASSWORD, true);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(realm.path("/account"));
        assertThat(passwordWorks("bob", NEW_PASSWORD)).isTrue();
        assertThat(passwordWorks("bob", TestRealm.PASSWORD)).isFalse();
        assertThat(curfew.services().sessions().byId(realm.realm(), laptop)).isEmpty();
        assertThat(curfew.services().sessions().byId(realm.realm(), thisDevice)).isPresent();
        var recorded = curfew.services()
                .store()
                .signOuts()
                .list(realm.realm().id(), new Page(0, 1))
                .get(0);
        assertThat(recorded.privilege()).isEqualTo("SELF");
        assertThat(recorded.reason()).startsWith("Signed out by the user from the account console");
        assertThat(console.follow(response).body())
                .contains("Your password was changed. 1 other device was signed out.");
    }

    @Test
    @DisplayName("unticking \"sign out all other devices\" changes the password and leaves the other sessions alone")
    void changeWithoutSigningOutOthers() throws Exception {
        realm.user("carol");
        String laptop = ConsoleDriver.otherDevice(realm, web, "carol");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("carol");

        HttpResponse<String> response = change(console, TestRealm.PASSWORD, NEW_PASSWORD, NEW_PASSWORD, false);

        assertThat(passwordWorks("carol", NEW_PASSWORD)).isTrue();
        assertThat(curfew.services().sessions().byId(realm.realm(), laptop)).isPresent();
        assertThat(console.follow(response).body())
                .contains("Your password was changed.")
                .doesNotContain("signed out.");
    }

    @Test
    @DisplayName("wrong current passwords count for brute-force protection: after ten, the right one is refused too,"
            + " here and on the login page")
    void wrongCurrentPasswordsLockTheAccount() {
        realm.user("ivy");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("ivy");

        for (int i = 0; i < 10; i++) {
            change(console, "not my password " + i, NEW_PASSWORD, NEW_PASSWORD, false);
            curfew.clock().advance(Duration.ofSeconds(2));
        }
        HttpResponse<String> right = change(console, TestRealm.PASSWORD, NEW_PASSWORD, NEW_PASSWORD, false);

        assertThat(console.follow(right).body()).contains("Your current password is not correct.");
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(browser.submitLogin(page, "ivy", TestRealm.PASSWORD).statusCode())
                .isEqualTo(401);
        curfew.clock().advance(Duration.ofMinutes(1));
        assertThat(passwordWorks("ivy", TestRealm.PASSWORD)).isTrue();
    }

    @Test
    @DisplayName("a wrong current password changes nothing and says so next to the field")
    void wrongCurrentPassword() throws Exception {
        realm.user("dave");
        String laptop = ConsoleDriver.otherDevice(realm, web, "dave");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("dave");

        HttpResponse<String> response = change(console, "not my password", NEW_PASSWORD, NEW_PASSWORD, true);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(passwordPath());
        assertThat(passwordWorks("dave", TestRealm.PASSWORD)).isTrue();
        assertThat(curfew.services().sessions().byId(realm.realm(), laptop)).isPresent();
        String page = console.follow(response).body();
        assertThat(page)
                .contains("role=\"alert\" id=\"form-error\">Your current password is not correct.")
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"form-error\"")
                .doesNotContain("not my password");
    }

    @Test
    @DisplayName("PasswordPolicy: a new password shorter than 8 characters is refused")
    void tooShort() {
        realm.user("erin");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("erin");

        HttpResponse<String> response = change(console, TestRealm.PASSWORD, "short", "short", true);

        assertThat(passwordWorks("erin", TestRealm.PASSWORD)).isTrue();
        assertThat(console.follow(response).body()).contains("The new password must be at least 8 characters.");
    }

    @Test
    @DisplayName("the realm's password policy: its length in the form, a common password and a recent one refused")
    void realmPolicy() {
        TestRealm strict = TestRealm.create(
                curfew,
                dev.curfew.core.realm.RealmSettings.DEFAULTS.withPasswordRules(
                        dev.curfew.core.password.PasswordRules.parse(
                                "length(12) and notCommon and passwordHistory(2)")));
        strict.confidentialClient("web");
        strict.user("gwen");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), strict);
        console.signIn("gwen");
        String path = strict.path("/account/password");
        assertThat(console.open(path).body()).contains("minlength=\"12\"", "At least 12 characters");

        HttpResponse<String> common = console.submit(
                console.open(path),
                path,
                "csrf",
                Map.of(
                        ChangePasswordEndpoint.CURRENT, TestRealm.PASSWORD,
                        ChangePasswordEndpoint.NEW, "qwertyuiop123",
                        ChangePasswordEndpoint.AGAIN, "qwertyuiop123"));
        assertThat(console.follow(common).body()).contains("The new password is one of the most common passwords");

        HttpResponse<String> changed = console.submit(
                console.open(path),
                path,
                "csrf",
                Map.of(
                        ChangePasswordEndpoint.CURRENT, TestRealm.PASSWORD,
                        ChangePasswordEndpoint.NEW, NEW_PASSWORD,
                        ChangePasswordEndpoint.AGAIN, NEW_PASSWORD));
        assertThat(changed.statusCode()).isEqualTo(303);
        HttpResponse<String> back = console.submit(
                console.open(path),
                path,
                "csrf",
                Map.of(
                        ChangePasswordEndpoint.CURRENT, NEW_PASSWORD,
                        ChangePasswordEndpoint.NEW, TestRealm.PASSWORD,
                        ChangePasswordEndpoint.AGAIN, TestRealm.PASSWORD));
        assertThat(console.follow(back).body()).contains("The new password must not be one of the last 2 passwords.");
        assertThat(curfew.services()
                        .users()
                        .authenticate(strict.realm(), "gwen", NEW_PASSWORD, new SignInAttempt("127.0.0.1", "test")))
                .isInstanceOf(Authentication.Success.class);
    }

    @Test
    @DisplayName("the new password typed differently the second time is refused")
    void mismatch() {
        realm.user("frank");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("frank");

        HttpResponse<String> response = change(console, TestRealm.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", true);

        assertThat(passwordWorks("frank", TestRealm.PASSWORD)).isTrue();
        assertThat(console.follow(response).body()).contains("The two new passwords do not match.");
    }

    @Test
    @DisplayName("the password form without its CSRF token is refused and changes nothing")
    void csrfMissing() {
        realm.user("gina");
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn("gina");

        HttpResponse<String> response = console.browser.postForm(
                passwordPath(),
                Map.of(
                        ChangePasswordEndpoint.CURRENT, TestRealm.PASSWORD,
                        ChangePasswordEndpoint.NEW, NEW_PASSWORD,
                        ChangePasswordEndpoint.AGAIN, NEW_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(passwordWorks("gina", TestRealm.PASSWORD)).isTrue();
    }
}
