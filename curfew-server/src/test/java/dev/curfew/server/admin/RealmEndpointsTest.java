package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.server.testing.TestCurfew;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: realms (/admin/realms)")
class RealmEndpointsTest {
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

    @Nested
    @DisplayName("POST /admin/realms")
    class Create {
        @Test
        @DisplayName("creates a realm with Curfew's defaults and answers 201 with its Location")
        void createsARealmWithDefaultsAndAnswersCreatedWithLocation() {
            String name = AdminApi.unique("created");
            var response = expect(api.post("/admin/realms", Map.of("realm", name, "displayName", "Created")), 201);

            assertThat(response.headers().firstValue("Location")).hasValue(curfew.baseUrl() + "/admin/realms/" + name);
            JsonNode realm = json(api.get("/admin/realms/" + name));
            assertThat(realm.get("realm").asText()).isEqualTo(name);
            assertThat(realm.get("displayName").asText()).isEqualTo("Created");
            assertThat(realm.get("enabled").asBoolean()).isTrue();
            assertThat(realm.get("accessTokenLifespan").asInt()).isEqualTo(300);
            assertThat(realm.get("defaultSignatureAlgorithm").asText()).isEqualTo("RS256");
            expect(curfew.get("/realms/" + name + "/.well-known/openid-configuration"), 200);
        }

        @Test
        @DisplayName("answers 401 without a bearer token")
        void answersUnauthorizedWithoutToken() {
            problem(curfew.postJson("/admin/realms", Map.of("realm", AdminApi.unique("x"))), 401);
        }

        @Test
        @DisplayName("answers 403 to a system administrator of one realm only: a new realm needs the grant for all")
        void answersForbiddenWithoutSystemAdministratorEverywhere() {
            String realm = api.newRealm();
            String token = api.tokenWith("SYSTEM_ADMINISTRATOR@" + realm);

            var response =
                    curfew.postJson("/admin/realms", Map.of("realm", AdminApi.unique("x")), TestCurfew.bearer(token));

            problem(response, 403);
        }

        @Test
        @DisplayName("answers 409 when the name is taken")
        void answersConflictForTakenName() {
            String realm = api.newRealm();

            problem(api.post("/admin/realms", Map.of("realm", realm)), 409);
        }

        @Test
        @DisplayName("names every invalid field: the realm name and each bad lifetime or algorithm")
        void namesEveryInvalidField() {
            Map<String, Object> rep = Map.of(
                    "realm",
                    "no spaces allowed",
                    "accessTokenLifespan",
                    0,
                    "accessCodeLifespan",
                    601,
                    "defaultSignatureAlgorithm",
                    "HS256");

            assertThat(invalidFields(api.post("/admin/realms", rep))).containsExactly("realm");

            Map<String, Object> settings = Map.of(
                    "realm", AdminApi.unique("bad"),
                    "accessTokenLifespan", -5,
                    "ssoSessionIdleTimeout", 7200,
                    "ssoSessionMaxLifespan", 3600,
                    "accessCodeLifespan", 601,
                    "defaultSignatureAlgorithm", "HS256");
            assertThat(invalidFields(api.post("/admin/realms", settings)))
                    .containsExactlyInAnyOrder(
                            "accessTokenLifespan",
                            "ssoSessionIdleTimeout",
                            "accessCodeLifespan",
                            "defaultSignatureAlgorithm");
        }

        @Test
        @DisplayName("names a field of the wrong JSON type instead of failing with 500")
        void namesAFieldOfTheWrongType() {
            var response =
                    api.post("/admin/realms", Map.of("realm", AdminApi.unique("typed"), "accessTokenLifespan", "soon"));

            assertThat(invalidFields(response)).containsExactly("accessTokenLifespan");
        }

        @Test
        @DisplayName("answers 400 to a body that is not JSON")
        void answersBadRequestToMalformedJson() {
            problem(api.post("/admin/realms", "{\"realm\":"), 400);
        }
    }

    @Nested
    @DisplayName("GET /admin/realms and /admin/realms/{realm}")
    class Read {
        @Test
        @DisplayName("shows a realm to an administrator holding any privilege for it")
        void showsTheRealmToAnyPrivilegeHolder() {
            String realm = api.newRealm();
            String token = api.tokenWith("SESSION_VIEWER@" + realm);

            var response = expect(curfew.get("/admin/realms/" + realm, TestCurfew.bearer(token)), 200);

            assertThat(json(response).get("realm").asText()).isEqualTo(realm);
        }

