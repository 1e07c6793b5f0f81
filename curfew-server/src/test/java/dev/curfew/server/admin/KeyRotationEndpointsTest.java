package dev.curfew.server.admin;

import static dev.curfew.server.admin.AdminApi.expect;
import static dev.curfew.server.admin.AdminApi.invalidFields;
import static dev.curfew.server.admin.AdminApi.json;
import static dev.curfew.server.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Admin API: rotating a realm's signing key (/admin/realms/{realm}/keys)")
class KeyRotationEndpointsTest {
    static TestCurfew curfew;
    AdminApi api;

    TestRealm realm;
    ConfidentialClient web;
    String rotations;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @BeforeEach
    void newRealm() {
        // A fresh administrator token for each test: one test moves the clock past the token's lifetime.
        api = new AdminApi(curfew);
        realm = TestRealm.create(curfew);
        realm.user("alice");
        web = realm.confidentialClient("web");
        rotations = "/admin/realms/" + realm.name() + "/keys/rotations";
    }

    @Test
    @DisplayName("without retireOld, a new key signs and the old one verifies the tokens it signed until they expire")
    void keepModeKeepsOldTokensValid() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        String oldKid = kid(alice.accessToken());
        Instant rotatedAt = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);

        JsonNode rotated = json(expect(api.post(rotations, Map.of("reason", "Routine rotation")), 201));

        String newKid = rotated.get("key").get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.get("key").get("status").asText()).isEqualTo("active");
        JsonNode old = rotated.get("oldKeys").get(0);
        assertThat(old.get("kid").asText()).isEqualTo(oldKid);
        assertThat(old.get("status").asText()).isEqualTo("verify-only");
        // The longest lifetime of a token the old key signed: the realm's access (and ID) token lifespan.
        assertThat(Instant.parse(old.get("verifyUntil").asText())).isEqualTo(rotatedAt.plus(Duration.ofMinutes(5)));
        assertThat(jwksKids()).containsExactlyInAnyOrder(oldKid, newKid);
        assertThat(alice.accessTokenActive()).isTrue();
        assertThat(alice.userinfoStatus()).isEqualTo(200);
        assertThat(kid(SignedIn.login(realm, web, "alice").accessToken())).isEqualTo(newKid);
    }

    @Test
    @DisplayName("a client's longer access token lifespan keeps the old key verifying for that long")
    void keepModeWaitsForTheLongestClientLifespan() {
        realm.confidentialClient("slow", b -> b.accessTokenLifespan(Optional.of(Duration.ofMinutes(20))));
        Instant rotatedAt = curfew.clock().instant().truncatedTo(ChronoUnit.MILLIS);

        JsonNode rotated = json(expect(api.post(rotations, Map.of("reason", "Routine rotation")), 201));

        assertThat(Instant.parse(
                        rotated.get("oldKeys").get(0).get("verifyUntil").asText()))
                .isEqualTo(rotatedAt.plus(Duration.ofMinutes(20)));
    }

    @Test
    @DisplayName("once the old key's tokens have expired it leaves the JWKS, and housekeeping lists it as retired")
    void keepModeDropsTheOldKeyOnceItsTokensHaveExpired() {
        String oldKid = kid(SignedIn.login(realm, web, "alice").accessToken());
        expect(api.post(rotations, Map.of("reason", "Routine rotation")), 201);

        curfew.clock().advance(Duration.ofMinutes(5));
        curfew.server().housekeeping().runOnce();
        api = new AdminApi(curfew);

        assertThat(jwksKids()).doesNotContain(oldKid).hasSize(1);
        assertThat(keyStatuses()).containsEntry(oldKid, "retired");
    }

    @Test
    @DisplayName("with retireOld, tokens signed by the old key are refused at once by introspection and userinfo")
    void retireModeRefusesOldTokensAtOnce() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        String oldKid = kid(alice.accessToken());
        // Checked once before: the signature is then remembered, and must be forgotten with the key.
        assertThat(alice.accessTokenActive()).isTrue();
        assertThat(alice.userinfoStatus()).isEqualTo(200);

        JsonNode rotated = json(expect(
                api.post(rotations, Map.of("reason", "Signing key leaked (incident 7)", "retireOld", true)), 201));

        assertThat(rotated.get("oldKeys").get(0).get("status").asText()).isEqualTo("retired");
        assertThat(alice.accessTokenActive()).isFalse();
        assertThat(alice.userinfoStatus()).isEqualTo(401);
        assertThat(jwksKids()).containsExactly(rotated.get("key").get("kid").asText());
        assertThat(keyStatuses()).containsEntry(oldKid, "retired");
    }

    @Test
    @DisplayName("with retireOld, a refresh token (opaque, not signed) still refreshes, into tokens of the new key")
    void retireModeRefreshGivesTokensOfTheNewKey() {
        SignedIn alice = SignedIn.login(realm, web, "alice");
        JsonNode rotated =
                json(expect(api.post(rotations, Map.of("reason", "Signing key leaked", "retireOld", true)), 201));

        expect(alice.refresh(), 200);

        assertThat(kid(alice.accessToken()))
                .isEqualTo(rotated.get("key").get("kid").asText());
        assertThat(alice.accessTokenActive()).isTrue();
    }

    @Test
    @DisplayName("the rotation is in the realm's audit log with its reason, the new key and the old ones")
    void rotationIsAudited() {
        String oldKid = kid(SignedIn.login(realm, web, "alice").accessToken());
        JsonNode rotated =
                json(expect(api.post(rotations, Map.of("reason", "Signing key leaked", "retireOld", true)), 201));

        JsonNode entries = json(api.get("/admin/realms/" + realm.name() + "/audit?action=key-rotation"))
                .get("entries");

        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("reason").asText()).isEqualTo("Signing key leaked");
        assertThat(entry.get("privilege").asText()).isEqualTo("SYSTEM_ADMINISTRATOR");
        assertThat(entry.get("actor").get("username").asText()).isEqualTo(TestCurfew.ADMIN_USER);
        assertThat(entry.get("detail").get("kid").asText())
                .isEqualTo(rotated.get("key").get("kid").asText());
        assertThat(entry.get("detail").get("retireOld").asBoolean()).isTrue();
        assertThat(entry.get("detail").get("oldKids"))
                .extracting(JsonNode::asText)
                .containsExactly(oldKid);
        assertThat(entry.get("affected").asInt()).isEqualTo(1);
        assertThat(json(api.get("/admin/realms/" + realm.name() + "/audit/verification"))
                        .get("intact")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @DisplayName("a missing or blank reason, or a retireOld that is not a boolean, is a 400 naming the field")
    void badInputIsRefusedNamingTheField() {
        assertThat(invalidFields(api.post(rotations, Map.of("retireOld", true))))
                .containsExactly("reason");
        assertThat(invalidFields(api.post(rotations, Map.of("reason", "  ")))).containsExactly("reason");
        assertThat(invalidFields(api.post(rotations, Map.of("reason", "x".repeat(1001)))))
                .containsExactly("reason");
        assertThat(invalidFields(api.post(rotations, Map.of("reason", "r", "retireOld", "yes"))))
                .containsExactly("retireOld");
        assertThat(keyStatuses()).hasSize(1);
    }

    @Test
    @DisplayName("an administrator without SYSTEM_ADMINISTRATOR for the realm may neither rotate nor list keys")
    void withoutTheRealmSettingsPrivilegeRotationIsForbidden() {
        String auth = api.tokenWith("AUTH_ADMINISTRATOR@" + realm.name(), "AUDITOR@" + realm.name());
        String system = api.tokenWith("SYSTEM_ADMINISTRATOR@" + realm.name());

        problem(curfew.postJson(rotations, Map.of("reason", "r"), TestCurfew.bearer(auth)), 403);
        problem(curfew.get("/admin/realms/" + realm.name() + "/keys", TestCurfew.bearer(auth)), 403);
        assertThat(keyStatuses()).hasSize(1);

        expect(curfew.postJson(rotations, Map.of("reason", "r"), TestCurfew.bearer(system)), 201);
        assertThat(keyStatuses()).hasSize(2);
    }

    @Test
    @DisplayName("GET /keys lists kid, algorithm, status, verifyUntil and created, newest first")
    void listShowsEveryKeyNewestFirst() {
        curfew.clock().advance(Duration.ofSeconds(1));
        expect(api.post(rotations, Map.of("reason", "first")), 201);
        curfew.clock().advance(Duration.ofSeconds(1));
        expect(api.post(rotations, Map.of("reason", "second", "retireOld", true)), 201);

        JsonNode keys = json(api.get("/admin/realms/" + realm.name() + "/keys"));

        assertThat(keys).hasSize(3);
        assertThat(keys).extracting(k -> k.get("status").asText()).containsExactly("active", "retired", "retired");
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.get("algorithm").asText()).isEqualTo("RS256");
            assertThat(k.get("created").asText()).isNotBlank();
            assertThat(k.has("d")).isFalse();
        });
    }

    private List<String> jwksKids() {
        List<String> kids = new ArrayList<>();
        json(expect(curfew.get(realm.certsPath()), 200))
                .get("keys")
                .forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    private Map<String, String> keyStatuses() {
        Map<String, String> statuses = new HashMap<>();
        json(api.get("/admin/realms/" + realm.name() + "/keys"))
                .forEach(
                        k -> statuses.put(k.get("kid").asText(), k.get("status").asText()));
        return statuses;
    }

    private static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
