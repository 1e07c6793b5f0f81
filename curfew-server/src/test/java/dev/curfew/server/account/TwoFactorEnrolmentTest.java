package dev.curfew.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account console: setting up an authenticator app (TOTP) and removing it")
class TwoFactorEnrolmentTest {
    private static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([A-Z2-7]{5}-[A-Z2-7]{5})</code></li>");

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

    private static String page() {
        return realm.path("/account/two-factor");
    }

    private static String removal() {
        return realm.path("/account/two-factor/remove");
    }

    private static String codeFor(String secret) {
        return Totp.code(
                Base32.decode(secret).orElseThrow(), Totp.step(curfew.clock().instant()), Totp.DIGITS);
    }

    /** Signs in to the console and opens the two-factor page: the secret it offers. */
    private static ConsoleDriver signedIn(String username) {
        realm.user(username);
        ConsoleDriver console = new ConsoleDriver(curfew.browser(), realm);
        console.signIn(username);
        return console;
    }

    private static String secretOf(HttpResponse<String> enrolmentPage) {
        return ConsoleDriver.form(enrolmentPage.body(), page(), "name=\"secret\"")
                .get("secret");
    }

    private static HttpResponse<String> confirm(
            ConsoleDriver console, HttpResponse<String> enrolmentPage, String code) {
        return console.submit(
                enrolmentPage, page(), "name=\"secret\"", Map.of(ConfirmAuthenticatorEndpoint.CODE, code));
    }

    private static HttpResponse<String> enrolled(ConsoleDriver console) {
        HttpResponse<String> enrolment = console.open(page());
        HttpResponse<String> confirmed = confirm(console, enrolment, codeFor(secretOf(enrolment)));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return confirmed;
    }

    @Test
    @DisplayName(
            "the page shows the key URI as an SVG QR code, the secret as base32 text, and a field for the first code")
    void enrolmentPageShowsQrCodeAndSecret() {
        ConsoleDriver console = signedIn("alice");
        HttpResponse<String> enrolment = console.open(page());
        assertThat(enrolment.statusCode()).isEqualTo(200);
        assertThat(enrolment.headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = secretOf(enrolment);
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrolment.body())
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
                .contains("h1v1h-1z")
                .contains(dev.curfew.server.oidc.authorize.EnrolmentDisplay.secretGroups(secret))
                .contains("name=\"code\"", "autocomplete=\"one-time-code\"")
                .contains("<a href=\"" + page() + "\" aria-current=\"page\">");
        assertThat(curfew.services().otp().hasAuthenticator(user("alice"))).isFalse();
    }

    @Test
    @DisplayName("a wrong first code shows the same secret again with 400, and stores nothing")
    void wrongFirstCodeShowsTheSameSecretAgain() {
        ConsoleDriver console = signedIn("bob");
        HttpResponse<String> enrolment = console.open(page());
        String secret = secretOf(enrolment);
        String right = codeFor(secret);
        HttpResponse<String> refused = confirm(console, enrolment, right.equals("123456") ? "654321" : "123456");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("That code is not right.");
        assertThat(secretOf(refused)).isEqualTo(secret);
        assertThat(curfew.services().otp().hasAuthenticator(user("bob"))).isFalse();
    }

