package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.PASSWORD;
import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.TestCurfew;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: users (/admin/realms/{realm}/users)")
class UserEndpointsTest {
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

    static String users(String realm) {
        return "/admin/realms/" + realm + "/users";
    }

    static List<String> usernames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    @Nested
    @DisplayName("POST .../users")
    class Create {
        @Test
        @DisplayName("creates a user whose password works, and answers 201 with the user's Location")
        void createsAUserWhosePasswordWorks() {
            String realm = api.newRealm();
            var response = expect(
                    api.post(
                            users(realm),
                            Map.of(
                                    "username", "Alice",
                                    "email", "alice@example.com",
                                    "firstName", "Alice",
                                    "lastName", "Liddell",
                                    "credentials", List.of(Map.of("type", "password", "value", PASSWORD)))),
                    201);

            String id = json(response).get("id").asText();
            assertThat(response.headers().firstValue("Location")).hasValue(curfew.baseUrl() + users(realm) + "/" + id);
            JsonNode user = json(expect(api.get(users(realm) + "/" + id), 200));
            assertThat(user.get("username").asText()).isEqualTo("alice");
            assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
            assertThat(user.get("enabled").asBoolean()).isTrue();
            assertThat(user.has("credentials")).isFalse();
            assertThat(api.loginToken(realm, AdminApi.CLI, "alice")).isNotBlank();
        }

        @Test
        @DisplayName("answers 409 for a username that exists in any letter case")
        void answersConflictForDuplicateUsername() {
            String realm = api.newRealm();
            api.createUser(realm, "bob");

            problem(api.post(users(realm), Map.of("username", "BOB")), 409);
        }

        @Test
        @DisplayName("refuses a weak password and names the credential's value")
        void refusesAWeakPassword() {
            String realm = api.newRealm();
            var response = api.post(
                    users(realm),
                    Map.of("username", "weak", "credentials", List.of(Map.of("type", "password", "value", "short"))));

            assertThat(invalidFields(response)).containsExactly("credentials[0].value");
            assertThat(json(expect(api.get(users(realm) + "?username=weak"), 200)))
                    .isEmpty();
        }

        @Test
        @DisplayName("names every invalid field at once: username, email and a required action")
        void namesEveryInvalidField() {
            String realm = api.newRealm();
            var response = api.post(
                    users(realm),
                    Map.of(
                            "username", "has space",
                            "email", "not-an-address",
                            "requiredActions", List.of("TERMS_AND_CONDITIONS")));

            assertThat(invalidFields(response)).containsExactlyInAnyOrder("username", "email", "requiredActions[0]");
        }

        @Test
        @DisplayName("answers 401 without a token, 403 to a session viewer, 404 for an unknown realm")
        void checksTheCallerFirst() {
            String realm = api.newRealm();
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

            problem(curfew.postJson(users(realm), Map.of("username", "x")), 401);
            problem(curfew.postJson(users(realm), Map.of("username", "x"), TestCurfew.bearer(viewer)), 403);
            problem(api.post(users("does-not-exist"), Map.of("username", "x")), 404);
        }
    }

    @Nested
    @DisplayName("GET .../users, .../users/count and .../users/{id}")
    class Read {
        @Test
        @DisplayName("searches by part of any name, matches username and email exactly, and pages")
        void searchesAndPages() {
            String realm = api.newRealm();
            for (String name : List.of("anna", "annabel", "bert", "carl")) {
                expect(api.post(users(realm), Map.of("username", name, "email", name + "@example.com")), 201);
            }

            assertThat(usernames(json(api.get(users(realm) + "?search=ANN")))).containsExactly("anna", "annabel");
            assertThat(usernames(json(api.get(users(realm) + "?username=anna&exact=true"))))
                    .containsExactly("anna");
            assertThat(usernames(json(api.get(users(realm) + "?email=BERT@example.com"))))
                    .containsExactly("bert");
            assertThat(usernames(json(api.get(users(realm) + "?first=1&max=2"))))
                    .containsExactly("annabel", "bert");
            assertThat(json(api.get(users(realm) + "/count")).asLong()).isEqualTo(4);
            assertThat(json(api.get(users(realm) + "/count?search=ann")).asLong())
                    .isEqualTo(2);
        }

        @Test
        @DisplayName("names first and max when they are out of range or not numbers")
        void namesBadPaging() {
            String realm = api.newRealm();

            assertThat(invalidFields(api.get(users(realm) + "?max=5000"))).containsExactly("max");
            assertThat(invalidFields(api.get(users(realm) + "?first=-1&max=x")))
                    .containsExactlyInAnyOrder("first", "max");
            assertThat(invalidFields(api.get(users(realm) + "?first=-1"))).containsExactly("first");
        }

