package dev.curfew.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Maintenance windows: new sign-ins refused while one is in force, administrators excepted, existing"
        + " sessions untouched")
class MaintenanceTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String path(String realm) {
        return "/admin/realms/" + realm + "/maintenance";
    }

    static HttpResponse<String> set(String realm, Map<String, Object> body) {
        return curfew.putJson(path(realm), body, TestCurfew.bearer(curfew.adminToken()));
    }

    static HttpResponse<String> passwordGrant(TestRealm realm, ConfidentialClient cli, String username) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", username, "password", TestRealm.PASSWORD),
                cli.basicHeader());
    }

    @Test
    @DisplayName("before, during and after the window: logins and the password grant refused only during it, with the"
            + " message and Retry-After; a session from before keeps refreshing")
    void beforeDuringAfter() {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        ConfidentialClient cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true));
        realm.user("alice");
        Instant now = curfew.clock().instant();
        Instant start = now.plus(Duration.ofMinutes(10));
        Instant end = now.plus(Duration.ofMinutes(70));
        HttpResponse<String> response = set(
                realm.name(),
                Map.of("start", start.toString(), "end", end.toString(), "message", "Database upgrade", "reason", "r"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestCurfew.json(response).get("inForce").asBoolean()).isFalse();

        JsonNode before = OidcFlow.signIn(curfew.browser(), realm, web, "alice");
        assertThat(passwordGrant(realm, cli, "alice").statusCode()).isEqualTo(200);

        curfew.clock().advance(Duration.ofMinutes(10));
        HttpResponse<String> login = OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "alice");
        assertThat(login.statusCode()).isEqualTo(503);
        assertThat(login.body()).contains("Database upgrade");
        assertThat(login.headers().firstValue("Retry-After")).hasValue("3600");
        HttpResponse<String> grant = passwordGrant(realm, cli, "alice");
        assertThat(grant.statusCode()).isEqualTo(503);
        assertThat(TestCurfew.json(grant).get("error").asText()).isEqualTo("temporarily_unavailable");
        HttpResponse<String> refresh =
                OidcFlow.refresh(realm, web, before.get("refresh_token").asText());
        assertThat(refresh.statusCode()).as("a session from before refreshes").isEqualTo(200);
        JsonNode shown = TestCurfew.json(curfew.get(path(realm.name()), TestCurfew.bearer(curfew.adminToken())));
        assertThat(shown.get("inForce").asBoolean()).isTrue();

        curfew.clock().advance(Duration.ofMinutes(60));
        assertThat(OidcFlow.login(curfew.browser(), realm, OidcFlow.authParams("web"), "alice")
                        .statusCode())
                .isEqualTo(302);
    }

    @Test
    @DisplayName("in the master realm an administrator still signs in, a user without privileges does not; clearing"
            + " it lets everyone in again and is audited")
    void administratorsAreExempt() {
        TestRealm master = TestRealm.existing(curfew, Realm.MASTER);
        master.confidentialClient("mw-web");
        User admin = master.user("mw-admin");
        master.user("mw-plain");
        curfew.services().store().privileges().grant(new PrivilegeGrant(admin.id(), Privilege.AUDITOR, "demo"));
        String token = curfew.adminToken();
        assertThat(set(Realm.MASTER, Map.of("message", "Moving to new hardware", "reason", "move"))
                        .statusCode())
                .isEqualTo(200);
        try {
            assertThat(OidcFlow.login(curfew.browser(), master, OidcFlow.authParams("mw-web"), "mw-admin")
                            .statusCode())
                    .isEqualTo(302);
            assertThat(OidcFlow.login(curfew.browser(), master, OidcFlow.authParams("mw-web"), "mw-plain")
                            .statusCode())
                    .isEqualTo(503);
        } finally {
            HttpResponse<String> cleared = curfew.delete(path(Realm.MASTER) + "?reason=done", TestCurfew.bearer(token));
            assertThat(cleared.statusCode()).isEqualTo(204);
        }
        assertThat(OidcFlow.login(curfew.browser(), master, OidcFlow.authParams("mw-web"), "mw-plain")
                        .statusCode())
                .isEqualTo(302);
        JsonNode audit = TestCurfew.json(curfew.get(
                "/admin/realms/master/audit?action=maintenance.cleared", TestCurfew.bearer(curfew.adminToken())));
        assertThat(audit.get("entries").get(0).get("reason").asText()).isEqualTo("done");
    }

    @Test
    @DisplayName("the API names what is wrong: no message, an end before the start, a bad time, no reason; 404 without"
            + " a window")
    void validation() {
        TestRealm realm = TestRealm.create(curfew);
        String t = curfew.clock().instant().toString();

        assertThat(set(realm.name(), Map.of("reason", "r")).body()).contains("\"message\"");
        assertThat(set(realm.name(), Map.of("message", "m", "reason", "r", "start", t, "end", t))
                        .body())
                .contains("\"end\"");
        assertThat(set(realm.name(), Map.of("message", "m", "reason", "r", "start", "tomorrow"))
                        .body())
                .contains("\"start\"");
        assertThat(set(realm.name(), Map.of("message", "m")).statusCode()).isEqualTo(400);
        assertThat(curfew.get(path(realm.name()), TestCurfew.bearer(curfew.adminToken()))
                        .statusCode())
                .isEqualTo(404);
        assertThat(curfew.delete(path(realm.name()) + "?reason=x", TestCurfew.bearer(curfew.adminToken()))
                        .statusCode())
                .isEqualTo(404);
    }
}