    @Test
    @DisplayName("the right first code turns two-factor on and shows ten recovery codes, once; each signs in")
    void rightFirstCodeShowsTenRecoveryCodes() {
        ConsoleDriver console = signedIn("carol");
        HttpResponse<String> confirmed = enrolled(console);
        assertThat(confirmed.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher codes = RECOVERY_CODE.matcher(confirmed.body());
        int count = 0;
        String first = null;
        while (codes.find()) {
            first = first == null ? codes.group(1) : first;
            count++;
        }
        assertThat(count).isEqualTo(10);
        assertThat(curfew.services().otp().hasAuthenticator(user("carol"))).isTrue();

        HttpResponse<String> later = console.open(page());
        assertThat(later.body())
                .contains("Two-factor authentication is <strong>on</strong>")
                .contains("Recovery codes left: 10.")
                .doesNotContain(first);
        assertThat(curfew.services()
                        .otp()
                        .verify(realm.realm(), user("carol"), first, new SignInAttempt("127.0.0.1", "test")))
                .isTrue();
    }

    @Test
    @DisplayName("a second enrolment while one exists is refused: remove the authenticator first")
    void secondEnrolmentIsRefused() {
        ConsoleDriver console = signedIn("dave");
        HttpResponse<String> stale = console.open(page());
        enrolled(console);
        // The stale page's secret and a right code for it, with the form token of a page of now.
        Map<String, String> form = ConsoleDriver.form(console.open(page()).body(), removal(), "csrf");
        form.put(ConfirmAuthenticatorEndpoint.SECRET, secretOf(stale));
        form.put(ConfirmAuthenticatorEndpoint.CODE, codeFor(secretOf(stale)));
        HttpResponse<String> again = console.browser.postForm(page(), form);
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(console.follow(again).body()).contains("You already have an authenticator.");
    }

    @Test
    @DisplayName(
            "removal needs the password or a code: a wrong one is refused and counts, the right password removes it (audited SELF)")
    void removalNeedsThePassword() {
        ConsoleDriver console = signedIn("erin");
        enrolled(console);
        HttpResponse<String> enrolledPage = console.open(page());

        HttpResponse<String> refused = console.submit(
                enrolledPage, removal(), "csrf", Map.of(RemoveAuthenticatorEndpoint.PROOF, "not the password"));
        assertThat(console.follow(refused).body()).contains("That password is not correct.");
        assertThat(curfew.services().otp().hasAuthenticator(user("erin"))).isTrue();
        assertThat(curfew.services().bruteForce().failures(user("erin"))).isPresent();

        HttpResponse<String> removed = console.submit(
                console.open(page()), removal(), "csrf", Map.of(RemoveAuthenticatorEndpoint.PROOF, TestRealm.PASSWORD));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(console.follow(removed).body())
                .contains("Two-factor authentication is off")
                .contains("name=\"secret\"");
        assertThat(curfew.services().otp().hasAuthenticator(user("erin"))).isFalse();

        JsonNode audit = TestCurfew.json(curfew.get(
                        "/admin/realms/" + realm.name() + "/audit?action=otp.remove",
                        TestCurfew.bearer(curfew.adminToken())))
                .get("entries");
        assertThat(audit.get(0).get("privilege").asText()).isEqualTo("SELF");
        assertThat(audit.get(0).get("actor").get("username").asText()).isEqualTo("erin");
        assertThat(audit.get(0).get("detail").get("username").asText()).isEqualTo("erin");
    }

    @Test
    @DisplayName("a code of the authenticator removes it too")
    void aCodeRemovesIt() {
        ConsoleDriver console = signedIn("fay");
        HttpResponse<String> enrolment = console.open(page());
        String secret = secretOf(enrolment);
        confirm(console, enrolment, codeFor(secret));
        // The enrolment's code was accepted; the next one is a step later.
        curfew.clock().advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        HttpResponse<String> removed = console.submit(
                console.open(page()), removal(), "csrf", Map.of(RemoveAuthenticatorEndpoint.PROOF, codeFor(secret)));
        assertThat(console.follow(removed).body()).contains("Two-factor authentication is off");
        assertThat(curfew.services().otp().hasAuthenticator(user("fay"))).isFalse();
    }

    @Test
    @DisplayName("the QR code's text is the Key URI: issuer, account, secret, algorithm, digits and period")
    void keyUriNamesEverything() {
        ConsoleDriver console = signedIn("gus");
        String secret = secretOf(console.open(page()));
        String uri = curfew.services()
                .otp()
                .again(realm.realm(), user("gus"), secret)
                .orElseThrow()
                .keyUri();
        String issuer = realm.realm().displayName().isBlank()
                ? realm.name()
                : realm.realm().displayName();
        String encoded = URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(uri)
                .isEqualTo("otpauth://totp/" + encoded + ":gus?secret=" + secret + "&issuer=" + encoded
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    private static User user(String username) {
        return curfew.services()
                .store()
                .users()
                .findByUsername(realm.realm().id(), username)
                .orElseThrow();
    }
}