        @Test
        @DisplayName("lets a session viewer of the realm read users, but not of another realm")
        void letsASessionViewerRead() {
            String realm = api.newRealm();
            String other = api.newRealm();
            String id = api.createUser(realm, "dora");
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

            expect(curfew.get(users(realm), TestCurfew.bearer(viewer)), 200);
            expect(curfew.get(users(realm) + "/" + id, TestCurfew.bearer(viewer)), 200);
            problem(curfew.get(users(other), TestCurfew.bearer(viewer)), 403);
            problem(curfew.get(users("master"), TestCurfew.bearer(viewer)), 403);
            problem(curfew.get(users(realm) + "/count", TestCurfew.bearer(api.tokenWith("AUDITOR@" + realm))), 403);
            problem(curfew.get(users(realm)), 401);
        }

        @Test
        @DisplayName("answers 404 for a user id of another realm")
        void answersNotFoundForAUserOfAnotherRealm() {
            String realm = api.newRealm();
            String other = api.newRealm();
            String id = api.createUser(other, "erin");

            problem(api.get(users(realm) + "/" + id), 404);
        }
    }

    @Nested
    @DisplayName("PUT .../users/{id}")
    class Update {
        @Test
        @DisplayName("changes the given fields, keeps absent ones and clears blank ones")
        void changesGivenFieldsOnly() {
            String realm = api.newRealm();
            String id = json(api.post(
                            users(realm),
                            Map.of("username", "fay", "email", "fay@example.com", "firstName", "Fay", "lastName", "F")))
                    .get("id")
                    .asText();

            expect(api.put(users(realm) + "/" + id, Map.of("firstName", "Faye", "lastName", "")), 204);

            JsonNode user = json(api.get(users(realm) + "/" + id));
            assertThat(user.get("firstName").asText()).isEqualTo("Faye");
            assertThat(user.has("lastName")).isFalse();
            assertThat(user.get("email").asText()).isEqualTo("fay@example.com");
        }

        @Test
        @DisplayName("refuses to change a username and names the field")
        void refusesToChangeTheUsername() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "gus");

