package dev.curfew.server.admin.signout;

import static dev.curfew.server.testing.SignOutApi.body;
import static dev.curfew.server.testing.SignOutApi.expect;
import static dev.curfew.server.testing.SignOutApi.problem;
import static dev.curfew.server.testing.SignOutApi.realmScope;
import static dev.curfew.server.testing.SignOutApi.sessionScope;
import static dev.curfew.server.testing.SignOutApi.userScope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.SignOutApi;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every sign-out and cut-off needs AUTH_ADMINISTRATOR for that realm")
class SignOutPrivilegesTest {
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

    /** Every call that signs out or writes a cut-off in {@code realm}, made with the given headers. */
    static Map<String, Function<String[], HttpResponse<String>>> signOutCalls(String realm, SignedIn victim) {
        String base = "/admin/realms/" + realm;
        Map<String, Function<String[], HttpResponse<String>>> calls = new LinkedHashMap<>();
        calls.put("POST sign-outs (realm)", h -> curfew.postJson(base + "/sign-outs", body(realmScope(), "x"), h));
        calls.put(
                "POST sign-outs (user)",
                h -> curfew.postJson(base + "/sign-outs", body(userScope(victim.userId()), "x"), h));
        calls.put(
                "POST sign-outs (dry run)",
                h -> curfew.postJson(base + "/sign-outs", body(sessionScope(victim.sid()), "x", "dryRun", true), h));
        calls.put("POST logout-all", h -> curfew.postJson(base + "/logout-all", "", h));
        calls.put(
                "POST users/{id}/logout", h -> curfew.postJson(base + "/users/" + victim.userId() + "/logout", "", h));
        calls.put("DELETE sessions/{sid}", h -> curfew.delete(base + "/sessions/" + victim.sid(), h));
        calls.put("POST push-revocation", h -> curfew.postJson(base + "/push-revocation", "", h));
        calls.put(
                "PUT realm notBefore",
                h -> curfew.putJson(
                        base, Map.of("notBefore", curfew.clock().instant().getEpochSecond()), h));
        return calls;
    }

    @Test
    @DisplayName(
            "401 without a token; 403 for SESSION_VIEWER, USER_ADMINISTRATOR, AUDITOR and another realm's AUTH_ADMINISTRATOR; nothing changes")
    void everyoneElseIsRefused() {
        TestRealm realm = TestRealm.create(curfew);
        TestRealm otherRealm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");
        Map<String, String[]> refused = new LinkedHashMap<>();
        refused.put("SESSION_VIEWER", TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + realm.name())));
        refused.put("USER_ADMINISTRATOR", TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm.name())));
        refused.put("AUDITOR", TestCurfew.bearer(api.tokenWith("AUDITOR@" + realm.name())));
        refused.put("CLIENT_ADMINISTRATOR", TestCurfew.bearer(api.tokenWith("CLIENT_ADMINISTRATOR@" + realm.name())));
        refused.put(
                "AUTH_ADMINISTRATOR of another realm",
                TestCurfew.bearer(api.tokenWith("AUTH_ADMINISTRATOR@" + otherRealm.name())));
        curfew.clock().advance(Duration.ofSeconds(1));

        signOutCalls(realm.name(), alice).forEach((call, send) -> {
            problem(send.apply(new String[0]), 401);
            problem(send.apply(TestCurfew.bearer("not-a-token")), 401);
            refused.forEach((who, header) -> assertThat(send.apply(header).statusCode())
                    .as("%s as %s", call, who)
                    .isEqualTo(403));
        });
        curfew.clock().advance(Duration.ofSeconds(1));

        alice.assertWorks("alice after every refused call");
        assertThat(api.history(realm.name()).get("total").asLong()).isZero();
        assertThat(api.audit(realm.name()).get("total").asLong()).isZero();
    }

    @Test
    @DisplayName(
            "AUTH_ADMINISTRATOR of the realm (or for all realms) may sign out; SESSION_VIEWER may search but not sign out")
    void authAdministratorMaySignOutAndViewerMaySearch() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        realm.user("alice");
        SignedIn alice = SignedIn.login(realm, web, "alice");
        String viewer = api.tokenWith("SESSION_VIEWER@" + realm.name());
        String sessions = "/admin/realms/" + realm.name() + "/sessions";

        expect(curfew.get(sessions, TestCurfew.bearer(viewer)), 200);
        assertThat(TestCurfew.json(curfew.get(sessions + "?userId=" + alice.userId(), TestCurfew.bearer(viewer)))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        problem(curfew.get(sessions), 401);
        problem(curfew.get(sessions, TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm.name()))), 403);
        problem(api.postAs(SignOutApi.token(viewer), realm.name(), body(sessionScope(alice.sid()), "x")), 403);

        String ofRealm = api.tokenWith("AUTH_ADMINISTRATOR@" + realm.name());
        String everywhere = api.tokenWith("AUTH_ADMINISTRATOR@*");
        expect(
                api.postAs(
                        SignOutApi.token(ofRealm), realm.name(), body(sessionScope(alice.sid()), "x", "dryRun", true)),
                200);
        expect(
                api.postAs(
                        SignOutApi.token(ofRealm),
                        realm.name(),
                        body(userScope(alice.userId()), "by the realm's admin")),
                201);
        expect(
                api.postAs(SignOutApi.token(everywhere), realm.name(), body(realmScope(), "by an admin of all realms")),
                201);
        expect(curfew.get("/admin/realms/" + realm.name() + "/sign-outs", TestCurfew.bearer(ofRealm)), 200);
        assertThat(api.history(realm.name()).get("total").asLong()).isEqualTo(2);
    }
}
