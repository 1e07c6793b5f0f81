package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The realm's two-factor policy: a covered user without an authenticator enrols one before getting tokens")
class TwoFactorPolicyTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static TestRealm realm(TwoFactorPolicy policy) {
        return TestRealm.create(curfew, RealmSettings.DEFAULTS.withTwoFactorRequired(policy));
    }

    static ConfidentialClient passwordClient(TestRealm realm) {
        return realm.confidentialClient("cli", b -> b.directAccessGrants(true));
    }

    static HttpResponse<String> passwordGrant(TestRealm realm, ConfidentialClient client, String username) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", username, "password", TestRealm.PASSWORD),
                client.basicHeader());
    }

    static List<UserSession> sessionsOf(User user) {
        return curfew.services().store().sessions().find(SessionQuery.ofUser(user.realmId(), user.id(), Page.DEFAULT));
    }

    static byte[] enrol(TestRealm realm, User user) {
        OtpService otp = curfew.services().otp();
        OtpService.Enrolment enrolment = otp.begin(realm.realm(), user);
        byte[] secret = Base32.decode(enrolment.secret()).orElseThrow();
        otp.confirm(
                        user,
                        enrolment.secret(),
                        Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS))
                .orElseThrow();
        return secret;
    }

    @Test
    @DisplayName("with the policy off, a user without an authenticator signs in with the password alone")
    void offLetsThePasswordSignIn() {
        TestRealm realm = realm(TwoFactorPolicy.OFF);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, web, "alice");
        assertThat(tokens.has("id_token")).isTrue();
        assertThat(passwordGrant(realm, passwordClient(realm), "alice").statusCode())
                .isEqualTo(200);
    }

    /** The secret an enrolment page shows as text, in groups of four. */
    static byte[] shownSecret(HttpResponse<String> page) {
        Matcher m =
                Pattern.compile("<code id=\"otp-secret\">([A-Z2-7 ]+)</code>").matcher(page.body());
        assertThat(m.find()).as("the secret on the page").isTrue();
        return Base32.decode(m.group(1).replace(" ", "")).orElseThrow();
    }

    @Test
    @DisplayName("with everyone covered, a right password without an authenticator leads to enrolment inside the"
            + " login: no code and no session until a first code confirms it, then amr pwd and otp")
    void everyoneWithoutAnAuthenticatorEnrolsInTheLogin() {
        TestRealm realm = realm(TwoFactorPolicy.EVERYONE);
        realm.confidentialClient("web");
        User bob = realm.user("bob");
        Browser browser = curfew.browser();

        HttpResponse<String> page = OidcFlow.login(browser, realm, OidcFlow.authParams("web"), "bob");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Set up two-factor authentication", "<svg");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(sessionsOf(bob)).isEmpty();
        byte[] secret = shownSecret(page);

        HttpResponse<String> wrong = browser.submitForm(page, Map.of(RequiredActionForm.CODE, "000000"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(shownSecret(wrong)).as("the same secret after a wrong code").isEqualTo(secret);
        HttpResponse<String> codes = browser.submitForm(
                wrong,
                Map.of(
                        RequiredActionForm.CODE,
                        Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS)));
        assertThat(codes.statusCode()).as(codes.body()).isEqualTo(200);
        assertThat(codes.body()).contains("recovery-codes");
        assertThat(sessionsOf(bob)).isEmpty();

        HttpResponse<String> done = browser.submitForm(codes, Map.of());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(OidcFlow.code(done)).isNotBlank();
        assertThat(curfew.services().otp().hasAuthenticator(bob)).isTrue();
        assertThat(sessionsOf(bob))
                .singleElement()
                .satisfies(s -> assertThat(s.authMethods()).containsExactlyInAnyOrder("pwd", "otp"));
    }

    @Test
    @DisplayName("with everyone covered, the password grant of a user without an authenticator is invalid_grant")
    void everyoneWithoutAnAuthenticatorIsRefusedThePasswordGrant() {
        TestRealm realm = realm(TwoFactorPolicy.EVERYONE);
        User carol = realm.user("carol");

        HttpResponse<String> response = passwordGrant(realm, passwordClient(realm), "carol");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = TestCurfew.json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(body.get("error_description").asText()).contains("two-factor enrolment is required in the browser");
        assertThat(sessionsOf(carol)).isEmpty();
    }

    @Test
    @DisplayName("with everyone covered, a user with an authenticator signs in with the code: amr pwd and otp")
    void everyoneWithAnAuthenticatorGivesTheCode() {
        TestRealm realm = realm(TwoFactorPolicy.EVERYONE);
        realm.confidentialClient("web");
        User dora = realm.user("dora");
        byte[] secret = enrol(realm, dora);
        curfew.clock().advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        Browser browser = curfew.browser();

        HttpResponse<String> page = OidcFlow.login(browser, realm, OidcFlow.authParams("web"), "dora");
        HttpResponse<String> response = browser.submitForm(
                page,
                Map.of(OtpForm.FIELD, Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(OidcFlow.code(response)).isNotBlank();
        assertThat(sessionsOf(dora))
                .singleElement()
                .satisfies(s -> assertThat(s.authMethods()).containsExactlyInAnyOrder("pwd", "otp"));
    }

    @Test
    @DisplayName("a session signed in with a password alone gives no single sign-on once the policy covers its user")
    void passwordOnlySessionGivesNoSingleSignOnOnceCovered() {
        TestRealm realm = realm(TwoFactorPolicy.OFF);
        realm.confidentialClient("web");
        realm.user("erin");
        Browser browser = curfew.browser();
        OidcFlow.code(OidcFlow.login(browser, realm, OidcFlow.authParams("web"), "erin"));
        HttpResponse<String> again = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(again.statusCode()).isEqualTo(302);

        Realm before = realm.realm();
        curfew.services()
                .realms()
                .update(before, before.withSettings(before.settings().withTwoFactorRequired(TwoFactorPolicy.EVERYONE)));

        HttpResponse<String> covered = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        assertThat(covered.statusCode()).isEqualTo(200);
        assertThat(covered.body()).contains("name=\"password\"");
    }

    @Test
    @DisplayName("administrators: in the master realm a privilege holder without an authenticator must enrol,"
            + " a user without privileges signs in")
    void administratorsCoversPrivilegeHoldersOnly() {
        TestRealm master = TestRealm.existing(curfew, Realm.MASTER);
        master.confidentialClient("tf-web");
        ConfidentialClient cli = master.confidentialClient("tf-cli", b -> b.directAccessGrants(true));
        User admin = master.user("tf-admin");
        master.user("tf-plain");
        // A privilege for another realm: admin tokens come from the master realm, so it counts there too.
        curfew.services().store().privileges().grant(new PrivilegeGrant(admin.id(), Privilege.SESSION_VIEWER, "demo"));
        Realm before = master.realm();
        curfew.services()
                .realms()
                .update(
                        before,
                        before.withSettings(before.settings().withTwoFactorRequired(TwoFactorPolicy.ADMINISTRATORS)));
        try {
            HttpResponse<String> enrol =
                    OidcFlow.login(curfew.browser(), master, OidcFlow.authParams("tf-web"), "tf-admin");
            assertThat(enrol.statusCode()).isEqualTo(200);
            assertThat(enrol.body()).contains("Set up two-factor authentication");
            assertThat(passwordGrant(master, cli, "tf-admin").statusCode()).isEqualTo(400);
            assertThat(OidcFlow.login(curfew.browser(), master, OidcFlow.authParams("tf-web"), "tf-plain")
                            .statusCode())
                    .isEqualTo(302);
            assertThat(passwordGrant(master, cli, "tf-plain").statusCode()).isEqualTo(200);
        } finally {
            Realm now = master.realm();
            curfew.services()
                    .realms()
                    .update(now, now.withSettings(now.settings().withTwoFactorRequired(TwoFactorPolicy.OFF)));
        }
    }
}