            assertThat(invalidFields(api.put(users(realm) + "/" + id, Map.of("username", "gustav"))))
                    .containsExactly("username");
            expect(api.put(users(realm) + "/" + id, Map.of("username", "GUS")), 204);
        }

        @Test
        @DisplayName("disabling a user makes their tokens and sessions invalid at once")
        void disablingAUserEndsTheirSessionsAtOnce() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "hank");
            JsonNode tokens = api.login(realm, AdminApi.CLI, "hank");
            String userinfo = "/realms/" + realm + "/protocol/openid-connect/userinfo";
            expect(
                    curfew.get(
                            userinfo,
                            TestCurfew.bearer(tokens.get("access_token").asText())),
                    200);
            assertThat(json(api.get(users(realm) + "/" + id + "/sessions"))).hasSize(1);

            expect(api.put(users(realm) + "/" + id, Map.of("enabled", false)), 204);

            expect(
                    curfew.get(
                            userinfo,
                            TestCurfew.bearer(tokens.get("access_token").asText())),
                    401);
            var refresh = curfew.postForm(
                    "/realms/" + realm + "/protocol/openid-connect/token",
                    Map.of(
                            "grant_type",
                            "refresh_token",
                            "client_id",
                            AdminApi.CLI,
                            "refresh_token",
                            tokens.get("refresh_token").asText()));
            assertThat(refresh.statusCode()).isEqualTo(400);
            assertThat(json(refresh).get("error").asText()).isEqualTo("invalid_grant");
            assertThat(json(api.get(users(realm) + "/" + id + "/sessions"))).isEmpty();
            assertThatThrownBy(() -> api.login(realm, AdminApi.CLI, "hank")).hasMessageContaining("400");
        }

        @Test
        @DisplayName("enabling the user again does not bring back the sessions and tokens that disabling ended")
        void reEnablingDoesNotResurrectSessions() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "hilda");
            JsonNode tokens = api.login(realm, AdminApi.CLI, "hilda");
            String userinfo = "/realms/" + realm + "/protocol/openid-connect/userinfo";

            expect(api.put(users(realm) + "/" + id, Map.of("enabled", false)), 204);
            curfew.clock().advance(java.time.Duration.ofSeconds(2));
            expect(api.put(users(realm) + "/" + id, Map.of("enabled", true)), 204);

            expect(
                    curfew.get(
                            userinfo,
                            TestCurfew.bearer(tokens.get("access_token").asText())),
                    401);
            assertThat(json(api.get(users(realm) + "/" + id)).get("notBefore").asLong())
                    .isPositive();
            String fresh = api.loginToken(realm, AdminApi.CLI, "hilda");
            expect(curfew.get(userinfo, TestCurfew.bearer(fresh)), 200);
        }

        @Test
        @DisplayName("a password in credentials is set as by reset-password")
        void setsAPasswordFromCredentials() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "holly");
            String newPassword = "another long passphrase";

            expect(
                    api.put(
                            users(realm) + "/" + id,
                            Map.of("credentials", List.of(Map.of("type", "password", "value", newPassword)))),
                    204);

            assertThat(curfew.passwordToken(realm, AdminApi.CLI, "holly", newPassword)
                            .get("access_token"))
                    .isNotNull();
            assertThat(invalidFields(
                            api.put(users(realm) + "/" + id, Map.of("credentials", List.of(Map.of("value", "short"))))))
                    .containsExactly("credentials[0].value");
        }

        @Test
        @DisplayName("refuses to let an administrator disable their own account")
        void refusesToDisableOneself() {
            AdminApi.Admin me = api.newAdmin("USER_ADMINISTRATOR@master");

            var response = curfew.putJson(
                    users("master") + "/" + me.id(), Map.of("enabled", false), TestCurfew.bearer(me.token()));

            assertThat(invalidFields(response)).containsExactly("enabled");
            problem(curfew.delete(users("master") + "/" + me.id(), TestCurfew.bearer(me.token())), 400);
        }

        @Test
        @DisplayName("answers 403 to a session viewer and 404 for an unknown user")
        void checksPrivilegeAndExistence() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "ivy");
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);

            problem(curfew.putJson(users(realm) + "/" + id, Map.of("enabled", false), TestCurfew.bearer(viewer)), 403);
            problem(api.put(users(realm) + "/no-such-id", Map.of("enabled", false)), 404);
            problem(curfew.putJson(users(realm) + "/" + id, Map.of("enabled", false)), 401);
        }
    }

    @Nested
    @DisplayName("PUT .../users/{id}/reset-password")
    class ResetPassword {
        @Test
        @DisplayName("sets a new password: the new one works and the old one no longer does")
        void setsANewPassword() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "jack");
            String newPassword = "an entirely new passphrase";

            expect(
                    api.put(
                            users(realm) + "/" + id + "/reset-password",
                            Map.of("type", "password", "value", newPassword, "temporary", false)),
                    204);

            assertThat(curfew.passwordToken(realm, AdminApi.CLI, "jack", newPassword)
                            .get("access_token"))
                    .isNotNull();
            assertThatThrownBy(() -> api.login(realm, AdminApi.CLI, "jack")).hasMessageContaining("400");
        }

        @Test
        @DisplayName("refuses a password the policy rejects and names the value")
        void refusesAWeakPassword() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "kim");

            var response =
                    api.put(users(realm) + "/" + id + "/reset-password", Map.of("type", "password", "value", "1234"));

            assertThat(invalidFields(response)).containsExactly("value");
        }

        @Test
        @DisplayName("answers 401, 403 to a session viewer, and 404 for an unknown user")
        void checksCallerAndUser() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "lou");
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm);
            Map<String, String> body = Map.of("type", "password", "value", "long enough password");

            problem(curfew.putJson(users(realm) + "/" + id + "/reset-password", body), 401);
            problem(curfew.putJson(users(realm) + "/" + id + "/reset-password", body, TestCurfew.bearer(viewer)), 403);
            problem(api.put(users(realm) + "/no-such-id/reset-password", body), 404);
        }
    }

    @Nested
    @DisplayName("DELETE .../users/{id}")
    class Delete {
        @Test
        @DisplayName("deletes the user, after which their token no longer works")
        void deletesTheUser() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "max");
            String token = api.loginToken(realm, AdminApi.CLI, "max");

            expect(api.delete(users(realm) + "/" + id), 204);

            problem(api.get(users(realm) + "/" + id), 404);
            expect(curfew.get("/realms/" + realm + "/protocol/openid-connect/userinfo", TestCurfew.bearer(token)), 401);
        }

        @Test
        @DisplayName("answers 401, 403 to a client administrator, and 404 for an unknown user")
        void checksCallerAndUser() {
            String realm = api.newRealm();
            String id = api.createUser(realm, "ned");
            String clientAdmin = api.tokenWith("CLIENT_ADMINISTRATOR@" + realm);

            problem(curfew.delete(users(realm) + "/" + id), 401);
            problem(curfew.delete(users(realm) + "/" + id, TestCurfew.bearer(clientAdmin)), 403);
            problem(api.delete(users(realm) + "/no-such-id"), 404);
        }
    }
}
