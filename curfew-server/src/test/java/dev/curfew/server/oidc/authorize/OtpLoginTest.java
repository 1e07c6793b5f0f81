package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two-factor login: after the right password, a user with an authenticator gives a code (RFC 6238)")
class OtpLoginTest {
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient web;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        realm = TestRealm.create(curfew, RealmSettings.DEFAULTS.withBruteForce(BruteForceSettings.DEFAULTS));
        web = realm.confidentialClient("web");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** A user whose authenticator is enrolled: its secret, and the recovery codes shown at enrolment. */
    record Enrolled(User user, byte[] secret, List<String> recoveryCodes) {
        String code() {
            // Each test takes the next time step, so that a code is never refused as already used.
            curfew.clock().advance(Duration.ofSeconds(Totp.STEP_SECONDS));
            return Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS);
        }

        /** A code of none of the steps accepted now. */
        String wrong(int n) {
            long now = Totp.step(curfew.clock().instant());
            Set<String> accepted = Set.of(
                    Totp.code(secret, now - 1, Totp.DIGITS),
                    Totp.code(secret, now, Totp.DIGITS),
                    Totp.code(secret, now + 1, Totp.DIGITS));
            return IntStream.iterate(n, i -> i + 1)
                    .mapToObj(i -> String.format("%06d", i))
                    .filter(c -> !accepted.contains(c))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static Enrolled enrolled(String username) {
        User user = realm.user(username);
        OtpService otp = curfew.services().otp();
        OtpService.Enrolment enrolment = otp.begin(realm.realm(), user);
        byte[] secret = Base32.decode(enrolment.secret()).orElseThrow();
        String first = Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS);
        List<String> codes = otp.confirm(user, enrolment.secret(), first).orElseThrow();
        return new Enrolled(user, secret, codes);
    }

    /** Opens the login page and posts the right password: the second page. */
    static HttpResponse<String> password(Browser browser, String username) {
        return OidcFlow.login(browser, realm, OidcFlow.authParams("web"), username);
    }

    static HttpResponse<String> submitOtp(Browser browser, HttpResponse<String> page, String code) {
        return browser.submitForm(page, Map.of(OtpForm.FIELD, code));
    }