        @Test
        @DisplayName("lists only the realms the caller holds a privilege in")
        void listsOnlyRealmsTheCallerMaySee() {
            String mine = api.newRealm();
            api.newRealm();
            String token = api.tokenWith("AUDITOR@" + mine);

            JsonNode realms = json(expect(curfew.get("/admin/realms", TestCurfew.bearer(token)), 200));

            List<String> names = new ArrayList<>();
            realms.forEach(r -> names.add(r.get("realm").asText()));
            assertThat(names).containsExactly(mine);
        }

        @Test
        @DisplayName("answers 403 for another realm and for master to an administrator of one realm")
        void isolatesRealms() {
            String mine = api.newRealm();
            String other = api.newRealm();
            String token = api.tokenWith("USER_ADMINISTRATOR@" + mine);

            problem(curfew.get("/admin/realms/" + other, TestCurfew.bearer(token)), 403);
            problem(curfew.get("/admin/realms/master", TestCurfew.bearer(token)), 403);
        }

        @Test
        @DisplayName("answers 403, not 404, for an unknown realm when the caller has no grant for that name")
        void doesNotRevealWhetherARealmExists() {
            String mine = api.newRealm();
            String token = api.tokenWith("USER_ADMINISTRATOR@" + mine);

            problem(curfew.get("/admin/realms/does-not-exist", TestCurfew.bearer(token)), 403);
            problem(api.get("/admin/realms/does-not-exist"), 404);
        }

        @Test
        @DisplayName("answers 401 without a token")
        void answersUnauthorizedWithoutToken() {
            problem(curfew.get("/admin/realms/master"), 401);
        }
    }

    @Nested
    @DisplayName("PUT /admin/realms/{realm}")
    class Update {
        @Test
        @DisplayName("changes the given fields, keeps absent ones, and rotates to a key of a new algorithm")
        void changesGivenFieldsAndKeepsOthers() {
            String realm = api.newRealm();

            expect(
                    api.put(
                            "/admin/realms/" + realm,
                            Map.of(
                                    "accessTokenLifespan",
                                    120,
                                    "displayName",
                                    "Renamed",
                                    "defaultSignatureAlgorithm",
                                    "ES256")),
                    204);

            JsonNode rep = json(api.get("/admin/realms/" + realm));
            assertThat(rep.get("accessTokenLifespan").asInt()).isEqualTo(120);
            assertThat(rep.get("displayName").asText()).isEqualTo("Renamed");
            assertThat(rep.get("ssoSessionIdleTimeout").asInt()).isEqualTo(1800);
            assertThat(rep.get("defaultSignatureAlgorithm").asText()).isEqualTo("ES256");
            JsonNode certs = json(curfew.get("/realms/" + realm + "/protocol/openid-connect/certs"));
            List<String> types = new ArrayList<>();
            certs.get("keys").forEach(k -> types.add(k.get("kty").asText()));
            assertThat(types).contains("EC");
        }

        @Test
        @DisplayName("refuses a rename and names the realm field")
        void refusesARename() {
            String realm = api.newRealm();

            assertThat(invalidFields(api.put("/admin/realms/" + realm, Map.of("realm", realm + "-new"))))
                    .containsExactly("realm");
        }

        @Test
        @DisplayName("a realm shows twoFactorRequired off by default, and keeps the value an update gives")
        void realmRepresentationCarriesThePolicy() {
            String name = api.newRealm();
            assertThat(json(api.get("/admin/realms/" + name))
                            .get("twoFactorRequired")
                            .asText())
                    .isEqualTo("off");

            expect(api.put("/admin/realms/" + name, Map.of("twoFactorRequired", "administrators")), 204);

            assertThat(json(api.get("/admin/realms/" + name))
                            .get("twoFactorRequired")
                            .asText())
                    .isEqualTo("administrators");
            assertThat(curfew.services()
                            .realms()
                            .find(name)
                            .orElseThrow()
                            .settings()
                            .twoFactorRequired())
                    .isEqualTo(TwoFactorPolicy.ADMINISTRATORS);
        }

        @Test
        @DisplayName("an unknown twoFactorRequired value is a problem naming the field, on update and on create")
        void unknownValueNamesTheField() {
            String name = api.newRealm();
            assertThat(invalidFields(api.put("/admin/realms/" + name, Map.of("twoFactorRequired", "sometimes"))))
                    .containsExactly("twoFactorRequired");
            assertThat(invalidFields(api.post(
                            "/admin/realms", Map.of("realm", AdminApi.unique("tf"), "twoFactorRequired", "ALWAYS"))))
                    .containsExactly("twoFactorRequired");
        }

