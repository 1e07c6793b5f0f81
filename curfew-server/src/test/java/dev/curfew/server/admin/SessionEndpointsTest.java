package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: sessions of users and clients, client-session-stats")
class SessionEndpointsTest {
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

    /** The internal id of the realm's {@value AdminApi#CLI} client. */
    static String cliId(String realm) {
        return json(api.get("/admin/realms/" + realm + "/clients?clientId=" + AdminApi.CLI))
                .get(0)
                .get("id")
                .asText();
    }

    @Nested
    @DisplayName("GET .../users/{id}/sessions")
    class OfAUser {
        @Test
        @DisplayName("shows each session in Keycloak's shape, with Curfew's user agent and auth methods")
        void showsSessionsInKeycloakShape() {
            String realm = api.newRealm();
            String userId = api.createUser(realm, "olga");
            long before = curfew.clock().millis();
            api.login(realm, AdminApi.CLI, "olga");

            JsonNode sessions = json(expect(api.get("/admin/realms/" + realm + "/users/" + userId + "/sessions"), 200));

            assertThat(sessions).hasSize(1);
            JsonNode session = sessions.get(0);
            assertThat(session.get("id").asText()).isNotBlank();
            assertThat(session.get("username").asText()).isEqualTo("olga");
            assertThat(session.get("userId").asText()).isEqualTo(userId);
            assertThat(session.get("ipAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(session.get("start").asLong()).isGreaterThanOrEqualTo(before);
            assertThat(session.get("lastAccess").asLong())
                    .isGreaterThanOrEqualTo(session.get("start").asLong());
            assertThat(session.get("clients").get(cliId(realm)).asText()).isEqualTo(AdminApi.CLI);
            assertThat(session.get("userAgent").asText()).isNotBlank();
            assertThat(session.get("authMethods").get(0).asText()).isEqualTo("pwd");
        }

        @Test
        @DisplayName("lets a session viewer and a user administrator read, not a client administrator")
        void needsSessionViewerOrUserAdministrator() {
            String realm = api.newRealm();
            String userId = api.createUser(realm, "pia");
            String path = "/admin/realms/" + realm + "/users/" + userId + "/sessions";

            expect(curfew.get(path, TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + realm))), 200);
            expect(curfew.get(path, TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm))), 200);
            problem(curfew.get(path, TestCurfew.bearer(api.tokenWith("CLIENT_ADMINISTRATOR@" + realm))), 403);
            problem(curfew.get(path), 401);
            problem(api.get("/admin/realms/" + realm + "/users/no-such-id/sessions"), 404);
        }
    }

    @Nested
    @DisplayName("GET .../clients/{id}/user-sessions")
    class OfAClient {
        @Test
        @DisplayName("lists the sessions in which the client obtained tokens, newest first, in pages")
        void listsTheClientsSessionsInPages() {
            String realm = api.newRealm();
            api.createUser(realm, "quinn");
            api.createUser(realm, "rita");
            api.login(realm, AdminApi.CLI, "quinn");
            curfew.clock().advance(java.time.Duration.ofSeconds(1));
            api.login(realm, AdminApi.CLI, "rita");
            String path = "/admin/realms/" + realm + "/clients/" + cliId(realm) + "/user-sessions";

            JsonNode all = json(expect(api.get(path), 200));
            JsonNode second = json(expect(api.get(path + "?first=1&max=1"), 200));

            assertThat(all).hasSize(2);
            assertThat(all.get(0).get("username").asText()).isEqualTo("rita");
            assertThat(second).hasSize(1);
            assertThat(second.get(0).get("username").asText()).isEqualTo("quinn");
            assertThat(invalidFields(api.get(path + "?max=1001"))).containsExactly("max");
        }

        @Test
        @DisplayName("answers 403 to a user administrator, 404 for an unknown client, 401 without a token")
        void needsSessionViewer() {
            String realm = api.newRealm();
            String path = "/admin/realms/" + realm + "/clients/" + cliId(realm) + "/user-sessions";

            expect(curfew.get(path, TestCurfew.bearer(api.tokenWith("SESSION_VIEWER@" + realm))), 200);
            problem(curfew.get(path, TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm))), 403);
            problem(api.get("/admin/realms/" + realm + "/clients/no-such-id/user-sessions"), 404);
            problem(curfew.get(path), 401);
        }
    }

    @Nested
    @DisplayName("GET .../client-session-stats")
    class Stats {
        @Test
        @DisplayName("counts sessions per client, as strings like Keycloak, with no offline sessions")
        void countsSessionsPerClient() {
            String realm = api.newRealm();
            api.createUser(realm, "sam");
            api.login(realm, AdminApi.CLI, "sam");
            api.login(realm, AdminApi.CLI, "sam");
            api.createClient(realm, Map.of("clientId", "idle", "publicClient", true));

            JsonNode stats = json(expect(api.get("/admin/realms/" + realm + "/client-session-stats"), 200));

            assertThat(stats).hasSize(1);
            assertThat(stats.get(0).get("id").asText()).isEqualTo(cliId(realm));
            assertThat(stats.get(0).get("clientId").asText()).isEqualTo(AdminApi.CLI);
            assertThat(stats.get(0).get("active").asText()).isEqualTo("2");
            assertThat(stats.get(0).get("offline").asText()).isEqualTo("0");
        }

        @Test
        @DisplayName("answers 403 to a user administrator and for another realm, 404 for an unknown realm")
        void needsSessionViewerOfTheRealm() {
            String realm = api.newRealm();
            String other = api.newRealm();
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

            expect(curfew.get("/admin/realms/" + realm + "/client-session-stats", TestCurfew.bearer(viewer)), 200);
            problem(curfew.get("/admin/realms/" + other + "/client-session-stats", TestCurfew.bearer(viewer)), 403);
            problem(
                    curfew.get(
                            "/admin/realms/" + realm + "/client-session-stats",
                            TestCurfew.bearer(api.tokenWith("USER_ADMINISTRATOR@" + realm))),
                    403);
            problem(api.get("/admin/realms/does-not-exist/client-session-stats"), 404);
            problem(curfew.get("/admin/realms/" + realm + "/client-session-stats"), 401);
        }
    }
}
