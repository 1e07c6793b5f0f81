package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@code admin-clients} configuration key: the admin API accepts the tokens of exactly the master
 * clients it names, and a client named there that is not built in is registered, changed and deleted only
 * by {@code SYSTEM_ADMINISTRATOR@*}, since it is as strong as whoever signs in to it.
 */
@DisplayName("Admin API: admin-clients names the master clients whose tokens it accepts")
class AdminClientsTest {
    static final String OPS_TOOL = "ops-tool";

    static TestCurfew curfew;
    static AdminApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(Map.of("admin-clients", "admin-cli," + OPS_TOOL));
        api = new AdminApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static final String MASTER_CLIENTS = "/admin/realms/master/clients";

    static Map<String, Object> opsTool() {
        return Map.of("clientId", OPS_TOOL, "standardFlowEnabled", false, "directAccessGrantsEnabled", true);
    }

    static void assertAdminClientRefusal(HttpResponse<String> response) {
        JsonNode problem = problem(response, 403);
        assertThat(problem.get("detail").asText()).contains("'" + OPS_TOOL + "'", "admin-clients");
    }

    static String passwordToken(String clientId, String secret) {
        return TestCurfew.json(expect(
                        curfew.postForm(
                                "/realms/master/protocol/openid-connect/token",
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "client_id",
                                        clientId,
                                        "client_secret",
                                        secret,
                                        "username",
                                        TestCurfew.ADMIN_USER,
                                        "password",
                                        TestCurfew.ADMIN_PASSWORD)),
                        200))
                .get("access_token")
                .asText();
    }

    @Test
    @DisplayName(
            "a CLIENT_ADMINISTRATOR of master cannot register, change, delete or re-key an admin client; SYSTEM_ADMINISTRATOR@* can, and its tokens work")
    void onlySystemAdministratorsManageAdminClients() {
        String clientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@master");

        assertAdminClientRefusal(curfew.postJson(MASTER_CLIENTS, opsTool(), TestCurfew.bearer(clientAdmin)));
        JsonNode created = json(expect(api.post(MASTER_CLIENTS, opsTool()), 201));
        String path = MASTER_CLIENTS + "/" + created.get("id").asText();

        assertAdminClientRefusal(curfew.putJson(
                path,
                Map.of("standardFlowEnabled", true, "redirectUris", List.of("https://attacker.example.test/cb")),
                TestCurfew.bearer(clientAdmin)));
        assertAdminClientRefusal(curfew.postJson(path + "/client-secret", "", TestCurfew.bearer(clientAdmin)));
        assertAdminClientRefusal(curfew.delete(path, TestCurfew.bearer(clientAdmin)));
        String other = json(expect(
                        curfew.postJson(
                                MASTER_CLIENTS, Map.of("clientId", "reporting"), TestCurfew.bearer(clientAdmin)),
                        201))
                .get("id")
                .asText();
        expect(api.delete(path), 204);
        assertAdminClientRefusal(curfew.putJson(
                MASTER_CLIENTS + "/" + other, Map.of("clientId", OPS_TOOL), TestCurfew.bearer(clientAdmin)));

        JsonNode again = json(expect(api.post(MASTER_CLIENTS, opsTool()), 201));
        String token = passwordToken(OPS_TOOL, again.get("secret").asText());
        expect(curfew.get("/admin/realms", TestCurfew.bearer(token)), 200);
    }

    @Test
    @DisplayName("a client of that name in another realm is an ordinary client there")
    void onlyMasterClientsCount() {
        String realm = api.newRealm();
        String clientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm);

        expect(curfew.postJson("/admin/realms/" + realm + "/clients", opsTool(), TestCurfew.bearer(clientAdmin)), 201);
    }

    @Test
    @DisplayName("admin-cli still works, and the console's tokens are refused once curfew-console is not listed")
    void onlyTheListedClientsTokensAreAccepted() {
        expect(curfew.get("/admin/realms", TestCurfew.bearer(curfew.adminToken())), 200);

        ClientAdministratorTakeoverTest.ConsoleSignIn signIn =
                ClientAdministratorTakeoverTest.signInToTheConsole(curfew, curfew.browser());
        String consoleToken = ClientAdministratorTakeoverTest.redeem(curfew, signIn);

        JsonNode problem = problem(curfew.get("/admin/realms", TestCurfew.bearer(consoleToken)), 403);
        assertThat(problem.get("detail").asText())
                .contains("'curfew-console'", "admin-cli, " + OPS_TOOL, "admin-clients");
    }
}
