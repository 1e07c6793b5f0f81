package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
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

@DisplayName("Realm export (POST /admin/realms/{realm}/partial-export): Keycloak's shape, users too, never a secret")
class RealmExportTest {
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

    private static HttpResponse<String> export(String realm, String query, String token) {
        return curfew.postJson(
                "/admin/realms/" + realm + "/partial-export" + query, Map.of(), TestCurfew.bearer(token));
    }

    @Test
    @DisplayName("everything asked for: the realm's settings, clients without secrets, groups, users with their groups"
            + " and required actions, no password hash; audited")
    void everything() {
        String realm = api.newRealm();
        String secret = "a-confidential-client-secret-of-enough-length-42";
        api.createClient(
                realm, Map.of("clientId", "shop", "secret", secret, "redirectUris", List.of("https://shop/cb")));
        String sales = json(expect(api.post("/admin/realms/" + realm + "/groups", Map.of("name", "Sales")), 201))
                .get("id")
                .asText();
        String ann = api.createUser(realm, "ann");
        expect(api.put("/admin/realms/" + realm + "/users/" + ann + "/groups/" + sales, Map.of()), 204);
        expect(
                api.put(
                        "/admin/realms/" + realm + "/users/" + ann,
                        Map.of("requiredActions", List.of("UPDATE_PASSWORD"))),
                204);
        api.createUser(realm, "bob");

        HttpResponse<String> response = export(
                realm,
                "?exportClients=true&exportGroupsAndRoles=true&exportUsers=true&reason=Move%20to%20new%20region",
                api.adminToken());

        JsonNode exported = json(expect(response, 200));
        assertThat(exported.get("realm").asText()).isEqualTo(realm);
        assertThat(exported.get("passwordPolicy").asText()).isEqualTo("length(8)");
        assertThat(exported.get("clients").findValuesAsText("clientId")).contains("shop", AdminApi.CLI);
        assertThat(exported.get("groups").findValuesAsText("name")).containsExactly("Sales");
        assertThat(exported.get("users").findValuesAsText("username")).containsExactly("ann", "bob");
        JsonNode annRep = exported.get("users").get(0);
        assertThat(annRep.get("groups").get(0).asText()).isEqualTo("/Sales");
        assertThat(annRep.get("requiredActions").get(0).asText()).isEqualTo("UPDATE_PASSWORD");
        assertThat(response.body())
                .doesNotContain(secret)
                .doesNotContain("$argon2")
                .doesNotContain(AdminApi.PASSWORD)
                .doesNotContain("\"secret\"")
                .doesNotContain("credentials");
        JsonNode audit = json(api.get("/admin/realms/" + realm + "/audit?action=realm.exported"));
        JsonNode entry = audit.get("entries").get(0);
        assertThat(entry.get("reason").asText()).isEqualTo("Move to new region");
        assertThat(entry.get("detail").get("included").get("users").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("by default only the realm, as in Keycloak; a flag that is not true or false is a 400 naming it")
    void defaultsAndBadFlags() {
        String realm = api.newRealm();

        JsonNode bare = json(expect(export(realm, "", api.adminToken()), 200));
        assertThat(bare.has("clients")).isFalse();
        assertThat(bare.has("users")).isFalse();
        assertThat(bare.get("realm").asText()).isEqualTo(realm);
        assertThat(invalidFields(export(realm, "?exportUsers=yes", api.adminToken())))
                .containsExactly("exportUsers");
    }

    @Test
    @DisplayName("a user administrator may not export (403); an unknown realm is a 404")
    void privilegeAndUnknownRealm() {
        String realm = api.newRealm();

        problem(export(realm, "?exportUsers=true", api.tokenWith("USER_ADMINISTRATOR@" + realm)), 403);
        problem(export("no-such-realm", "", api.adminToken()), 404);
    }
}
