package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.bootstrap.ConsoleClient;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Regression: a {@code CLIENT_ADMINISTRATOR} of the master realm could obtain a system administrator's
 * token. It added its own redirect URI to {@code admin-cli} or {@code curfew-console} (or registered a new
 * master client); an administrator's SSO session then silently gave a code for it to the attacker's URI,
 * and the admin API accepted tokens of any master client. Now the built-in clients cannot be changed
 * through the API, and the admin API accepts only tokens issued to {@code admin-cli} and
 * {@code curfew-console}.
 */
@DisplayName("Admin API: a CLIENT_ADMINISTRATOR of master cannot obtain an administrator's token")
class ClientAdministratorTakeoverTest {
    static final String ATTACKER_URI = "https://attacker.example.test/callback";

    static TestCurfew curfew;
    static AdminApi api;
    static String clientAdmin;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new AdminApi(curfew);
        clientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@master");
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String clients(String realm) {
        return "/admin/realms/" + realm + "/clients";
    }

    static String clientPath(String realm, String clientId) {
        JsonNode found = json(expect(api.get(clients(realm) + "?clientId=" + clientId), 200));
        assertThat(found).as("client %s in %s", clientId, realm).hasSize(1);
        return clients(realm) + "/" + found.get(0).get("id").asText();
    }

    static void assertBuiltInRefusal(HttpResponse<String> response, String clientId) {
        JsonNode problem = problem(response, 403);
        assertThat(problem.get("detail").asText()).contains("'" + clientId + "'", "built in");
    }

    @Test
    @DisplayName(
            "every change to admin-cli, curfew-console and the account consoles is refused with 403 naming the built-in client, and nothing changes")
    void builtInClientsCannotBeChanged() {
        String realm = api.newRealm();
        String clientAdminOfBoth = api.tokenWith("CLIENT_ADMINISTRATOR@master", "CLIENT_ADMINISTRATOR@" + realm);
        Map<String, String> builtIns = new LinkedHashMap<>();
        builtIns.put(clientPath("master", "admin-cli"), "admin-cli");
        builtIns.put(clientPath("master", ConsoleClient.CLIENT_ID), ConsoleClient.CLIENT_ID);
        builtIns.put(clientPath("master", "account-console"), "account-console");
        builtIns.put(clientPath(realm, "account-console"), "account-console");
        for (var builtIn : builtIns.entrySet()) {
            String path = builtIn.getKey();
            String clientId = builtIn.getValue();
            JsonNode before = json(api.get(path));
            for (String token : List.of(clientAdminOfBoth, api.adminToken())) {
                String[] bearer = TestCurfew.bearer(token);
                assertBuiltInRefusal(
                        curfew.putJson(
                                path,
                                Map.of("redirectUris", List.of(ATTACKER_URI), "standardFlowEnabled", true),
                                bearer),
                        clientId);
                assertBuiltInRefusal(curfew.putJson(path, Map.of("directAccessGrantsEnabled", true), bearer), clientId);
                assertBuiltInRefusal(
                        curfew.putJson(
                                path, Map.of("publicClient", false, "secret", ClientEndpointsTest.LONG_SECRET), bearer),
                        clientId);
                assertBuiltInRefusal(
                        curfew.putJson(
                                path, Map.of("attributes", Map.of("post.logout.redirect.uris", ATTACKER_URI)), bearer),
                        clientId);
                assertBuiltInRefusal(curfew.delete(path, bearer), clientId);
                assertBuiltInRefusal(curfew.postJson(path + "/client-secret", "", bearer), clientId);
                assertBuiltInRefusal(curfew.get(path + "/client-secret", bearer), clientId);
            }
            assertThat(json(api.get(path)))
                    .as("%s after the refusals", clientId)
                    .isEqualTo(before);
        }
    }

    @Test
    @DisplayName(
            "a realm's account-console may still be switched off and on, which turns its account console off and on")
    void accountConsoleMayBeDisabled() {
        String realm = api.newRealm();
        String path = clientPath(realm, "account-console");
        String realmClientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm);

        expect(curfew.putJson(path, Map.of("enabled", false), TestCurfew.bearer(realmClientAdmin)), 204);
        assertThat(json(api.get(path)).get("enabled").asBoolean()).isFalse();
        expect(curfew.putJson(path, Map.of("enabled", true), TestCurfew.bearer(realmClientAdmin)), 204);
        assertThat(json(api.get(path)).get("enabled").asBoolean()).isTrue();

