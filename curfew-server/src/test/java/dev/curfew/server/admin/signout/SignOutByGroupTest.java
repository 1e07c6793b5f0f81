package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-outs by group: the filter's groups and groupIds end the sessions of the members, and only theirs")
class SignOutByGroupTest {
    static TestCurfew curfew;
    static SignOutApi api;

    TestRealm realm;
    ConfidentialClient web;
    String sales;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        sales = group("Sales");
        join(realm.user("alice").id(), sales);
        join(realm.user("bob").id(), sales);
        join(realm.user("carol").id(), group("Finance"));
    }

    private String group(String name) {
        var created = curfew.postJson(
                "/admin/realms/" + realm.name() + "/groups", Map.of("name", name), TestCurfew.bearer(api.adminToken()));
        return TestCurfew.json(expect(created, 201)).get("id").asText();
    }

    private void join(String userId, String groupId) {
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + userId + "/groups/" + groupId,
                        Map.of(),
                        TestCurfew.bearer(api.adminToken())),
                204);
    }

    @Test
    @DisplayName(
            "by name: Sales' sessions are signed out everywhere, Finance's keep working; the history names the group")
    void byName() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        SignedIn bob = SignedIn.login(realm, web, "bob");
        SignedIn carol = SignedIn.login(realm, web, "carol");
        curfew.clock().advance(Duration.ofSeconds(1));

        JsonNode preview = TestCurfew.json(expect(
                api.post(realm.name(), body(filterScope(Map.of("groups", List.of("Sales"))), "x", "dryRun", true)),
                200));
        assertThat(preview.get("affectedSessions").asLong()).isEqualTo(2);

        JsonNode signOut =
                api.signOut(realm.name(), filterScope(Map.of("groups", List.of("Sales"))), "team offboarded");

        alice.assertSignedOut("alice, in Sales");
        bob.assertSignedOut("bob, in Sales");
        carol.assertWorks("carol, in Finance");
        JsonNode stored = api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                + signOut.get("id").asText());
        assertThat(stored.get("scope").get("filter").get("groupIds").get(0).asText())
                .isEqualTo(sales);
        assertThat(stored.get("scope").get("filter").get("groups").get(sales).asText())
                .isEqualTo("Sales");
    }

    @Test
    @DisplayName("by id, combined with another condition: both must hold")
    void byIdAndClient() {
        ConfidentialClient wiki = realm.confidentialClient("wiki");
        SignedIn aliceWeb = SignedIn.login(realm, web, "alice");
        SignedIn aliceWiki = SignedIn.login(realm, wiki, "alice");
        curfew.clock().advance(Duration.ofSeconds(1));

        api.signOut(realm.name(), filterScope(Map.of("groupIds", List.of(sales), "clientId", "wiki")), "wiki leak");

        aliceWiki.assertSignedOut("alice at wiki");
        aliceWeb.assertWorks("alice at web");
    }

    @Test
    @DisplayName("an unknown group, by id or by name, is a 400 naming the field, and nobody is signed out")
    void unknownGroupsAreNamed() {
        SignedIn alice = SignedIn.login(realm, web, "alice");

        assertThat(invalidFields(api.post(
                        realm.name(), body(filterScope(Map.of("groups", List.of("Sales", "Nope"))), "x"))))
                .containsExactly("scope.filter.groups");
        assertThat(invalidFields(api.post(realm.name(), body(filterScope(Map.of("groupIds", List.of("nope"))), "x"))))
                .containsExactly("scope.filter.groupIds");
        alice.assertWorks("alice after refused sign-outs");
    }
}
