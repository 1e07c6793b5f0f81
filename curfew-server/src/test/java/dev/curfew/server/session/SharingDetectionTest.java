package dev.curfew.server.session;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.realm.SharingDetection;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Credential sharing: one account in use from several networks or in many sessions at once is recorded
 * ({@code sharing.suspected}), listed ({@code /sessions/sharing}), and can be found and signed out with the filter
 * fields {@code concurrentSessionsAtLeast} and {@code distinctNetworksAtLeast}.
 */
@DisplayName("Credential sharing: detection, the suspects list and the filter")
class SharingDetectionTest {
    private static TestCurfew curfew;
    private static SignOutApi api;

    @BeforeAll
    static void start() {
        // Addresses come from X-Forwarded-For, as behind a proxy: one test machine signs in from many networks.
        curfew = TestCurfew.start(Map.of("proxy-headers", "true"));
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    private static SignedIn from(String ip, TestRealm realm, ConfidentialClient client, String username) {
        SignedIn signedIn = SignedIn.login(curfew.browser(Map.of("X-Forwarded-For", ip)), realm, client, username);
        curfew.clock().advance(Duration.ofSeconds(1));
        return signedIn;
    }

    private static List<JsonNode> audit(TestRealm realm, String action) {
        JsonNode page = TestCurfew.json(curfew.get(
                "/admin/realms/" + realm.name() + "/audit?action=" + action, TestCurfew.bearer(curfew.adminToken())));
        List<JsonNode> entries = new ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    private static JsonNode get(String path) {
        return TestCurfew.json(expect(curfew.get(path, TestCurfew.bearer(curfew.adminToken())), 200));
    }

    @Test
    @DisplayName("the sign-in that reaches the realm's thresholds is recorded once, with the addresses as evidence;"
            + " one network is one /24")
    void theCrossingSignInIsAudited() {
        TestRealm realm =
                TestRealm.create(curfew, RealmSettings.DEFAULTS.withSharingDetection(new SharingDetection(4, 2)));
        realm.user("alice");
        realm.user("bob");
        ConfidentialClient web = realm.confidentialClient("web");

        from("198.51.100.7", realm, web, "alice");
        from("198.51.100.9", realm, web, "alice");
        from("198.51.100.9", realm, web, "bob");
        assertThat(audit(realm, "sharing.suspected"))
                .as("two sessions in one /24")
                .isEmpty();

        from("203.0.113.5", realm, web, "alice");
        from("203.0.113.6", realm, web, "alice");

        List<JsonNode> entries = audit(realm, "sharing.suspected");
        assertThat(entries).hasSize(1);
        JsonNode detail = entries.get(0).get("detail");
        assertThat(detail.get("username").asText()).isEqualTo("alice");
        assertThat(detail.get("sessions").asInt()).isEqualTo(3);
        assertThat(detail.get("networks").asInt()).isEqualTo(2);
        assertThat(detail.get("addresses"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("198.51.100.7", "198.51.100.9", "203.0.113.5");

        JsonNode suspects = get("/admin/realms/" + realm.name() + "/sessions/sharing");
        assertThat(suspects.get("distinctNetworksAtLeast").asInt()).isEqualTo(2);
        assertThat(suspects.get("suspects")).hasSize(1);
        assertThat(suspects.get("suspects").get(0).get("username").asText()).isEqualTo("alice");
        assertThat(suspects.get("suspects").get(0).get("sessions").asInt()).isEqualTo(4);
        assertThat(get("/admin/realms/" + realm.name() + "/sessions/sharing?concurrentSessionsAtLeast=2")
                        .get("suspects"))
                .extracting(s -> s.get("username").asText())
                .containsExactly("alice");
    }

    @Test
    @DisplayName("a filter sign-out with distinctNetworksAtLeast ends every session of the shared account and no one"
            + " else's; the history keeps the condition")
    void signOutTheSharedAccounts() {
        TestRealm realm = TestRealm.create(curfew);
        realm.user("alice");
        realm.user("bob");
        ConfidentialClient web = realm.confidentialClient("web");
        SignedIn alice1 = from("192.0.2.10", realm, web, "alice");
        SignedIn alice2 = from("2001:db8:5:6::1", realm, web, "alice");
        SignedIn bob1 = from("192.0.2.11", realm, web, "bob");
        SignedIn bob2 = from("192.0.2.12", realm, web, "bob");

        JsonNode found = api.sessions(realm.name(), "distinctNetworksAtLeast=2");
        assertThat(found.get("sessions"))
                .extracting(s -> s.get("username").asText())
                .containsOnly("alice")
                .hasSize(2);

        JsonNode signOut =
                api.signOut(realm.name(), filterScope(Map.of("distinctNetworksAtLeast", 2)), "account sharing");

        alice1.assertSignedOut("alice from her first network");
        alice2.assertSignedOut("alice from the second network");
        bob1.assertWorks("bob, two sessions in one network");
        bob2.assertWorks("bob's second session");
        assertThat(signOut.get("affectedSessions").asLong()).isEqualTo(2);
        JsonNode stored = api.get("/admin/realms/" + realm.name() + "/sign-outs/"
                + signOut.get("id").asText());
        assertThat(stored.get("scope")
                        .get("filter")
                        .get("distinctNetworksAtLeast")
                        .asInt())
                .isEqualTo(2);

        api.signOut(realm.name(), filterScope(Map.of("concurrentSessionsAtLeast", "2")), "too many sessions");
        bob1.assertSignedOut("bob, two sessions at once");
        bob2.assertSignedOut("bob's second session");
    }

    @Test
    @DisplayName("the users are chosen before any session ends: ending the first batch of a user's 600 sessions does"
            + " not take them below concurrentSessionsAtLeast=600 for the rest")
    void usersAreResolvedBeforeTheBatches() {
        TestRealm realm = TestRealm.create(curfew);
        User alice = realm.user("alice");
        var sessions = curfew.services().store().sessions();
        Instant now = curfew.clock().instant();
        for (int i = 0; i < 600; i++) {
            sessions.create(new UserSession(
                    Secrets.newId(),
                    realm.realm().id(),
                    alice.id(),
                    Secrets.sha256(Secrets.newSecret()),
                    now,
                    now,
                    "192.0.2." + (i % 200),
                    "Firefox",
                    Set.of("pwd"),
                    Optional.empty()));
        }
        curfew.clock().advance(Duration.ofSeconds(1));

        JsonNode signOut = api.signOut(
                realm.name(), filterScope(Map.of("concurrentSessionsAtLeast", 600)), "one account, 600 sessions");

        assertThat(signOut.get("affectedSessions").asLong()).isEqualTo(600);
        assertThat(api.sessions(realm.name(), "").get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("thresholds of 1, negative or not numbers are 400s naming the field; off means the list needs"
            + " parameters")
    void badThresholdsAreNamed() {
        TestRealm realm = TestRealm.create(curfew);
        String path = "/admin/realms/" + realm.name();

        assertThat(invalidFields(
                        api.post(realm.name(), body(filterScope(Map.of("concurrentSessionsAtLeast", 1)), "x"))))
                .containsExactly("scope.filter.concurrentSessionsAtLeast");
        assertThat(invalidFields(
                        api.post(realm.name(), body(filterScope(Map.of("distinctNetworksAtLeast", "many")), "x"))))
                .containsExactly("scope.filter.distinctNetworksAtLeast");
        HttpResponse<String> off = curfew.get(path + "/sessions/sharing", TestCurfew.bearer(curfew.adminToken()));
        assertThat(invalidFields(off)).containsExactly("sharingDetection");
        assertThat(invalidFields(curfew.get(
                        path + "/sessions/sharing?distinctNetworksAtLeast=0", TestCurfew.bearer(curfew.adminToken()))))
                .containsExactly("distinctNetworksAtLeast");

        HttpResponse<String> bad = curfew.putJson(
                path,
                Map.of("sharingDetection", Map.of("concurrentSessions", 1)),
                TestCurfew.bearer(curfew.adminToken()));
        assertThat(invalidFields(bad)).containsExactly("sharingDetection");
        expect(
                curfew.putJson(
                        path,
                        Map.of("sharingDetection", Map.of("concurrentSessions", 5, "distinctNetworks", 3)),
                        TestCurfew.bearer(curfew.adminToken())),
                204);
        JsonNode rep = get(path);
        assertThat(rep.get("sharingDetection").get("concurrentSessions").asInt())
                .isEqualTo(5);
        assertThat(rep.get("sharingDetection").get("distinctNetworks").asInt()).isEqualTo(3);
        assertThat(get(path + "/sessions/sharing")
                        .get("concurrentSessionsAtLeast")
                        .asInt())
                .isEqualTo(5);
    }
}
