package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.testing.TestCurfew;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: brute-force detection at Keycloak's attack-detection paths, and the realm's fields")
class AttackDetectionEndpointsTest {
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

    /** A realm whose failures count one by one however fast they come (no quick-login check). */
    static String realm() {
        String realm = api.newRealm();
        expect(api.put("/admin/realms/" + realm, Map.of("quickLoginCheckMilliSeconds", 0)), 204);
        return realm;
    }

    static String locks(String realm) {
        return "/admin/realms/" + realm + "/attack-detection/brute-force/users";
    }

    static HttpResponse<String> signIn(String realm, String username, String password) {
        return curfew.postForm(
                "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        AdminApi.CLI,
                        "username",
                        username,
                        "password",
                        password));
    }

    static void fail(String realm, String username, int times) {
        for (int i = 0; i < times; i++) {
            expect(signIn(realm, username, "wrong password " + i), 400);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("GET .../attack-detection/brute-force/users/{userId}")
    class Status {
        @Test
        @DisplayName("answers Keycloak's four fields: zero and n/a without failures, then the count, address and time")
        void answersKeycloaksShape() {
            String realm = realm();
            String id = api.createUser(realm, "alice");

            JsonNode none = json(expect(api.get(locks(realm) + "/" + id), 200));
            assertThat(fieldNames(none)).containsExactly("numFailures", "disabled", "lastIPFailure", "lastFailure");
            assertThat(none.get("numFailures").asInt()).isZero();
            assertThat(none.get("disabled").asBoolean()).isFalse();
            assertThat(none.get("lastIPFailure").asText()).isEqualTo("n/a");
            assertThat(none.get("lastFailure").asLong()).isZero();

            fail(realm, "alice", 3);
            JsonNode three = json(expect(api.get(locks(realm) + "/" + id), 200));
            assertThat(three.get("numFailures").asInt()).isEqualTo(3);
            assertThat(three.get("disabled").asBoolean()).isFalse();
            assertThat(three.get("lastIPFailure").asText()).isEqualTo("127.0.0.1");
            assertThat(three.get("lastFailure").asLong())
                    .isEqualTo(curfew.clock().instant().toEpochMilli());

            fail(realm, "alice", 7);
            JsonNode locked = json(expect(api.get(locks(realm) + "/" + id), 200));
            assertThat(locked.get("numFailures").asInt()).isEqualTo(10);
            assertThat(locked.get("disabled").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("an unknown user is 404")
        void unknownUserIsNotFound() {
            String realm = realm();
            problem(api.get(locks(realm) + "/no-such-user"), 404);
        }

        @Test
        @DisplayName("with the realm's protection off, all zero, and the failures no longer lock")
        void protectionOffShowsZeros() {
            String realm = realm();
            String id = api.createUser(realm, "bob");
            fail(realm, "bob", 10);

            expect(api.put("/admin/realms/" + realm, Map.of("bruteForceProtected", false)), 204);

            JsonNode status = json(expect(api.get(locks(realm) + "/" + id), 200));
            assertThat(status.get("numFailures").asInt()).isZero();
            assertThat(status.get("disabled").asBoolean()).isFalse();
            expect(signIn(realm, "bob", AdminApi.PASSWORD), 200);
        }
    }

    @Nested
    @DisplayName("DELETE .../attack-detection/brute-force/users[/{userId}]")
    class Clear {
        @Test
        @DisplayName("clearing a user ends their lock at once, and the audit log names the administrator")
        void clearingAUserEndsTheLock() {
            String realm = realm();
            String id = api.createUser(realm, "carol");
            fail(realm, "carol", 10);
            expect(signIn(realm, "carol", AdminApi.PASSWORD), 400);
            AdminApi.Admin admin = api.newAdmin("USER_ADMINISTRATOR@" + realm);

            expect(curfew.delete(locks(realm) + "/" + id, TestCurfew.bearer(admin.token())), 204);

            JsonNode status = json(expect(api.get(locks(realm) + "/" + id), 200));
            assertThat(status.get("numFailures").asInt()).isZero();
            assertThat(status.get("disabled").asBoolean()).isFalse();
            expect(signIn(realm, "carol", AdminApi.PASSWORD), 200);
            JsonNode entry = audit(realm, BruteForceProtection.CLEARED).get(0);
            assertThat(entry.at("/actor/username").asText()).isEqualTo(admin.username());
            assertThat(entry.get("privilege").asText()).isEqualTo("USER_ADMINISTRATOR");
            assertThat(entry.at("/detail/userId").asText()).isEqualTo(id);
            assertThat(entry.at("/detail/failures").asInt()).isEqualTo(10);
            assertThat(entry.at("/detail/wasLocked").asBoolean()).isTrue();
            assertThat(entry.get("affected").asLong()).isEqualTo(1);
        }

        @Test
        @DisplayName("clearing the realm ends every lock in it, audited with the number of users")
        void clearingTheRealmEndsEveryLock() {
            String realm = realm();
            String other = realm();
            api.createUser(realm, "dave");
            api.createUser(realm, "erin");
            String frank = api.createUser(other, "frank");
            fail(realm, "dave", 10);
            fail(realm, "erin", 10);
            fail(other, "frank", 10);

            expect(api.delete(locks(realm)), 204);

            expect(signIn(realm, "dave", AdminApi.PASSWORD), 200);
            expect(signIn(realm, "erin", AdminApi.PASSWORD), 200);
            assertThat(json(expect(api.get(locks(other) + "/" + frank), 200))
                            .get("disabled")
                            .asBoolean())
                    .isTrue();
            JsonNode entry = audit(realm, BruteForceProtection.CLEARED_ALL).get(0);
            assertThat(entry.get("affected").asLong()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("GET .../attack-detection/brute-force/users (Curfew's list)")
    class ListOfUsers {
        @Test
        @DisplayName("lists users with failures, the latest first; locked=true keeps the locked ones")
        void listsUsersWithFailures() {
            String realm = realm();
            String gina = api.createUser(realm, "gina");
            api.createUser(realm, "hank");
            api.createUser(realm, "ivan");
            fail(realm, "gina", 10);
            curfew.clock().advance(java.time.Duration.ofSeconds(1));
            fail(realm, "hank", 2);

            JsonNode all = json(expect(api.get(locks(realm)), 200));
            assertThat(all.get("total").asLong()).isEqualTo(2);
            assertThat(all.get("users"))
                    .extracting(u -> u.get("username").asText())
                    .containsExactly("hank", "gina");
            JsonNode first = all.get("users").get(1);
            assertThat(fieldNames(first))
                    .containsExactly(
                            "userId",
                            "username",
                            "numFailures",
                            "disabled",
                            "lastIPFailure",
                            "lastFailure",
                            "lockedUntil",
                            "permanentLockout");
            assertThat(first.get("userId").asText()).isEqualTo(gina);
            assertThat(first.get("disabled").asBoolean()).isTrue();
            assertThat(first.get("lockedUntil").asLong())
                    .isGreaterThan(first.get("lastFailure").asLong());

            JsonNode locked = json(expect(api.get(locks(realm) + "?locked=true"), 200));
            assertThat(locked.get("total").asLong()).isEqualTo(1);
            assertThat(locked.get("users"))
                    .extracting(u -> u.get("username").asText())
                    .containsExactly("gina");
            assertThat(invalidFields(api.get(locks(realm) + "?locked=maybe"))).containsExactly("locked");
        }
    }

    @Nested
    @DisplayName("privileges")
    class Privileges {
        @Test
        @DisplayName("USER_ADMINISTRATOR for the realm is needed: others are 403, no token 401")
        void userAdministratorForTheRealmIsNeeded() {
            String realm = realm();
            String id = api.createUser(realm, "judy");
            String viewer = api.tokenWith("SESSION_VIEWER@" + realm, "AUTH_ADMINISTRATOR@" + realm);
            String elsewhere = api.tokenWith("USER_ADMINISTRATOR@master");

            for (String token : List.of(viewer, elsewhere)) {
                problem(curfew.get(locks(realm), TestCurfew.bearer(token)), 403);
                problem(curfew.get(locks(realm) + "/" + id, TestCurfew.bearer(token)), 403);
                problem(curfew.delete(locks(realm) + "/" + id, TestCurfew.bearer(token)), 403);
                problem(curfew.delete(locks(realm), TestCurfew.bearer(token)), 403);
            }
            problem(curfew.get(locks(realm) + "/" + id), 401);
            String admin = api.tokenWith("USER_ADMINISTRATOR@" + realm);
            expect(curfew.get(locks(realm) + "/" + id, TestCurfew.bearer(admin)), 200);
        }
    }

    @Nested
    @DisplayName("the realm's brute-force fields")
    class RealmFields {
        @Test
        @DisplayName("a realm shows Keycloak's fields with Curfew's defaults: on, 10 failures, 60 s doubling to 900 s")
        void defaults() {
            JsonNode rep = json(expect(api.get("/admin/realms/" + api.newRealm()), 200));

            assertThat(rep.get("bruteForceProtected").asBoolean()).isTrue();
            assertThat(rep.get("permanentLockout").asBoolean()).isFalse();
            assertThat(rep.get("failureFactor").asInt()).isEqualTo(10);
            assertThat(rep.get("waitIncrementSeconds").asInt()).isEqualTo(60);
            assertThat(rep.get("maxFailureWaitSeconds").asInt()).isEqualTo(900);
            assertThat(rep.get("maxDeltaTimeSeconds").asInt()).isEqualTo(43200);
            assertThat(rep.get("quickLoginCheckMilliSeconds").asLong()).isEqualTo(1000);
            assertThat(rep.get("minimumQuickLoginWaitSeconds").asInt()).isEqualTo(60);
        }

        @Test
        @DisplayName("PUT changes them, GET returns them, and they apply to the next sign-in")
        void changedFieldsAreStoredAndApplied() {
            String realm = api.newRealm();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("bruteForceProtected", true);
            fields.put("permanentLockout", false);
            fields.put("failureFactor", 3);
            fields.put("waitIncrementSeconds", 30);
            fields.put("maxFailureWaitSeconds", 600);
            fields.put("maxDeltaTimeSeconds", 3600);
            fields.put("quickLoginCheckMilliSeconds", 0);
            fields.put("minimumQuickLoginWaitSeconds", 10);

            expect(api.put("/admin/realms/" + realm, fields), 204);

            JsonNode rep = json(expect(api.get("/admin/realms/" + realm), 200));
            fields.forEach(
                    (name, value) -> assertThat(rep.get(name).asText()).as(name).isEqualTo(value.toString()));
            api.createUser(realm, "kate");
            fail(realm, "kate", 3);
            expect(signIn(realm, "kate", AdminApi.PASSWORD), 400);
            curfew.clock().advance(java.time.Duration.ofSeconds(30));
            expect(signIn(realm, "kate", AdminApi.PASSWORD), 200);
        }

        @Test
        @DisplayName("out-of-range values are a 400 naming every field, and change nothing")
        void outOfRangeValuesNameTheirFields() {
            String realm = api.newRealm();
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("failureFactor", 0);
            bad.put("waitIncrementSeconds", -1);
            bad.put("maxFailureWaitSeconds", 700_000);
            bad.put("maxDeltaTimeSeconds", 0);
            bad.put("quickLoginCheckMilliSeconds", 600_000);
            bad.put("minimumQuickLoginWaitSeconds", -5);

            assertThat(invalidFields(api.put("/admin/realms/" + realm, bad)))
                    .containsExactlyInAnyOrderElementsOf(bad.keySet());
            assertThat(invalidFields(api.put(
                            "/admin/realms/" + realm,
                            Map.of("waitIncrementSeconds", 600, "maxFailureWaitSeconds", 60))))
                    .containsExactly("maxFailureWaitSeconds");
            assertThat(invalidFields(api.put("/admin/realms/" + realm, Map.of("failureFactor", "many"))))
                    .containsExactly("failureFactor");
            assertThat(json(expect(api.get("/admin/realms/" + realm), 200))
                            .get("failureFactor")
                            .asInt())
                    .isEqualTo(10);
        }

        @Test
        @DisplayName("the master realm refuses permanentLockout: anyone could disable every administrator")
        void masterRefusesPermanentLockout() {
            assertThat(invalidFields(api.put("/admin/realms/master", Map.of("permanentLockout", true))))
                    .containsExactly("permanentLockout");
        }
    }

    static JsonNode audit(String realm, String action) {
        return json(expect(api.get("/admin/realms/" + realm + "/audit?action=" + action), 200))
                .get("entries");
    }
}
