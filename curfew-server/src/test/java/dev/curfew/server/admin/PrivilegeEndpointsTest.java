package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: privilege grants of master-realm users (.../master/users/{id}/privileges)")
class PrivilegeEndpointsTest {
    static TestCurfew curfew;
    static AdminApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new AdminApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String privileges(String userId) {
        return "/admin/realms/master/users/" + userId + "/privileges";
    }

    static List<String> grants(JsonNode grants) {
        List<String> values = new ArrayList<>();
        grants.forEach(g ->
                values.add(g.get("privilege").asText() + "@" + g.get("realm").asText()));
        return values;
    }

    @Test
    @DisplayName("PUT replaces the whole set, GET returns it, and the user's next token carries it")
    void replacesTheSetAndTheNextTokenCarriesIt() {
        String realm = api.newRealm();
        String username = AdminApi.unique("ops");
        String id = api.createUser("master", username);
        String before = api.loginToken("master", "admin-cli", username);

        var put = api.put(
                privileges(id),
                List.of(
                        Map.of("privilege", "AUTH_ADMINISTRATOR", "realm", realm),
                        Map.of("privilege", "SESSION_VIEWER", "realm", "*")));

        assertThat(grants(json(expect(put, 200))))
                .containsExactlyInAnyOrder("AUTH_ADMINISTRATOR@" + realm, "SESSION_VIEWER@*");
        expect(api.put(privileges(id), List.of(Map.of("privilege", "SESSION_VIEWER", "realm", "*"))), 200);
        assertThat(grants(json(api.get(privileges(id))))).containsExactly("SESSION_VIEWER@*");
        String realmPath = "/admin/realms/" + realm + "/client-session-stats";
        problem(curfew.get(realmPath, TestCurfew.bearer(before)), 403);
        String after = api.loginToken("master", "admin-cli", username);
        expect(curfew.get(realmPath, TestCurfew.bearer(after)), 200);
    }

    @Test
    @DisplayName("names each unknown privilege and each realm that does not exist")
    void namesUnknownPrivilegesAndRealms() {
        String id = api.createUser("master", AdminApi.unique("ops"));

        var response = api.put(
                privileges(id),
                List.of(
                        Map.of("privilege", "SESSION_VIEWER", "realm", "*"),
                        Map.of("privilege", "ROOT", "realm", "*"),
                        Map.of("privilege", "AUDITOR", "realm", "no-such-realm")));

        assertThat(invalidFields(response)).containsExactly("[1].privilege", "[2].realm");
        assertThat(json(api.get(privileges(id)))).isEmpty();
    }

    @Test
    @DisplayName("refuses to let a caller remove their own SYSTEM_ADMINISTRATOR for all realms")
    void refusesSelfLockout() {
        AdminApi.Admin root = api.newAdmin("SYSTEM_ADMINISTRATOR@*");

        var response = curfew.putJson(
                privileges(root.id()),
                List.of(Map.of("privilege", "SESSION_VIEWER", "realm", "*")),
                TestCurfew.bearer(root.token()));

        problem(response, 400);
        assertThat(grants(json(api.get(privileges(root.id()))))).containsExactly("SYSTEM_ADMINISTRATOR@*");
    }

    @Test
    @DisplayName("exists only for master-realm users: 404 for another realm's user and for unknown users")
    void existsOnlyForMasterUsers() {
        String realm = api.newRealm();
        String id = api.createUser(realm, "tom");

        problem(api.get("/admin/realms/" + realm + "/users/" + id + "/privileges"), 404);
        problem(api.put("/admin/realms/" + realm + "/users/" + id + "/privileges", List.of()), 404);
        problem(api.get(privileges(id)), 404);
        problem(api.get(privileges("no-such-id")), 404);
    }

    @Test
    @DisplayName(
            "needs SYSTEM_ADMINISTRATOR for all realms: 403 to a system administrator of master only, 401 without token")
    void needsSystemAdministratorEverywhere() {
        String id = api.createUser("master", AdminApi.unique("ops"));
        String masterOnly = api.tokenWith("SYSTEM_ADMINISTRATOR@master");

        problem(curfew.get(privileges(id), TestCurfew.bearer(masterOnly)), 403);
        problem(
                curfew.putJson(
                        privileges(id),
                        List.of(Map.of("privilege", "SYSTEM_ADMINISTRATOR", "realm", "*")),
                        TestCurfew.bearer(masterOnly)),
                403);
        problem(curfew.get(privileges(id)), 401);
    }

    @Test
    @DisplayName("an administrator of one realm gets 403 on every other realm and on master")
    void isolatesRealms() {
        String mine = api.newRealm();
        String other = api.newRealm();
        String token = api.tokenWith("USER_ADMINISTRATOR@" + mine);

        expect(curfew.get("/admin/realms/" + mine + "/users", TestCurfew.bearer(token)), 200);
        for (String realm : List.of(other, "master")) {
            problem(curfew.get("/admin/realms/" + realm + "/users", TestCurfew.bearer(token)), 403);
            problem(
                    curfew.postJson(
                            "/admin/realms/" + realm + "/users", Map.of("username", "x"), TestCurfew.bearer(token)),
                    403);
            problem(curfew.get("/admin/realms/" + realm + "/clients", TestCurfew.bearer(token)), 403);
        }
    }
}