        @Test
        @DisplayName("a realm shows sessionLimits without a limit by default, and keeps the values an update gives")
        void realmRepresentationCarriesSessionLimits() {
            String name = api.newRealm();
            JsonNode before = json(api.get("/admin/realms/" + name)).get("sessionLimits");
            assertThat(before.get("maxPerUser").asInt()).isZero();
            assertThat(before.get("whenExceeded").asText()).isEqualTo("refuse");

            expect(
                    api.put(
                            "/admin/realms/" + name,
                            Map.of("sessionLimits", Map.of("maxPerUser", 3, "whenExceeded", "end-oldest"))),
                    204);
            expect(api.put("/admin/realms/" + name, Map.of("sessionLimits", Map.of("maxPerUser", 2))), 204);

            JsonNode after = json(api.get("/admin/realms/" + name)).get("sessionLimits");
            assertThat(after.get("maxPerUser").asInt()).isEqualTo(2);
            assertThat(after.get("whenExceeded").asText())
                    .as("an absent field keeps its value")
                    .isEqualTo("end-oldest");
            assertThat(curfew.services()
                            .realms()
                            .find(name)
                            .orElseThrow()
                            .settings()
                            .sessionLimits())
                    .isEqualTo(new SessionLimits(2, 0, SessionLimits.WhenExceeded.END_OLDEST));
        }

        @Test
        @DisplayName("a negative sessionLimits.maxPerUser or an unknown whenExceeded is a problem naming each field")
        void invalidSessionLimitsNameTheFields() {
            String name = api.newRealm();
            assertThat(invalidFields(api.put(
                            "/admin/realms/" + name,
                            Map.of(
                                    "sessionLimits",
                                    Map.of("maxPerUser", -1, "maxPerUserPerClient", -2, "whenExceeded", "kick")))))
                    .containsExactlyInAnyOrder(
                            "sessionLimits.maxPerUser",
                            "sessionLimits.maxPerUserPerClient",
                            "sessionLimits.whenExceeded");
            assertThat(invalidFields(api.post(
                            "/admin/realms",
                            Map.of("realm", AdminApi.unique("sl"), "sessionLimits", Map.of("maxPerUser", -5)))))
                    .containsExactly("sessionLimits.maxPerUser");
        }

        @Test
        @DisplayName("names an idle timeout longer than the maximum session lifespan it would exceed")
        void namesInconsistentLifetimes() {
            String realm = api.newRealm();

            assertThat(invalidFields(api.put("/admin/realms/" + realm, Map.of("ssoSessionIdleTimeout", 86_400))))
                    .containsExactly("ssoSessionIdleTimeout");
        }

        @Test
        @DisplayName("refuses to disable the master realm, which would lock every administrator out")
        void refusesToDisableMaster() {
            assertThat(invalidFields(api.put("/admin/realms/master", Map.of("enabled", false))))
                    .containsExactly("enabled");
        }

        @Test
        @DisplayName("answers 403 to a user administrator of the realm and 404 for an unknown realm")
        void needsSystemAdministratorOfTheRealm() {
            String realm = api.newRealm();
            String token = api.tokenWith("USER_ADMINISTRATOR@" + realm);

            problem(curfew.putJson("/admin/realms/" + realm, Map.of("enabled", false), TestCurfew.bearer(token)), 403);
            problem(api.put("/admin/realms/does-not-exist", Map.of("enabled", false)), 404);
            problem(curfew.putJson("/admin/realms/" + realm, Map.of("enabled", false)), 401);
        }
    }

    @Nested
    @DisplayName("DELETE /admin/realms/{realm}")
    class Delete {
        @Test
        @DisplayName("deletes the realm with everything in it")
        void deletesTheRealm() {
            String realm = api.newRealm();

            expect(api.delete("/admin/realms/" + realm), 204);

            problem(api.get("/admin/realms/" + realm), 404);
            expect(curfew.get("/realms/" + realm + "/.well-known/openid-configuration"), 404);
        }

        @Test
        @DisplayName("refuses to delete the master realm")
        void refusesToDeleteMaster() {
            problem(api.delete("/admin/realms/master"), 400);
        }

        @Test
        @DisplayName(
                "answers 403 to a system administrator of that realm only, 404 for an unknown realm, 401 without token")
        void needsSystemAdministratorEverywhere() {
            String realm = api.newRealm();
            String token = api.tokenWith("SYSTEM_ADMINISTRATOR@" + realm);

            problem(curfew.delete("/admin/realms/" + realm, TestCurfew.bearer(token)), 403);
            problem(api.delete("/admin/realms/does-not-exist"), 404);
            problem(curfew.delete("/admin/realms/" + realm), 401);
        }
    }
}
