package dev.curfew.server.admin;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.user.User;
import dev.curfew.server.oidc.authorize.RequiredActionForm;
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

/**
 * The realm field {@code passwordPolicy}, and the policy at every place an administrator or a user sets a password
 * (the account console's change is in {@code PasswordChangeTest}).
 */
@DisplayName("Password policy: the realm field, and the admin API and the login's password change under it")
class PasswordPolicyTest {
    private static final String POLICY = "length(12) and notUsername and notEmail and notCommon and passwordHistory(3)";

    private static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static String[] admin() {
        return TestCurfew.bearer(curfew.adminToken());
    }

    private static TestRealm strictRealm() {
        TestRealm realm = TestRealm.create(curfew);
        expect(curfew.putJson("/admin/realms/" + realm.name(), Map.of("passwordPolicy", POLICY), admin()), 204);
        return realm;
    }

    private static HttpResponse<String> reset(TestRealm realm, User user, String password) {
        return curfew.putJson(
                "/admin/realms/" + realm.name() + "/users/" + user.id() + "/reset-password",
                Map.of("type", "password", "value", password, "temporary", false),
                admin());
    }

    @Test
    @DisplayName("the realm shows the policy in canonical form; a bad one is a 400 naming passwordPolicy")
    void realmField() {
        TestRealm realm = strictRealm();
        String path = "/admin/realms/" + realm.name();

        JsonNode rep = TestCurfew.json(curfew.get(path, admin()));
        assertThat(rep.get("passwordPolicy").asText()).isEqualTo(POLICY);
        HttpResponse<String> bad = curfew.putJson(path, Map.of("passwordPolicy", "length(12) and digits(2)"), admin());
        assertThat(invalidFields(bad)).containsExactly("passwordPolicy");
        assertThat(bad.body()).contains("unknown policy 'digits'");
        assertThat(TestCurfew.json(curfew.get(path, admin()))
                        .get("passwordPolicy")
                        .asText())
                .isEqualTo(POLICY);
        assertThat(TestCurfew.json(curfew.get(
                                "/admin/realms/" + TestRealm.create(curfew).name(), admin()))
                        .get("passwordPolicy")
                        .asText())
                .as("a new realm")
                .isEqualTo("length(8)");
    }

    @Test
    @DisplayName("creating a user: a short, common, username or email password is refused at credentials[0].value,"
            + " and no user is created")
    void createUser() {
        TestRealm realm = strictRealm();
        String users = "/admin/realms/" + realm.name() + "/users";
        for (String password : List.of("short pass", "qwertyuiop123", "harriet.vane", "harriet@example.com")) {
            HttpResponse<String> created = curfew.postJson(
                    users,
                    Map.of(
                            "username",
                            "harriet.vane",
                            "email",
                            "harriet@example.com",
                            "credentials",
                            List.of(Map.of("type", "password", "value", password))),
                    admin());
            assertThat(invalidFields(created)).as(password).containsExactly("credentials[0].value");
        }
        assertThat(TestCurfew.json(curfew.get(users + "?username=harriet.vane", admin())))
                .isEmpty();
    }

    @Test
    @DisplayName("reset-password: the last 3 passwords (the current one among them) cannot come back; the 4th can")
    void history() {
        TestRealm realm = strictRealm();
        User ian = realm.user("ian");
        expect(reset(realm, ian, "first passphrase A"), 204);
        expect(reset(realm, ian, "second passphrase B"), 204);
        expect(reset(realm, ian, "third passphrase C"), 204);

        for (String recent : List.of("third passphrase C", "second passphrase B", "first passphrase A")) {
            HttpResponse<String> again = reset(realm, ian, recent);
            assertThat(invalidFields(again)).as(recent).containsExactly("value");
            assertThat(again.body()).contains("must not be one of the last 3 passwords");
        }
        expect(reset(realm, ian, "fourth passphrase D"), 204);
        expect(reset(realm, ian, "first passphrase A"), 204);
        HttpResponse<String> common = reset(realm, ian, "qwertyuiop123");
        assertThat(invalidFields(common)).containsExactly("value");
    }

    @Test
    @DisplayName("a user update with a password is refused as a whole: the profile is not changed either")
    void updateUser() {
        TestRealm realm = strictRealm();
        User jo = realm.user("jo");
        String path = "/admin/realms/" + realm.name() + "/users/" + jo.id();
        JsonNode before = TestCurfew.json(curfew.get(path, admin()));
        HttpResponse<String> update = curfew.putJson(
                path,
                Map.of(
                        "firstName",
                        "Joanna",
                        "credentials",
                        List.of(Map.of("type", "password", "value", "qwertyuiop123"))),
                admin());
        assertThat(invalidFields(update)).containsExactly("credentials[0].value");
        assertThat(TestCurfew.json(curfew.get(path, admin()))).isEqualTo(before);
    }

    @Test
    @DisplayName("UPDATE_PASSWORD in the login: a password the policy refuses gets the page again with the reason")
    void requiredAction() {
        TestRealm realm = strictRealm();
        realm.confidentialClient("web");
        User kim = realm.user("kim");
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + kim.id() + "/reset-password",
                        Map.of("type", "password", "value", "a temporary passphrase", "temporary", true),
                        admin()),
                204);
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.submitLogin(
                browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web"))), "kim", "a temporary passphrase");
        assertThat(page.body()).contains("Choose a new password");

        HttpResponse<String> refused = browser.submitForm(
                page,
                Map.of(
                        RequiredActionForm.NEW_PASSWORD,
                        "qwertyuiop123",
                        RequiredActionForm.CONFIRM_PASSWORD,
                        "qwertyuiop123"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("one of the most common passwords");

        HttpResponse<String> done = browser.submitForm(
                refused,
                Map.of(
                        RequiredActionForm.NEW_PASSWORD,
                        "an uncommon long passphrase",
                        RequiredActionForm.CONFIRM_PASSWORD,
                        "an uncommon long passphrase"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    }
}
