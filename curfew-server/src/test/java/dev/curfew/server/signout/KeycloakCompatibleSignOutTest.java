package dev.curfew.server.signout;

import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Keycloak-compatible sign-out endpoints apply the same validity rule as /sign-outs")
class KeycloakCompatibleSignOutTest {
    static TestCurfew curfew;
    static SignOutApi api;

    TestRealm realm;
    TestRealm otherRealm;
    ConfidentialClient web;
    ConfidentialClient otherWeb;

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
    void realms() {
        realm = TestRealm.create(curfew);
        web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
        otherRealm = TestRealm.create(curfew);
        otherWeb = otherRealm.confidentialClient("web");
        otherRealm.user("alice");
    }

    static void tick() {
        curfew.clock().advance(Duration.ofSeconds(1));
    }

    String admin(String suffix) {
        return "/admin/realms/" + realm.name() + suffix;
    }

    @Test
    @DisplayName("POST .../logout-all signs the realm out, answers Keycloak's GlobalRequestResult, spares other realms")
    void logoutAllSignsTheRealmOut() {
        SignedIn alice = SignedIn.login(realm, web, "alice").assertWorks("alice before");
        SignedIn bob = SignedIn.login(realm, web, "bob").assertWorks("bob before");
        SignedIn other = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        JsonNode answer = TestCurfew.json(
                expect(curfew.postJson(admin("/logout-all"), "", TestCurfew.bearer(api.adminToken())), 200));
        tick();

        assertThat(answer.get("successRequests")).isEmpty();
        assertThat(answer.get("failedRequests")).isEmpty();
        alice.assertSignedOut("alice");
        bob.assertSignedOut("bob");
        other.assertWorks("other realm");
        assertThat(api.history(realm.name())
                        .get("signOuts")
                        .get(0)
                        .get("scope")
                        .get("type")
                        .asText())
                .isEqualTo("realm");
    }

    @Test
    @DisplayName("POST .../users/{id}/logout signs the user out (204), spares other users")
    void userLogoutSignsTheUserOut() {
        SignedIn alice = SignedIn.login(realm, web, "alice").assertWorks("alice before");
        SignedIn bob = SignedIn.login(realm, web, "bob").assertWorks("bob before");
        tick();

        expect(
                curfew.postJson(
                        admin("/users/" + alice.userId() + "/logout?reason=left%20the%20company"),
                        "",
                        TestCurfew.bearer(api.adminToken())),
                204);
        tick();

        alice.assertSignedOut("alice");
        bob.assertWorks("bob");
        assertThat(api.history(realm.name())
                        .get("signOuts")
                        .get(0)
                        .get("reason")
                        .asText())
                .isEqualTo("left the company");
    }

    @Test
    @DisplayName("DELETE .../sessions/{sid} signs out that session (204), then 404; other sessions work")
    void deleteSessionSignsOutTheSession() {
        SignedIn alice = SignedIn.login(realm, web, "alice").assertWorks("alice before");
        SignedIn aliceElsewhere = SignedIn.login(realm, web, "alice").assertWorks("alice elsewhere before");
        tick();

        expect(curfew.delete(admin("/sessions/" + alice.sid()), TestCurfew.bearer(api.adminToken())), 204);
        tick();

        alice.assertSignedOut("deleted session");
        aliceElsewhere.assertWorks("alice's other session");
        SignOutApi.problem(curfew.delete(admin("/sessions/" + alice.sid()), TestCurfew.bearer(api.adminToken())), 404);
    }

    @Test
    @DisplayName("POST .../push-revocation answers Keycloak's shape and signs nobody out")
    void pushRevocationChangesNothing() {
        SignedIn alice = SignedIn.login(realm, web, "alice").assertWorks("alice before");

        JsonNode answer = TestCurfew.json(
                expect(curfew.postJson(admin("/push-revocation"), "", TestCurfew.bearer(api.adminToken())), 200));
        tick();

        assertThat(answer.has("successRequests")).isTrue();
        alice.assertWorks("alice");
        assertThat(api.history(realm.name()).get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("raising the realm notBefore signs the realm out; lowering it is a 400 and changes nothing")
    void realmNotBefore() {
        SignedIn alice = SignedIn.login(realm, web, "alice").assertWorks("alice before");
        SignedIn other = SignedIn.login(otherRealm, otherWeb, "alice").assertWorks("other realm before");
        tick();

        long now = curfew.clock().instant().getEpochSecond();
        expect(curfew.putJson(admin(""), Map.of("notBefore", now), TestCurfew.bearer(api.adminToken())), 204);
        tick();

        alice.assertSignedOut("alice");
        other.assertWorks("other realm");
        long stored = api.get(admin("")).get("notBefore").asLong();
        assertThat(stored).isGreaterThanOrEqualTo(now);

        SignedIn after = SignedIn.login(realm, web, "bob").assertWorks("bob after the cut-off");
        assertThat(invalidFields(curfew.putJson(
                        admin(""), Map.of("notBefore", stored - 60), TestCurfew.bearer(api.adminToken()))))
                .containsExactly("notBefore");
        after.assertWorks("bob after the refused lowering");
        assertThat(api.get(admin("")).get("notBefore").asLong()).isEqualTo(stored);
        assertThat(api.history(realm.name()).get("total").asLong()).isEqualTo(1);
    }
}
