package dev.curfew.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.user.User;
import dev.curfew.engine.otp.Base32;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.engine.otp.Totp;
import dev.curfew.server.ssf.SsfReceiver;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.Receiver;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A user deleted or disabled through the admin API is signed out like any other: each relying party with a
 * back-channel logout URI receives its logout token, each Shared Signals stream a CAEP session-revoked event, and
 * the refresh token is refused.
 */
@DisplayName(
        "Admin API: deleting or disabling a user, or removing their authenticator, ends their sessions like any sign-out")
class UserRemovalEndsSessionsTest {
    private static TestCurfew curfew;
    private static Receiver receiver;

    private TestRealm realm;
    private ConfidentialClient mail;
    private SsfReceiver streams;
    private String stream;
    private User alice;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(TestCurfew.withLoopbackReceivers(Map.of()));
        receiver = Receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        curfew.close();
    }

    @BeforeEach
    void createRealm() {
        realm = TestRealm.create(curfew);
        mail = realm.confidentialClient(
                "mail", b -> b.backchannelLogoutUri(Optional.of(receiver.url("/" + realm.name() + "/mail"))));
        streams = SsfReceiver.register(realm, "guard");
        stream = streams.createPoll();
        alice = realm.user("alice");
    }

    /** Alice signed in at mail: the token response. */
    private JsonNode signIn() {
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, mail, alice.username());
        streams.drain(stream);
        // Sign-outs cover what exists before them; the test clock only moves by hand.
        curfew.clock().advance(Duration.ofSeconds(1));
        return tokens;
    }

    private String userPath() {
        return "/admin/realms/" + realm.name() + "/users/" + alice.id();
    }

    /** The sids of the logout tokens mail received, once nothing is left to deliver. */
    private List<Object> logoutTokenSids() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> curfew.services().store().outbox().count(Delivery.Status.QUEUED) == 0);
        return receiver.receivedAt("/" + realm.name() + "/mail").stream()
                .map(r -> OidcFlow.claims(r.logoutToken()).getClaim("sid"))
                .toList();
    }

    /**
     * The subjects of the session-revoked events in the poll: {@code session <id>}, or {@code user <id>} for a user
     * cut-off's one event.
     */
    private List<String> revoked() {
        List<JWTClaimsSet> sets = streams.drain(stream);
        return sets.stream()
                .filter(s -> SsfReceiver.event(s).getKey().equals(SsfReceiver.SESSION_REVOKED))
                .map(s -> SsfReceiver.subId(s).has("session")
                        ? "session "
                                + SsfReceiver.subId(s).get("session").get("id").asText()
                        : "user " + SsfReceiver.subId(s).get("user").get("sub").asText())
                .toList();
    }

    private static String sid(JsonNode tokens) {
        return (String) OidcFlow.claims(tokens.get("id_token").asText()).getClaim("sid");
    }

    private void assertSignedOut(JsonNode tokens, String revokedSubject) {
        assertThat(logoutTokenSids()).as("logout tokens delivered to mail").containsExactly(sid(tokens));
        assertThat(revoked()).as("session-revoked events in the poll").containsExactly(revokedSubject);
        HttpResponse<String> refresh =
                OidcFlow.refresh(realm, mail, tokens.get("refresh_token").asText());
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(TestCurfew.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("user_deleted_without_logout_token_or_ssf_event: DELETE .../users/{id} sends both and refuses the"
            + " refresh token")
    void userDeletedWithoutLogoutTokenOrSsfEvent() {
        JsonNode tokens = signIn();

        var response = curfew.delete(userPath(), TestCurfew.bearer(curfew.adminToken()));

        assertThat(response.statusCode()).isEqualTo(204);
        assertSignedOut(tokens, "session " + sid(tokens));
    }

    @Test
    @DisplayName("DELETE .../users/{id}/credentials/otp removes the authenticator and ends the user's sessions like any"
            + " sign-out; audited as otp.reset with the reason; 404 when there is none left")
    void authenticatorResetEndsTheSessions() {
        JsonNode tokens = signIn();
        OtpService otp = curfew.services().otp();
        OtpService.Enrolment enrolment = otp.begin(realm.realm(), alice);
        byte[] secret = Base32.decode(enrolment.secret()).orElseThrow();
        otp.confirm(
                        alice,
                        enrolment.secret(),
                        Totp.code(secret, Totp.step(curfew.clock().instant()), Totp.DIGITS))
                .orElseThrow();

        var response = curfew.delete(
                userPath() + "/credentials/otp?reason=Lost%20phone", TestCurfew.bearer(curfew.adminToken()));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(otp.hasAuthenticator(alice)).isFalse();
        assertSignedOut(tokens, "session " + sid(tokens));
        JsonNode entry = TestCurfew.json(curfew.get(
                        "/admin/realms/" + realm.name() + "/audit?action=otp.reset",
                        TestCurfew.bearer(curfew.adminToken())))
                .get("entries")
                .get(0);
        assertThat(entry.get("reason").asText()).isEqualTo("Lost phone");
        assertThat(entry.get("privilege").asText()).isEqualTo("SYSTEM_ADMINISTRATOR");
        assertThat(entry.get("detail").get("username").asText()).isEqualTo("alice");
        assertThat(entry.get("detail").get("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(entry.get("affected").asInt()).isEqualTo(1);

        var again = curfew.delete(userPath() + "/credentials/otp", TestCurfew.bearer(curfew.adminToken()));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(TestCurfew.json(again).get("detail").asText()).isEqualTo("The user has no authenticator");
    }

    @Test
    @DisplayName("PUT .../users/{id} with enabled false sends the logout token and the user cut-off's session-revoked"
            + " event, and refuses the refresh token")
    void disabledUserIsSignedOutEverywhere() throws InterruptedException {
        JsonNode tokens = signIn();

        var response = curfew.putJson(userPath(), Map.of("enabled", false), TestCurfew.bearer(curfew.adminToken()));

        assertThat(response.statusCode()).isEqualTo(204);
        // The user cut-off's clean-up ends the sessions in the background.
        assertThat(curfew.services().cleanup().awaitIdle(20, TimeUnit.SECONDS)).isTrue();
        assertSignedOut(tokens, "user " + alice.id());
    }
}