    @Test
    @DisplayName("the right password of a user with an authenticator asks for a code, and starts no session yet")
    void rightPasswordAsksForTheCode() {
        Enrolled alice = enrolled("alice");
        HttpResponse<String> page = password(curfew.browser(), "alice");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"otp\"").doesNotContain("name=\"password\"");
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("CURFEW_SESSION="));
        assertThat(sessionsOf(alice.user())).isEmpty();
    }

    @Test
    @DisplayName(
            "a right code completes the login: the session's amr is pwd and otp, the ID token's amr and acr say so")
    void rightCodeCompletesTheLogin() throws ParseException {
        Enrolled bob = enrolled("bob");
        Browser browser = curfew.browser();
        HttpResponse<String> response = submitOtp(browser, password(browser, "bob"), bob.code());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(Browser.redirectParams(response)).containsEntry("state", OidcFlow.STATE);

        assertThat(sessionsOf(bob.user()))
                .singleElement()
                .satisfies(s -> assertThat(s.authMethods()).containsExactlyInAnyOrder("pwd", "otp"));
        JsonNode tokens = OidcFlow.ok(OidcFlow.exchange(realm, web, OidcFlow.code(response)));
        JWTClaimsSet id = OidcFlow.claims(tokens.get("id_token").asText());
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "otp");
        assertThat(id.getStringClaim("acr")).isEqualTo("2");
        assertThat(id.getStringClaim("nonce")).isEqualTo(OidcFlow.NONCE);
    }

    @Test
    @DisplayName("without an authenticator the password alone signs in, with amr [pwd] and acr 1")
    void withoutAnAuthenticatorThePasswordSignsIn() throws ParseException {
        realm.user("carol");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "carol");
        JWTClaimsSet id = OidcFlow.claims(tokens.get("id_token").asText());
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getStringClaim("acr")).isEqualTo("1");
    }

    @Test
    @DisplayName("a recovery code is accepted in the otp field, once")
    void recoveryCodeIsAcceptedOnce() {
        Enrolled dave = enrolled("dave");
        String recovery = dave.recoveryCodes().getFirst();
        Browser browser = curfew.browser();
        assertThat(submitOtp(browser, password(browser, "dave"), recovery).statusCode())
                .isEqualTo(302);

        Browser again = curfew.browser();
        HttpResponse<String> refused = submitOtp(again, password(again, "dave"), recovery);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Invalid code.");
        assertThat(curfew.services().otp().recoveryCodesLeft(dave.user())).isEqualTo(9);
    }

    @Test
    @DisplayName("a wrong code shows the form again with 401, counts as a failed sign-in, and the next right one works")
    void wrongCodeCountsAndTheFormWorksAgain() {
        Enrolled erin = enrolled("erin");
        Browser browser = curfew.browser();
        HttpResponse<String> refused = submitOtp(browser, password(browser, "erin"), erin.wrong(0));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Invalid code.").contains("name=\"otp\"");
        BruteForceProtection bruteForce = curfew.services().bruteForce();
        assertThat(bruteForce.failures(erin.user()))
                .hasValueSatisfying(f -> assertThat(f.numFailures()).isEqualTo(1));

        HttpResponse<String> accepted = submitOtp(browser, refused, erin.code());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        assertThat(bruteForce.failures(erin.user())).isEmpty();
    }

    @Test
    @DisplayName("after five wrong codes the login starts again from the password")
    void fiveWrongCodesStartTheLoginAgain() {
        Enrolled fay = enrolled("fay");
        Browser browser = curfew.browser();
        HttpResponse<String> page = password(browser, "fay");
        for (int i = 0; i < PendingSecondFactors.MAX_WRONG_CODES - 1; i++) {
            page = submitOtp(browser, page, fay.wrong(i));
            assertThat(page.body()).contains("name=\"otp\"");
        }
        HttpResponse<String> last = submitOtp(browser, page, fay.wrong(9));
        assertThat(last.statusCode()).isEqualTo(401);
        assertThat(last.body()).contains("Too many invalid codes.").contains("name=\"password\"");
        assertThat(Browser.hiddenFields(last.body())).containsEntry("state", OidcFlow.STATE);
        assertThat(sessionsOf(fay.user())).isEmpty();
        // Nothing is left to post a code to.
        assertThat(submitOtp(browser, page, fay.code()).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a code posted from another browser (without the pending login's cookie) is refused")
    void codeFromAnotherBrowserIsRefused() {
        Enrolled gus = enrolled("gus");
        HttpResponse<String> page = password(curfew.browser(), "gus");
        HttpResponse<String> response = submitOtp(curfew.browser(), page, gus.code());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(sessionsOf(gus.user())).isEmpty();
    }

    @Test
    @DisplayName("the pending login expires after five minutes")
    void pendingLoginExpires() {
        Enrolled hal = enrolled("hal");
        Browser browser = curfew.browser();
        HttpResponse<String> page = password(browser, "hal");
        curfew.clock().advance(PendingSecondFactors.LIFETIME.plusSeconds(1));
        assertThat(submitOtp(browser, page, hal.code()).statusCode()).isEqualTo(400);
        assertThat(sessionsOf(hal.user())).isEmpty();
    }

    @Test
    @DisplayName("the code may reach another node than the password: the pending login is in the shared database")
    void codeMayReachAnotherNode() {
        Enrolled ida = enrolled("ida");
        try (TestCurfew other = TestCurfew.start(Map.of("db-url", curfew.dbUrl()), curfew.clock())) {
            Browser browser = curfew.browser();
            HttpResponse<String> page = password(browser, "ida");
            HttpResponse<String> response = submitOtp(browser.movedTo(other), page, ida.code());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            assertThat(Browser.redirectParams(response)).containsKey("code");
        }
    }

    @Test
    @DisplayName("a locked account is refused even the right code")
    void lockedAccountIsRefusedTheRightCode() {
        Enrolled jo = enrolled("jo");
        Browser browser = curfew.browser();
        HttpResponse<String> page = password(browser, "jo");
        BruteForceProtection bruteForce = curfew.services().bruteForce();
        // Wrong codes until the account is locked: at once by the quick-login check, at the latest by failureFactor.
        for (int i = 0;
                i < PendingSecondFactors.MAX_WRONG_CODES - 1
                        && bruteForce
                                .failures(jo.user())
                                .filter(f -> f.lockedAt(curfew.clock().instant()))
                                .isEmpty();
                i++) {
            page = submitOtp(browser, page, jo.wrong(i));
        }
        assertThat(bruteForce.failures(jo.user()))
                .hasValueSatisfying(
                        f -> assertThat(f.lockedAt(curfew.clock().instant())).isTrue());
        HttpResponse<String> refused = submitOtp(browser, page, jo.code());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(sessionsOf(jo.user())).isEmpty();
    }

    @Test
    @DisplayName("the password grant refuses a user with an authenticator with invalid_grant: it cannot carry a code")
    void passwordGrantRefusesAUserWithAnAuthenticator() {
        Enrolled kim = enrolled("kim");
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        HttpResponse<String> response = curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", "kim", "password", TestRealm.PASSWORD),
                cli.basicHeader());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestCurfew.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("error_description").asText()).contains("second factor");
        assertThat(sessionsOf(kim.user())).isEmpty();
    }

    static List<UserSession> sessionsOf(User user) {
        return curfew.services().store().sessions().find(SessionQuery.ofUser(user.realmId(), user.id(), Page.DEFAULT));
    }
}
