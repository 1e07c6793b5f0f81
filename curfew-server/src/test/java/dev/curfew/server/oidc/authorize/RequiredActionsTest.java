package dev.curfew.server.oidc.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Required actions: a temporary password, UPDATE_PASSWORD and CONFIGURE_TOTP at the next sign-in")
class RequiredActionsTest {
    static final String NEW_PASSWORD = "a brand new passphrase";

    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String userPath(TestRealm realm, User user) {
        return "/admin/realms/" + realm.name() + "/users/" + user.id();
    }

    static JsonNode getUser(TestRealm realm, User user) {
        return TestCurfew.json(curfew.get(userPath(realm, user), TestCurfew.bearer(curfew.adminToken())));
    }

    static HttpResponse<String> passwordGrant(
            TestRealm realm, ConfidentialClient cli, String username, String password) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", username, "password", password),
                cli.basicHeader());
    }

    static HttpResponse<String> login(Browser browser, TestRealm realm, String username, String password) {
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        return browser.submitLogin(page, username, password);
    }

    static List<String> auditActions(TestRealm realm, String action) {
        JsonNode entries = TestCurfew.json(curfew.get(
                        "/admin/realms/" + realm.name() + "/audit?action=" + action,
                        TestCurfew.bearer(curfew.adminToken())))
                .get("entries");
        return entries.findValuesAsText("reason");
    }

    @Test
    @DisplayName("a temporary password: the password grant refuses it, the login asks for a new one (twice, not the"
            + " old one), then gives the code; the new password works and the action is gone")
    void temporaryPassword() {
        TestRealm realm = TestRealm.create(curfew);
        realm.confidentialClient("web");
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        User ann = realm.user("ann");
        var reset = curfew.putJson(
                userPath(realm, ann) + "/reset-password",
                Map.of("type", "password", "value", "temporary secret 1", "temporary", true),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(getUser(realm, ann).get("requiredActions").toString()).isEqualTo("[\"UPDATE_PASSWORD\"]");

        HttpResponse<String> grant = passwordGrant(realm, cli, "ann", "temporary secret 1");
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(grant).get("error_description").asText()).isEqualTo("Account is not fully set up");

        Browser browser = curfew.browser();
        HttpResponse<String> page = login(browser, realm, "ann", "temporary secret 1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Choose a new password");
        HttpResponse<String> mismatch = browser.submitForm(
                page,
                Map.of(RequiredActionForm.NEW_PASSWORD, NEW_PASSWORD, RequiredActionForm.CONFIRM_PASSWORD, "other"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("not the same");
        HttpResponse<String> same = browser.submitForm(
                mismatch,
                Map.of(
                        RequiredActionForm.NEW_PASSWORD,
                        "temporary secret 1",
                        RequiredActionForm.CONFIRM_PASSWORD,
                        "temporary secret 1"));
        assertThat(same.body()).contains("different from your current one");
        HttpResponse<String> done = browser.submitForm(
                same,
                Map.of(
                        RequiredActionForm.NEW_PASSWORD,
                        NEW_PASSWORD,
                        RequiredActionForm.CONFIRM_PASSWORD,
                        NEW_PASSWORD));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(OidcFlow.code(done)).isNotBlank();
        assertThat(getUser(realm, ann).get("requiredActions")).isEmpty();
        assertThat(passwordGrant(realm, cli, "ann", NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(auditActions(realm, RequiredActionEndpoint.AUDIT_ACTION)).containsExactly("UPDATE_PASSWORD");
    }

    @Test
    @DisplayName("both actions, set through the user representation: first the password, then the authenticator")
    void bothActionsInOrder() {
        TestRealm realm = TestRealm.create(curfew);
        realm.confidentialClient("web");
        User bea = realm.user("bea");
        var put = curfew.putJson(
                userPath(realm, bea),
                Map.of("requiredActions", List.of("CONFIGURE_TOTP", "UPDATE_PASSWORD")),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(getUser(realm, bea).get("requiredActions").toString())
                .isEqualTo("[\"UPDATE_PASSWORD\",\"CONFIGURE_TOTP\"]");

        Browser browser = curfew.browser();
        HttpResponse<String> page = login(browser, realm, "bea", TestRealm.PASSWORD);
        assertThat(page.body()).contains("Choose a new password");
        HttpResponse<String> totp = browser.submitForm(
                page,
                Map.of(
                        RequiredActionForm.NEW_PASSWORD,
                        NEW_PASSWORD,
                        RequiredActionForm.CONFIRM_PASSWORD,
                        NEW_PASSWORD));
        assertThat(totp.body()).contains("Set up two-factor authentication");
        byte[] secret = TwoFactorPolicyTest.shownSecret(totp);
        HttpResponse<String> codes = browser.submitForm(
                totp,
                Map.of(
                        RequiredActionForm.CODE,
                        Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS)));
        HttpResponse<String> done = browser.submitForm(codes, Map.of());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(getUser(realm, bea).get("requiredActions")).isEmpty();
        assertThat(curfew.services().otp().hasAuthenticator(bea)).isTrue();
    }

    @Test
    @DisplayName("an unknown required action is a 400 naming the entry")
    void unknownAction() {
        TestRealm realm = TestRealm.create(curfew);
        User cid = realm.user("cid");
        var put = curfew.putJson(
                userPath(realm, cid),
                Map.of("requiredActions", List.of("UPDATE_PASSWORD", "VERIFY_EMAIL")),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("requiredActions[1]", "VERIFY_EMAIL");
    }

    @Test
    @DisplayName("in bulk: every user of a realm must change their password, audited with the count; in master the"
            + " users must be named")
    void bulk() {
        TestRealm realm = TestRealm.create(curfew);
        realm.user("dee");
        realm.user("eve");
        var response = curfew.postJson(
                "/admin/realms/" + realm.name() + "/users/required-actions",
                Map.of("action", "UPDATE_PASSWORD", "all", true, "reason", "password database leaked"),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestCurfew.json(response).get("added").asInt()).isEqualTo(2);
        assertThat(auditActions(realm, "required-action-set")).containsExactly("password database leaked");

        var master = curfew.postJson(
                "/admin/realms/" + Realm.MASTER + "/users/required-actions",
                Map.of("action", "UPDATE_PASSWORD", "all", true, "reason", "x"),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(master.statusCode()).isEqualTo(400);
        assertThat(master.body()).contains("\"all\"");
    }
}