        String adminCli = clientPath("master", "admin-cli");
        assertBuiltInRefusal(
                curfew.putJson(adminCli, Map.of("enabled", false), TestCurfew.bearer(clientAdmin)), "admin-cli");
    }

    @Test
    @DisplayName(
            "a new master client gets a code from an administrator's SSO session, but the admin API refuses its token (403)")
    void tokenOfANewMasterClientIsRefused() throws ParseException {
        JsonNode evil = json(expect(
                curfew.postJson(
                        clients("master"),
                        Map.of("clientId", "look-alike", "redirectUris", List.of(TestRealm.REDIRECT_URI)),
                        TestCurfew.bearer(clientAdmin)),
                201));
        TestRealm master = TestRealm.existing(curfew, "master");
        var client = new TestRealm.ConfidentialClient(
                curfew.services()
                        .store()
                        .clients()
                        .findByClientId(master.realm().id(), "look-alike")
                        .orElseThrow(),
                evil.get("secret").asText());

        Browser administrator = curfew.browser();
        OidcFlow.code(signInToTheConsole(curfew, administrator).response());
        Map<String, String> params = OidcFlow.authParams("look-alike");
        params.put("prompt", "none");
        String code = OidcFlow.code(administrator.get(OidcFlow.authorizeUrl(master, params)));
        String stolen = OidcFlow.ok(OidcFlow.exchange(master, client, code))
                .get("access_token")
                .asText();
        assertThat(OidcFlow.claims(stolen).getStringListClaim("curfew_privileges"))
                .as("the token carries the administrator's privileges")
                .contains("SYSTEM_ADMINISTRATOR@*");

        assertRefusedAsNotAnAdminClient(curfew.get("/admin/realms", TestCurfew.bearer(stolen)), "look-alike");
        assertRefusedAsNotAnAdminClient(
                curfew.postJson(
                        "/admin/realms/master/users",
                        Map.of("username", AdminApi.unique("planted")),
                        TestCurfew.bearer(stolen)),
                "look-alike");
    }

    @Test
    @DisplayName(
            "tokens of a confidential master client from the password or client credentials grant are refused (403)")
    void passwordAndClientCredentialsTokensOfAnotherMasterClientAreRefused() {
        JsonNode script = json(expect(
                curfew.postJson(
                        clients("master"),
                        Map.of(
                                "clientId",
                                "ops-script",
                                "standardFlowEnabled",
                                false,
                                "directAccessGrantsEnabled",
                                true,
                                "serviceAccountsEnabled",
                                true),
                        TestCurfew.bearer(clientAdmin)),
                201));
        String secret = script.get("secret").asText();
        String tokenPath = "/realms/master/protocol/openid-connect/token";

        String password = TestCurfew.json(expect(
                        curfew.postForm(
                                tokenPath,
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "client_id",
                                        "ops-script",
                                        "client_secret",
                                        secret,
                                        "username",
                                        TestCurfew.ADMIN_USER,
                                        "password",
                                        TestCurfew.ADMIN_PASSWORD)),
                        200))
                .get("access_token")
                .asText();
        String service = TestCurfew.json(expect(
                        curfew.postForm(
                                tokenPath,
                                Map.of(
                                        "grant_type", "client_credentials",
                                        "client_id", "ops-script",
                                        "client_secret", secret)),
                        200))
                .get("access_token")
                .asText();

        for (String token : List.of(password, service)) {
            assertRefusedAsNotAnAdminClient(curfew.get("/admin/realms", TestCurfew.bearer(token)), "ops-script");
        }
        expect(curfew.get("/admin/realms", TestCurfew.bearer(api.adminToken())), 200);
    }

    @Test
    @DisplayName("the administrator's own tokens from admin-cli and from the console keep working")
    void adminCliAndConsoleTokensWork() {
        expect(curfew.get("/admin/realms", TestCurfew.bearer(curfew.adminToken())), 200);

        String consoleToken = redeem(curfew, signInToTheConsole(curfew, curfew.browser()));

        expect(curfew.get("/admin/realms", TestCurfew.bearer(consoleToken)), 200);
    }

    /** The authorization response of a console sign-in (a code for the console) and its PKCE verifier. */
    record ConsoleSignIn(HttpResponse<String> response, String verifier) {}

    /** The bootstrap administrator signs in to the console with the login form, starting an SSO session. */
    static ConsoleSignIn signInToTheConsole(TestCurfew curfew, Browser browser) {
        OidcFlow.Pkce pkce = OidcFlow.Pkce.create();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", ConsoleClient.CLIENT_ID);
        params.put("redirect_uri", consoleCallback(curfew));
        params.put("scope", "openid profile");
        params.put("state", OidcFlow.STATE);
        params.putAll(pkce.params());
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(TestRealm.existing(curfew, "master"), params));
        HttpResponse<String> response = browser.submitLogin(page, TestCurfew.ADMIN_USER, TestCurfew.ADMIN_PASSWORD);
        return new ConsoleSignIn(response, pkce.verifier());
    }

    /** The console's access token for a sign-in, as the console redeems it (code and PKCE verifier). */
    static String redeem(TestCurfew curfew, ConsoleSignIn signIn) {
        return OidcFlow.ok(curfew.postForm(
                        "/realms/master/protocol/openid-connect/token",
                        Map.of(
                                "grant_type", "authorization_code",
                                "client_id", ConsoleClient.CLIENT_ID,
                                "code", OidcFlow.code(signIn.response()),
                                "redirect_uri", consoleCallback(curfew),
                                "code_verifier", signIn.verifier())))
                .get("access_token")
                .asText();
    }

    static String consoleCallback(TestCurfew curfew) {
        return curfew.baseUrl() + ConsoleClient.CALLBACK_PATH;
    }

    static void assertRefusedAsNotAnAdminClient(HttpResponse<String> response, String clientId) {
        JsonNode problem = problem(response, 403);
        assertThat(problem.get("detail").asText()).contains("'" + clientId + "'", "admin-cli", "curfew-console");
    }
}
