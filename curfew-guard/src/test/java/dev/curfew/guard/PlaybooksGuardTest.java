package dev.curfew.guard;

import static dev.curfew.guard.RevocationFeedTest.awaitSignedOut;
import static dev.curfew.guard.RevocationFeedTest.guardFor;
import static dev.curfew.guard.RevocationFeedTest.registerReceiver;
import static dev.curfew.server.testing.SignOutApi.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.testing.SignedIn;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every playbook reaches a resource server that validates access tokens itself: a real guard, fed by the realm's
 * Shared Signals stream, refuses the access token of a user the playbook signed out, with no call to Curfew per
 * request. (The other enforcement points — cookie, refresh, introspection, userinfo, back-channel logout, the stream's
 * events and the audit entry — are checked per playbook in the server's {@code PlaybookReachTest}.)
 */
@DisplayName("Every playbook reaches curfew-guard: the signed-out user's access token is refused")
class PlaybooksGuardTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** A playbook's request body for the realm with the user {@code alice} in the group {@code Travel}. */
    record Case(String playbook, Function<TestRealm, Map<String, Object>> body, boolean planned) {
        @Override
        public String toString() {
            return playbook;
        }
    }

    static Stream<Arguments> playbooks() {
        return Stream.of(
                        new Case("incident-response", r -> Map.of("reason", "breach"), false),
                        new Case("offboarding", r -> Map.of("reason", "leaver", "usernames", List.of("alice")), false),
                        new Case(
                                "lost-device",
                                r -> Map.of("reason", "stolen", "username", "alice", "userAgent", "Java"),
                                false),
                        new Case("enforce-two-factor", r -> Map.of("reason", "2FA", "who", "everyone"), false),
                        new Case(
                                "password-compromise",
                                r -> Map.of("reason", "breach corpus", "usernames", List.of("alice")),
                                false),
                        new Case("credential-sharing", r -> Map.of("reason", "shared", "username", "alice"), false),
                        new Case(
                                "migration",
                                r -> Map.of("reason", "new platform", "maintenance", Map.of("message", "Moving")),
                                false),
                        new Case(
                                "high-risk-period",
                                r -> Map.of(
                                        "reason",
                                        "travel",
                                        "group",
                                        "Travel",
                                        "until",
                                        curfew.clock()
                                                .instant()
                                                .plus(Duration.ofHours(1))
                                                .toString()),
                                false),
                        new Case(
                                "system-update",
                                r -> Map.of(
                                        "reason",
                                        "release",
                                        "at",
                                        curfew.clock()
                                                .instant()
                                                .plus(Duration.ofMinutes(10))
                                                .toString()),
                                true),
                        new Case(
                                "compliance",
                                r -> Map.of(
                                        "reason",
                                        "policy",
                                        "recurrence",
                                        Map.of("frequency", "daily", "time", HH_MM.format(slot()))),
                                true))
                .map(Arguments::of);
    }

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** The next whole minute at least a minute ahead: when a daily schedule made now first runs. */
    private static Instant slot() {
        return curfew.clock().instant().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("playbooks")
    void refusedByTheGuard(Case c) {
        TestRealm realm = TestRealm.create(curfew);
        ConfidentialClient web = realm.confidentialClient("web");
        String alice = realm.user("alice").id();
        String[] admin = TestCurfew.bearer(curfew.adminToken());
        String group = TestCurfew.json(expect(
                        curfew.postJson("/admin/realms/" + realm.name() + "/groups", Map.of("name", "Travel"), admin),
                        201))
                .get("id")
                .asText();
        expect(
                curfew.putJson(
                        "/admin/realms/" + realm.name() + "/users/" + alice + "/groups/" + group, Map.of(), admin),
                204);
        try (CurfewGuard guard =
                guardFor(realm, registerReceiver(curfew, realm, "api")).build()) {
            assertThat(guard.start()).as("started in sync: %s", guard.health()).isTrue();
            SignedIn signedIn = SignedIn.login(realm, web, "alice");
            assertThat(guard.check(signedIn.accessToken()).allowed())
                    .as("before the playbook")
                    .isTrue();
            curfew.clock().advance(Duration.ofSeconds(1));
            Instant due = c.playbook().equals("compliance") ? slot() : null;

            JsonNode run = TestCurfew.json(expect(
                    curfew.postJson(
                            "/admin/realms/" + realm.name() + "/playbooks/" + c.playbook(),
                            c.body().apply(realm),
                            TestCurfew.bearer(curfew.adminToken())),
                    200));
            if (c.planned()) {
                curfew.clock()
                        .set(
                                due != null
                                        ? due.plusSeconds(1)
                                        : curfew.clock().instant().plus(Duration.ofMinutes(10)));
                curfew.server().housekeeping().startDue();
            }

            assertThat(run.get("playbook").asText()).isEqualTo(c.playbook());
            awaitSignedOut(guard, signedIn.accessToken());
        }
    }
}
