package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.Chrome;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Setting up an authenticator inside the login, in a real headless Chromium")
class RequiredActionsBrowserTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("a covered user scans (here: reads) the secret the page shows, gives its code, keeps the recovery"
            + " codes, and reaches the account console")
    void enrolInTheLogin() {
        TestRealm realm =
                TestRealm.create(curfew, RealmSettings.DEFAULTS.withTwoFactorRequired(TwoFactorPolicy.EVERYONE));
        realm.user("alice");
        try (Chrome chrome = Chrome.start()) {
            chrome.open(curfew.baseUrl() + "/realms/" + realm.name() + "/account");
            chrome.waitFor("#password");
            chrome.fill("#username", "alice");
            chrome.fill("#password", TestRealm.PASSWORD);
            chrome.find("#sign-in").click();
            chrome.waitFor("#otp-secret");
            assertThat(chrome.has("#otp-qr svg")).isTrue();
            chrome.screenshotAt("login-configure-totp", 1366);
            chrome.screenshotAt("login-configure-totp", 390);
            byte[] secret = Base32.decode(chrome.find("#otp-secret").getText().replace(" ", ""))
                    .orElseThrow();

            chrome.fill("#otp", Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS));
            chrome.find("#configure-totp").click();
            chrome.waitFor("#recovery-codes");
            assertThat(chrome.driver().findElements(org.openqa.selenium.By.cssSelector("#recovery-codes li")))
                    .hasSize(10);
            chrome.screenshotAt("login-recovery-codes", 1366);
            chrome.find("#continue").click();

            chrome.waitForUrl("/account");
            assertThat(chrome.text()).contains("Your devices");
        }
    }

    @Test
    @DisplayName("a temporary password: the login asks for a new one under the realm's policy, refuses a common one"
            + " with the reason, then goes on to the application")
    void newPasswordInTheLogin() {
        TestRealm realm = TestRealm.create(
                curfew,
                RealmSettings.DEFAULTS.withPasswordRules(
                        dev.curfew.core.password.PasswordRules.parse("length(12) and notCommon")));
        realm.confidentialClient("web");
        var ann = realm.user("ann");
        curfew.services().users().setPassword(ann, "a temporary passphrase", true);
        try (Chrome chrome = Chrome.start()) {
            chrome.open(curfew.baseUrl() + "/realms/" + realm.name() + "/account");
            chrome.waitFor("#password");
            chrome.fill("#username", "ann");
            chrome.fill("#password", "a temporary passphrase");
            chrome.find("#sign-in").click();
            chrome.waitFor("#password-new");
            assertThat(chrome.find("#password-new").getAttribute("minlength")).isEqualTo("12");
            assertThat(chrome.find("#password-new-hint").getText()).contains("At least 12 characters");

            chrome.fill("#password-new", "qwertyuiop123");
            chrome.fill("#password-confirm", "qwertyuiop123");
            chrome.find("#update-password").click();
            chrome.waitFor("#action-error");
            assertThat(chrome.find("#action-error").getText()).contains("one of the most common passwords");
            chrome.screenshotAt("login-update-password-refused", 1366);
            chrome.screenshotAt("login-update-password-refused", 390);

            chrome.fill("#password-new", "a long and uncommon phrase");
            chrome.fill("#password-confirm", "a long and uncommon phrase");
            chrome.find("#update-password").click();
            chrome.waitForUrl("/account");
            assertThat(chrome.text()).contains("Your devices");
        }
        assertThat(curfew.services().store().users().requiredActions(ann.id())).isEmpty();
    }
}
