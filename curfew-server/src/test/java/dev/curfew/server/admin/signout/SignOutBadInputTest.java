package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.clientScope;
import static dev.curfew.server.testing.SignOutApi.filterScope;
import static dev.curfew.server.testing.SignOutApi.invalidFields;
import static dev.curfew.server.testing.SignOutApi.problem;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad sign-out input gets an RFC 9457 400 naming the field, and changes nothing")
class SignOutBadInputTest {
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

    @Test
    @DisplayName("each kind of bad input names its field; afterwards every session works and the history is empty")
    void badInputNamesTheFieldAndChangesNothing() {
        TestRealm realm = TestRealm.create(curfew);
        TestRealm otherRealm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        ConfidentialClient otherWeb = otherRealm.confidentialClient("web");
        realm.user("alice");
        otherRealm.user("olga");
        SignedIn alice = SignedIn.login(realm, web, "alice");
        SignedIn olga = SignedIn.login(otherRealm, otherWeb, "olga");
        String r = realm.name();

        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("scope.userId", body(userScope("no-such-user"), "x"));
        cases.put("scope.userId ", body(userScope(olga.userId()), "a user of another realm"));
        cases.put("scope.clientId", body(clientScope("no-such-client"), "x"));
        cases.put("scope.sessionIds", body(sessionScope(alice.sid(), "no-such-session"), "x"));
        cases.put("scope.sessionIds ", body(sessionScope(olga.sid()), "a session of another realm"));
        cases.put("scope.sessionIds  ", body(Map.of("type", "session", "sessionIds", List.of()), "x"));
        cases.put("scope.filter", body(filterScope(Map.of()), "x"));
        cases.put("scope.filter ", body(Map.of("type", "filter"), "x"));
        cases.put("reason", body(sessionScope(alice.sid()), "  "));
        Map<String, Object> noReason = new HashMap<>();
        noReason.put("scope", userScope(alice.userId()));
        cases.put("reason ", noReason);
        cases.put("reason  ", body(userScope(alice.userId()), "x".repeat(1001)));
        cases.put("scope.filter.ip", body(filterScope(Map.of("ip", "10.0.0.0/33")), "x"));
        cases.put("scope.filter.ip ", body(filterScope(Map.of("ip", "example.com")), "x"));
        // A prefix in Arabic-Indic digits: 32 to Integer.parseInt, so the sign-out ran as 1.2.3.4/32.
        cases.put("scope.filter.ip  ", body(filterScope(Map.of("ip", "1.2.3.4/\u0663\u0662")), "x"));
        cases.put("scope.filter.createdBefore", body(filterScope(Map.of("createdBefore", "yesterday")), "x"));
        cases.put("scope.filter.lastActiveBefore", body(filterScope(Map.of("lastActiveBefore", "2026-13-01")), "x"));
        cases.put("scope.filter.userIds", body(filterScope(Map.of("userIds", List.of("nobody"))), "x"));
        cases.put("scope.filter.clientId", body(filterScope(Map.of("clientId", "nobody")), "x"));
        cases.put("scope.type", body(Map.of("type", "planet"), "x"));
        cases.put("scope.type ", Map.of("reason", "no scope"));
        cases.put("id", body(userScope(alice.userId()), "x", "id", "bad id!"));
        cases.put("dryRun", body(userScope(alice.userId()), "x", "dryRun", "maybe"));

        cases.forEach((field, requestBody) -> assertThat(invalidFields(api.post(r, requestBody)))
                .as("invalid-params for %s", requestBody)
                .contains(field.strip()));
        problem(api.post(r, "{\"scope\": {\"type\": \"realm\"}, \"reason\": "), 400);
        problem(api.post(r, "[1, 2]"), 400);
        problem(api.post(r, ""), 400);
        problem(api.post("no-such-realm", body(userScope(alice.userId()), "x")), 404);
        assertThat(invalidFields(
                        api.post(r, body(filterScope(Map.of("ip", "300.1.1.1", "createdAfter", "soon")), "x"))))
                .as("every bad field at once")
                .containsExactlyInAnyOrder("scope.filter.ip", "scope.filter.createdAfter");
        assertThat(invalidFields(curfew.get(
                        "/admin/realms/" + r + "/sessions?ip=10.0.0.0/99&createdBefore=never",
                        TestCurfew.bearer(api.adminToken()))))
                .containsExactlyInAnyOrder("ip", "createdBefore");
        curfew.clock().advance(Duration.ofSeconds(1));

        alice.assertWorks("alice after every refused request");
        olga.assertWorks("olga of the other realm");
        assertThat(api.history(r).get("total").asLong()).isZero();
        assertThat(api.history(otherRealm.name()).get("total").asLong()).isZero();
        assertThat(api.audit(r).get("total").asLong()).isZero();
    }
}
