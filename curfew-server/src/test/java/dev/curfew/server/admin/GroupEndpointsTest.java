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

@DisplayName("Admin API: groups (/admin/realms/{realm}/groups) and a user's groups, in Keycloak's shapes")
class GroupEndpointsTest {
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

    static String groups(String realm) {
        return "/admin/realms/" + realm + "/groups";
    }

    static String createGroup(String realm, String name) {
        return json(expect(api.post(groups(realm), Map.of("name", name)), 201))
                .get("id")
                .asText();
    }

    static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(g -> names.add(g.get(field).asText()));
        return names;
    }

    @Test
    @DisplayName("creates, reads, lists, counts, renames and deletes a group, as Keycloak answers")
    void lifecycle() {
        String realm = api.newRealm();
        var created = expect(api.post(groups(realm), Map.of("name", "Sales")), 201);
        String id = json(created).get("id").asText();
        createGroup(realm, "Finance");
        createGroup(realm, "Support");

        assertThat(created.headers().firstValue("Location")).hasValue(curfew.baseUrl() + groups(realm) + "/" + id);
        JsonNode sales = json(expect(api.get(groups(realm) + "/" + id), 200));
        assertThat(sales.get("name").asText()).isEqualTo("Sales");
        assertThat(sales.get("path").asText()).isEqualTo("/Sales");
        assertThat(sales.get("subGroupCount").asInt()).isZero();
        assertThat(sales.get("subGroups")).isEmpty();
        assertThat(names(json(api.get(groups(realm))), "name")).containsExactly("Finance", "Sales", "Support");
        assertThat(names(json(api.get(groups(realm) + "?search=S&first=1&max=1")), "name"))
                .containsExactly("Support");
        assertThat(json(api.get(groups(realm) + "/count?search=port"))
                        .get("count")
                        .asLong())
                .isEqualTo(1);

        expect(api.put(groups(realm) + "/" + id, Map.of("name", "Sales EMEA")), 204);
        assertThat(json(api.get(groups(realm) + "/" + id)).get("path").asText()).isEqualTo("/Sales EMEA");
        expect(api.delete(groups(realm) + "/" + id), 204);
        problem(api.get(groups(realm) + "/" + id), 404);
        problem(api.delete(groups(realm) + "/" + id), 404);
    }

    @Test
    @DisplayName("refuses a blank, slashed or over-long name, naming the field, and a taken name with 409")
    void validatesNames() {
        String realm = api.newRealm();
        String finance = createGroup(realm, "Finance");
        createGroup(realm, "Sales");

        assertThat(invalidFields(api.post(groups(realm), Map.of("name", " ")))).containsExactly("name");
        assertThat(invalidFields(api.post(groups(realm), Map.of("name", "a/b"))))
                .containsExactly("name");
        assertThat(invalidFields(api.post(groups(realm), Map.of("name", "x".repeat(256)))))
                .containsExactly("name");
        assertThat(invalidFields(api.post(groups(realm), Map.of()))).containsExactly("name");
        problem(api.post(groups(realm), Map.of("name", "Sales")), 409);
        problem(api.put(groups(realm) + "/" + finance, Map.of("name", "Sales")), 409);
    }

    @Test
    @DisplayName("a user joins and leaves groups; members and a user's groups are listed; both must be of the realm")
    void membership() {
        String realm = api.newRealm();
        String sales = createGroup(realm, "Sales");
        String finance = createGroup(realm, "Finance");
        String bob = api.createUser(realm, "bob");
        String alice = api.createUser(realm, "alice");
        String users = "/admin/realms/" + realm + "/users/";

        expect(api.put(users + bob + "/groups/" + sales, Map.of()), 204);
        expect(api.put(users + bob + "/groups/" + sales, Map.of()), 204);
        expect(api.put(users + alice + "/groups/" + sales, Map.of()), 204);
        expect(api.put(users + alice + "/groups/" + finance, Map.of()), 204);

        assertThat(names(json(api.get(groups(realm) + "/" + sales + "/members")), "username"))
                .containsExactly("alice", "bob");
        assertThat(names(json(api.get(users + alice + "/groups")), "name")).containsExactly("Finance", "Sales");

        expect(api.delete(users + alice + "/groups/" + sales), 204);
        assertThat(names(json(api.get(groups(realm) + "/" + sales + "/members")), "username"))
                .containsExactly("bob");

        String other = api.newRealm();
        String elsewhere = createGroup(other, "Sales");
        problem(api.put(users + bob + "/groups/" + elsewhere, Map.of()), 404);
        problem(api.put(users + "nobody/groups/" + sales, Map.of()), 404);
    }

    @Test
    @DisplayName("session viewers read groups; only user administrators change them")
    void privileges() {
        String realm = api.newRealm();
        String sales = createGroup(realm, "Sales");
        String bob = api.createUser(realm, "bob");
        String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

        expect(curfew.get(groups(realm), TestCurfew.bearer(viewer)), 200);
        expect(curfew.get(groups(realm) + "/" + sales + "/members", TestCurfew.bearer(viewer)), 200);
        problem(curfew.postJson(groups(realm), Map.of("name", "x"), TestCurfew.bearer(viewer)), 403);
        problem(
                curfew.putJson(
                        "/admin/realms/" + realm + "/users/" + bob + "/groups/" + sales,
                        Map.of(),
                        TestCurfew.bearer(viewer)),
                403);
        problem(curfew.get(groups(realm)), 401);
    }

    @Test
    @DisplayName("every change is audited with its reason: created, renamed, member added and removed, deleted;"
            + " joining twice is recorded once")
    void changesAreAudited() {
        String realm = api.newRealm();
        String userId = api.createUser(realm, "ann");
        String id = createGroup(realm, "Legal");
        expect(
                api.put(
                        groups(realm) + "/" + id + "?reason=Department%20renamed",
                        Map.of("name", "Legal & Compliance")),
                204);
        expect(api.put("/admin/realms/" + realm + "/users/" + userId + "/groups/" + id, Map.of()), 204);
        expect(api.put("/admin/realms/" + realm + "/users/" + userId + "/groups/" + id, Map.of()), 204);
        expect(api.delete("/admin/realms/" + realm + "/users/" + userId + "/groups/" + id), 204);
        expect(api.delete(groups(realm) + "/" + id), 204);

        JsonNode entries =
                json(api.get("/admin/realms/" + realm + "/audit?max=50")).get("entries");
        List<String> actions = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if (e.get("action").asText().startsWith("group.")) {
                actions.add(e.get("action").asText());
            }
        });
        assertThat(actions)
                .containsExactlyInAnyOrder(
                        "group.created",
                        "group.renamed",
                        "group.member-added",
                        "group.member-removed",
                        "group.deleted");
        assertThat(entries.findValuesAsText("reason")).contains("Department renamed");
    }
}
