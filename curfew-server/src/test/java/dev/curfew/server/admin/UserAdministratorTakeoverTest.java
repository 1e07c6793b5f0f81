package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Regression: a {@code USER_ADMINISTRATOR} of the master realm could reset a system administrator's
 * password (and so sign in as them), disable or delete them. Acting on an administrator now needs every
 * privilege they hold; and a grant taken away no longer counts in these checks, even while the token that
 * carries it is still valid.
 */
@DisplayName("Admin API: no privilege escalates through acting on an administrator")
class UserAdministratorTakeoverTest {
    static final String NEW_PASSWORD = "an entirely new passphrase";

    static TestCurfew curfew;
    static AdminApi api;
    static String bootstrapAdminId;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
        api = new AdminApi(curfew);
        bootstrapAdminId = json(api.get(user("") + "?username=" + TestCurfew.ADMIN_USER))
                .get(0)
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    static String user(String id) {
        return "/admin/realms/master/users" + (id.isEmpty() ? "" : "/" + id);
    }

    static HttpResponse<String> resetPassword(String token, String id) {
        return curfew.putJson(
                user(id) + "/reset-password",
                Map.of("type", "password", "value", NEW_PASSWORD, "temporary", false),
                TestCurfew.bearer(token));
    }

    static HttpResponse<String> update(String token, String id, Map<String, Object> body) {
        return curfew.putJson(user(id), body, TestCurfew.bearer(token));
    }

    static HttpResponse<String> delete(String token, String id) {
        return curfew.delete(user(id), TestCurfew.bearer(token));
    }

    static HttpResponse<String> replacePrivileges(String token, String id, String... grants) {
        return curfew.putJson(user(id) + "/privileges", AdminApi.grantsBody(grants), TestCurfew.bearer(token));
    }

    static void assertRefusedAsAdministrator(HttpResponse<String> response) {
        JsonNode problem = problem(response, 403);
        assertThat(problem.get("detail").asText()).contains("holds privileges you do not hold");
    }

    static List<String> grantsOf(String id) {
        return PrivilegeEndpointsTest.grants(json(api.get(user(id) + "/privileges")));
    }

    @Nested
    @DisplayName("a USER_ADMINISTRATOR of master")
    class UserAdministratorOfMaster {
        @Test
        @DisplayName("cannot reset the password of the bootstrap system administrator, who still signs in as before")
        void cannotResetTheBootstrapAdministratorsPassword() {
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@master");

            assertRefusedAsAdministrator(resetPassword(userAdmin, bootstrapAdminId));

            assertThat(curfew.adminToken()).isNotBlank();
        }

        @Test
        @DisplayName("cannot reset a system administrator's password, disable, change or delete them")
        void cannotTakeOverASystemAdministrator() {
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@master");
            AdminApi.Admin root = api.newAdmin("SYSTEM_ADMINISTRATOR@*");

            assertRefusedAsAdministrator(resetPassword(userAdmin, root.id()));
            assertRefusedAsAdministrator(update(userAdmin, root.id(), Map.of("enabled", false)));
            assertRefusedAsAdministrator(update(userAdmin, root.id(), Map.of("email", "attacker@example.com")));
            assertRefusedAsAdministrator(update(
                    userAdmin,
                    root.id(),
                    Map.of("credentials", List.of(Map.of("type", "password", "value", NEW_PASSWORD)))));
            assertRefusedAsAdministrator(delete(userAdmin, root.id()));

            JsonNode stored = json(api.get(user(root.id())));
            assertThat(stored.get("enabled").asBoolean()).isTrue();
            assertThat(stored.has("email")).isFalse();
            expect(curfew.get("/admin/realms", TestCurfew.bearer(root.token())), 200);
            assertThat(api.loginToken("master", "admin-cli", root.username())).isNotBlank();
        }

        @Test
        @DisplayName("cannot act on an administrator holding a privilege for a realm it does not administer")
        void cannotActOnAnAdministratorOfAnotherRealm() {
            String realm = api.newRealm();
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@master");
            AdminApi.Admin auditor = api.newAdmin("AUDITOR@" + realm);

            assertRefusedAsAdministrator(resetPassword(userAdmin, auditor.id()));
            assertRefusedAsAdministrator(delete(userAdmin, auditor.id()));
        }

        @Test
        @DisplayName("still resets, changes, disables and deletes master-realm users who hold no privilege")
        void stillManagesUnprivilegedUsers() {
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@master");
            String plain = api.createUser("master", AdminApi.unique("plain"));

            expect(resetPassword(userAdmin, plain), 204);
            expect(update(userAdmin, plain, Map.of("email", "plain@example.com", "enabled", false)), 204);
            expect(delete(userAdmin, plain), 204);
        }

        @Test
        @DisplayName(
                "acts on a peer holding only USER_ADMINISTRATOR for master: it holds every privilege the peer holds")
        void actsOnAPeer() {
            String userAdmin = api.tokenWith("USER_ADMINISTRATOR@master");
            AdminApi.Admin peer = api.newAdmin("USER_ADMINISTRATOR@master");

            expect(resetPassword(userAdmin, peer.id()), 204);
        }
    }

