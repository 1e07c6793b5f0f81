package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.clientScope;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.audit.AuditChain;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every sign-out and privilege grant is in the hash-chained log, and tampering is found")
class SignOutAuditTest {
    static TestCurfew curfew;
    static SignOutApi api;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new SignOutApi(curfew);
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static List<JsonNode> entries(String realm, String query) {
        List<JsonNode> list = new ArrayList<>();
        api.get("/admin/realms/" + realm + "/audit?max=100" + query)
                .get("entries")
                .forEach(list::add);
        return list;
    }

    static JsonNode verification(String realm) {
        return api.get("/admin/realms/" + realm + "/audit/verification");
    }

    /** Each audit entry of a sign-out, by the sign-out's id; the last one written wins (the completion). */
    static Map<String, JsonNode> bySignOut(List<JsonNode> entries) {
        Map<String, JsonNode> map = new HashMap<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode e = entries.get(i);
            if (e.get("detail").has("signOutId")) {
                map.put(e.get("detail").get("signOutId").asText(), e);
            }
        }
        return map;
    }

    @Test
    @DisplayName(
            "every scope, the user-disable sign-out and the privilege grant: actor, privilege, reason, affected, request id")
    void everythingIsAudited() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        realm.user("bob");
        realm.user("carol");
        SignOutApi.Admin auth = api.newAdmin("AUTH_ADMINISTRATOR@" + realm.name());
        SignOutApi.Admin users = api.newAdmin("USER_ADMINISTRATOR@" + realm.name());
        SignedIn alice1 = SignedIn.login(realm, web, "alice");
        SignedIn.login(realm, web, "alice");
        SignedIn bob = SignedIn.login(realm, web, "bob");
        SignedIn carol = SignedIn.login(realm, web, "carol");
        curfew.clock().advance(Duration.ofSeconds(1));

        String session = signOut(realm, auth, sessionScope(alice1.sid()), "lost phone", "req-session");
        String user = signOut(realm, auth, userScope(alice1.userId()), "account terminated", "req-user");
        String filter = signOut(realm, auth, filterScope(Map.of("userIds", List.of(bob.userId()))), "shared", "r-f");
        String client = signOut(realm, auth, clientScope("web"), "secret leaked", "req-client");
        api.awaitCompleted(realm.name(), client);
        curfew.clock().advance(Duration.ofSeconds(1));
        SignedIn.login(realm, web, "carol");
        curfew.clock().advance(Duration.ofSeconds(1));
        String wholeRealm = signOut(realm, auth, realmScope(), "incident", "req-realm");
        api.awaitCompleted(realm.name(), wholeRealm);
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + carol.userId(),
                        Map.of("enabled", false),
                        TestCurfew.bearer(users.token())),
                204);

        List<JsonNode> log = entries(realm.name(), "");
        Map<String, JsonNode> audited = bySignOut(log);
        Map<String, Long> affected = Map.of(session, 1L, user, 1L, filter, 1L, client, 1L, wholeRealm, 2L);
        affected.forEach((id, count) -> {
            JsonNode entry = audited.get(id);
            assertThat(entry).as("audit entry of sign-out %s", id).isNotNull();
            assertThat(entry.get("actor").get("id").asText()).isEqualTo(auth.id());
            assertThat(entry.get("actor").get("username").asText()).isEqualTo(auth.username());
            assertThat(entry.get("privilege").asText()).isEqualTo("AUTH_ADMINISTRATOR");
            assertThat(entry.get("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.get("affected").asLong())
                    .as("sessions affected by %s, as the history says", id)
                    .isEqualTo(count)
                    .isEqualTo(api.get("/admin/realms/" + realm.name() + "/sign-outs/" + id)
                            .get("affectedSessions")
                            .asLong());
        });
        assertThat(audited.get(session).get("reason").asText()).isEqualTo("lost phone");
        assertThat(audited.get(session).get("requestId").asText()).isEqualTo("req-session");
        assertThat(audited.get(wholeRealm).get("requestId").asText()).isEqualTo("req-realm");
        JsonNode disabled = log.stream()
                .filter(e -> e.get("reason").asText().equals("Account disabled")
                        && e.get("action").asText().equals("sign-out"))
                .findFirst()
                .orElseThrow();
        assertThat(disabled.get("reason").asText()).isEqualTo("Account disabled");
        assertThat(disabled.get("privilege").asText()).isEqualTo("USER_ADMINISTRATOR");
        assertThat(disabled.get("actor").get("id").asText()).isEqualTo(users.id());
        assertThat(disabled.get("detail").get("scope").asText()).isEqualTo("user");
        assertThat(verification(realm.name()).get("intact").asBoolean()).isTrue();

        List<JsonNode> grants = entries("master", "&action=privileges");
        JsonNode grant = grants.stream()
                .filter(e -> e.get("detail").get("userId").asText().equals(auth.id()))
                .findFirst()
                .orElseThrow();
        assertThat(grant.get("privilege").asText()).isEqualTo("SYSTEM_ADMINISTRATOR");
        assertThat(grant.get("actor").get("username").asText()).isEqualTo(TestCurfew.ADMIN_USER);
        assertThat(grant.get("reason").asText()).isEqualTo("onboarding");
        assertThat(grant.get("affected").asLong()).isEqualTo(1);
        assertThat(grant.get("detail").get("after").get(0).asText()).isEqualTo("AUTH_ADMINISTRATOR@" + realm.name());
        assertThat(verification("master").get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("regression: the verification of an intact chain left out firstBrokenSeq and problem; both are"
            + " there, null")
    void intactVerificationHasEveryField() {
        TestRealm realm = withFourEntries();

        JsonNode v = verification(realm.name());

        assertThat(v.get("intact").asBoolean()).isTrue();
        assertThat(v.get("entriesChecked").asLong()).isPositive();
        assertThat(v.has("firstBrokenSeq")).isTrue();
        assertThat(v.get("firstBrokenSeq").isNull()).isTrue();
        assertThat(v.has("problem")).isTrue();
        assertThat(v.get("problem").isNull()).isTrue();
    }

    @Test
    @DisplayName("regression: a sign-out's scopeDetail was JSON text inside the JSON; it is an object, as written")
    void scopeDetailIsAnObject() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("gil");
        SignedIn.login(realm, web, "gil");
        String id = api.signOut(realm.name(), filterScope(Map.of("ip", "127.0.0.0/8")), "office network")
                .get("id")
                .asText();

        JsonNode detail =
                bySignOut(entries(realm.name(), "&action=sign-out")).get(id).get("detail");

        assertThat(detail.get("scopeDetail").isObject())
                .as("scopeDetail in %s", detail)
                .isTrue();
        assertThat(detail.get("scopeDetail").get("filter").get("ip").asText()).isEqualTo("127.0.0.0/8");
        assertThat(detail.get("scopeDetail").get("filter").has("ipRange")).isFalse();
        assertThat(verification(realm.name()).get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("regression: a user sign-out's entry said 0 sessions affected; it carries the sign-out's final count")
    void cutOffEntryCarriesTheFinalCount() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("hugo");
        SignedIn hugo = SignedIn.login(realm, web, "hugo");
        SignedIn.login(realm, web, "hugo");
        curfew.clock().advance(Duration.ofSeconds(1));
        String id = api.signOut(realm.name(), userScope(hugo.userId()), "contract ended")
                .get("id")
                .asText();
        api.awaitCompleted(realm.name(), id);

        JsonNode entry = entries(realm.name(), "&action=sign-out").stream()
                .filter(e -> e.get("detail").get("signOutId").asText().equals(id))
                .findFirst()
                .orElseThrow();

        assertThat(entry.get("affected").asLong())
                .as("the entry as stored and hashed: written before anything was counted")
                .isZero();
        assertThat(entry.get("signOut").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(entry.get("signOut").get("affectedSessions").asLong()).isEqualTo(2);
        assertThat(entry.get("signOut").get("id").asText()).isEqualTo(id);
    }

    @Test
    @DisplayName("an entry changed in the database breaks the chain at its seq")
    void alteredEntryIsFound() throws SQLException {
        TestRealm realm = withFourEntries();
        assertThat(verification(realm.name()).get("intact").asBoolean()).isTrue();

        sql("UPDATE audit_log SET reason = 'routine check' WHERE realm_id = ? AND seq = 2", realm);

        JsonNode v = verification(realm.name());
        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("firstBrokenSeq").asLong()).isEqualTo(2);
        assertThat(v.get("problem").asText()).contains("altered");
    }

    @Test
    @DisplayName("an entry removed from the database breaks the chain at the missing seq")
    void removedEntryIsFound() throws SQLException {
        TestRealm realm = withFourEntries();

        sql("DELETE FROM audit_log WHERE realm_id = ? AND seq = 3", realm);

        JsonNode v = verification(realm.name());
        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("firstBrokenSeq").asLong()).isEqualTo(3);
        assertThat(v.get("problem").asText()).contains("missing");
    }

    @Test
    @DisplayName("an entry changed and re-hashed breaks the chain at the next entry, whose link no longer fits")
    void rehashedEntryIsFound() throws SQLException {
        TestRealm realm = withFourEntries();
        AuditEntry original = curfew.services()
                .store()
                .audit()
                .range(realm.realm().id(), 2, 1)
                .get(0);
        AuditEntry forged = new AuditEntry(
                original.seq(),
                original.realmId(),
                original.at(),
                original.actorId(),
                original.actorUsername(),
                original.privilege(),
                original.action(),
                "routine check",
                original.detail(),
                original.affected(),
                original.requestId(),
                original.sourceIp(),
                original.prevHash(),
                "");
        String forgedHash = AuditChain.hash(forged);

        sql(
                "UPDATE audit_log SET reason = 'routine check', hash = '" + forgedHash
                        + "' WHERE realm_id = ? AND seq = 2",
                realm);

        JsonNode v = verification(realm.name());
        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("firstBrokenSeq").asLong()).isEqualTo(3);
        assertThat(v.get("problem").asText()).contains("does not link");
    }

    private String signOut(
            TestRealm realm, SignOutApi.Admin admin, Map<String, Object> scope, String reason, String requestId) {
        return TestCurfew.json(expect(
                        api.postAs(
                                SignOutApi.token(admin.token()),
                                realm.name(),
                                body(scope, reason),
                                "X-Request-Id",
                                requestId),
                        201))
                .get("id")
                .asText();
    }

    private static TestRealm withFourEntries() {
        TestRealm realm = TestRealm.create(curfew);
        realm.user("dave");
        ConfidentialClient web = realm.confidentialClient("web");
        SignedIn dave = SignedIn.login(realm, web, "dave");
        for (String reason : List.of("one", "two", "three", "four")) {
            api.signOut(realm.name(), userScope(dave.userId()), reason);
        }
        assertThat(entries(realm.name(), "")).hasSizeGreaterThanOrEqualTo(4);
        return realm;
    }

    private static void sql(String statement, TestRealm realm) throws SQLException {
        try (Connection c = DriverManager.getConnection(curfew.dbUrl(), "sa", "");
                PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, realm.realm().id());
            assertThat(s.executeUpdate()).as(statement).isEqualTo(1);
        }
    }
}