    @Nested
    @DisplayName("an administrator holding every privilege of the target")
    class Covering {
        @Test
        @DisplayName(
                "may act on them: USER_ADMINISTRATOR@master with AUDITOR for a realm resets an auditor of that realm")
        void mayActWithTheSamePrivileges() {
            String realm = api.newRealm();
            String caller = api.tokenWith("USER_ADMINISTRATOR@master", "AUDITOR@" + realm);
            AdminApi.Admin auditor = api.newAdmin("AUDITOR@" + realm);

            expect(resetPassword(caller, auditor.id()), 204);
            expect(update(caller, auditor.id(), Map.of("enabled", false)), 204);
        }

        @Test
        @DisplayName(
                "may act on them with SYSTEM_ADMINISTRATOR for the target's realm, which includes every privilege there")
        void systemAdministratorOfTheRealmCovers() {
            String realm = api.newRealm();
            String caller = api.tokenWith("USER_ADMINISTRATOR@master", "SYSTEM_ADMINISTRATOR@" + realm);
            AdminApi.Admin viewer = api.newAdmin("SESSION_VIEWER@" + realm, "AUTH_ADMINISTRATOR@" + realm);

            expect(delete(caller, viewer.id()), 204);
        }

        @Test
        @DisplayName("needs a grant for every realm to act on one holding a privilege for every realm")
        void grantForEveryRealmNeedsOneForEveryRealm() {
            String realm = api.newRealm();
            String caller = api.tokenWith("USER_ADMINISTRATOR@master", "SESSION_VIEWER@" + realm);
            AdminApi.Admin everywhere = api.newAdmin("SESSION_VIEWER@*");

            assertRefusedAsAdministrator(resetPassword(caller, everywhere.id()));
        }

        @Test
        @DisplayName("SYSTEM_ADMINISTRATOR of master only cannot act on SYSTEM_ADMINISTRATOR for all realms")
        void systemAdministratorOfMasterOnlyIsNotEnough() {
            String caller = api.tokenWith("SYSTEM_ADMINISTRATOR@master");
            AdminApi.Admin root = api.newAdmin("SYSTEM_ADMINISTRATOR@*");

            assertRefusedAsAdministrator(resetPassword(caller, root.id()));
            assertRefusedAsAdministrator(update(caller, root.id(), Map.of("enabled", false)));
            assertRefusedAsAdministrator(delete(caller, root.id()));
        }
    }

    @Nested
    @DisplayName("privilege grants")
    class Grants {
        @Test
        @DisplayName(
                "a demoted system administrator cannot use the token they still hold to grant themselves their privileges back")
        void demotedAdministratorCannotRestoreThemselves() {
            AdminApi.Admin demoted = api.newAdmin("SYSTEM_ADMINISTRATOR@*");
            expect(api.put(user(demoted.id()) + "/privileges", AdminApi.grantsBody("AUDITOR@master")), 200);

            JsonNode problem = problem(replacePrivileges(demoted.token(), demoted.id(), "SYSTEM_ADMINISTRATOR@*"), 403);

            assertThat(problem.get("detail").asText()).contains("SYSTEM_ADMINISTRATOR@*");
            assertThat(grantsOf(demoted.id())).containsExactly("AUDITOR@master");
        }

        @Test
        @DisplayName(
                "a demoted system administrator cannot demote, reset or disable the administrators who demoted them")
        void demotedAdministratorCannotStrikeBack() {
            AdminApi.Admin demoted = api.newAdmin("SYSTEM_ADMINISTRATOR@*");
            expect(api.put(user(demoted.id()) + "/privileges", AdminApi.grantsBody("USER_ADMINISTRATOR@master")), 200);

            assertRefusedAsAdministrator(replacePrivileges(demoted.token(), bootstrapAdminId));
            assertRefusedAsAdministrator(resetPassword(demoted.token(), bootstrapAdminId));
            assertRefusedAsAdministrator(update(demoted.token(), bootstrapAdminId, Map.of("enabled", false)));

            assertThat(grantsOf(bootstrapAdminId)).containsExactly("SYSTEM_ADMINISTRATOR@*");
            assertThat(curfew.adminToken()).isNotBlank();
        }

        @Test
        @DisplayName("a system administrator for all realms still grants and replaces any privilege")
        void systemAdministratorEverywhereGrantsAnything() {
            AdminApi.Admin root = api.newAdmin("SYSTEM_ADMINISTRATOR@*");
            AdminApi.Admin other = api.newAdmin("AUDITOR@master");

            expect(replacePrivileges(root.token(), other.id(), "SYSTEM_ADMINISTRATOR@*", "AUDITOR@master"), 200);

            assertThat(grantsOf(other.id())).containsExactlyInAnyOrder("SYSTEM_ADMINISTRATOR@*", "AUDITOR@master");
        }
    }
}
