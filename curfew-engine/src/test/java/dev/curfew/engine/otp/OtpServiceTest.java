package dev.curfew.engine.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.bruteforce.AddressSettings;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.ssf.SsfMetrics;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("two-factor authentication: enrolment and the second step")
class OtpServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final SignInAttempt ATTEMPT = new SignInAttempt("192.0.2.7", "request-1");

    private final MovableClock clock = new MovableClock(NOW);
    private final Database database = Database.open(DatabaseConfig.h2InMemory("otp-" + UUID.randomUUID()));
    private final Store store = database.store();
    private final BruteForceProtection bruteForce =
            new BruteForceProtection(store, new AuditLog(store, clock), clock, AddressSettings.DEFAULTS);
    private final ChangeFeed changes = database.changes();
    private final OtpService otp = new OtpService(
            store,
            bruteForce,
            new AuditLog(store, clock),
            new SessionEnding(
                    changes,
                    new BackChannelLogout(() -> "http://localhost:8080", changes, clock),
                    new Transmitter(
                            clock, new PollWaiters(), changes, new SsfMetrics(new SimpleMeterRegistry(), store)),
                    clock),
            clock);
    private final Realm realm =
            new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);
    private final User alice = new User(
            Secrets.newId(),
            realm.id(),
            "alice",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            NOW);

    @BeforeEach
    void createUser() {
        store.realms().create(realm);
        store.users().create(alice);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String codeAt(String secret, Instant at) {
        return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(at), Totp.DIGITS);
    }

    private String enrol() {
        OtpService.Enrolment enrolment = otp.begin(realm, alice);
        assertThat(otp.confirm(alice, enrolment.secret(), codeAt(enrolment.secret(), NOW)))
                .isPresent();
        return enrolment.secret();
    }

    @Test
    @DisplayName("the key URI names the realm and the user and carries the base32 secret")
    void beginningShowsTheSecret() {
        OtpService.Enrolment enrolment = otp.begin(realm, alice);

        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
        assertThat(enrolment.keyUri()).startsWith("otpauth://totp/Acme:alice?secret=" + enrolment.secret());
        assertThat(otp.hasAuthenticator(alice)).isFalse();
    }

    @Test
    @DisplayName("a realm without a display name is the key URI's issuer by its name, not an empty label")
    void realmWithoutDisplayNameIsNamedInTheKeyUri() {
        OtpService.Enrolment enrolment = otp.begin(realm.withDisplayName(""), alice);

        assertThat(enrolment.keyUri()).startsWith("otpauth://totp/acme:alice?").contains("&issuer=acme&");
    }

    @Test
    @DisplayName("a wrong first code stores nothing; a right one stores the authenticator and gives ten codes")
    void confirmingNeedsARightCode() {
        OtpService.Enrolment enrolment = otp.begin(realm, alice);
        String right = codeAt(enrolment.secret(), NOW);
        String wrong = right.equals("000000") ? "000001" : "000000";

        assertThat(otp.confirm(alice, enrolment.secret(), wrong)).isEmpty();
        assertThat(otp.hasAuthenticator(alice)).isFalse();

        Optional<List<String>> codes = otp.confirm(alice, enrolment.secret(), right);

        assertThat(codes).hasValueSatisfying(c -> assertThat(c).hasSize(10));
        assertThat(otp.hasAuthenticator(alice)).isTrue();
        assertThat(otp.recoveryCodesLeft(alice)).isEqualTo(10);
    }

    @Test
    @DisplayName("§5.2: the code used to confirm, or any code, is accepted once at sign-in")
    void codesAreAcceptedOnce() {
        String secret = enrol();

        assertThat(otp.verify(realm, alice, codeAt(secret, NOW), ATTEMPT)).isFalse();

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String next = codeAt(secret, clock.instant());
        assertThat(otp.verify(realm, alice, next, ATTEMPT)).isTrue();
        assertThat(otp.verify(realm, alice, next, ATTEMPT)).isFalse();
    }

    @Test
    @DisplayName("a recovery code signs in once, whatever its case and dash")
    void recoveryCodesAreUsableOnce() {
        OtpService.Enrolment enrolment = otp.begin(realm, alice);
        String code = otp.confirm(alice, enrolment.secret(), codeAt(enrolment.secret(), NOW))
                .orElseThrow()
                .getFirst();

        assertThat(otp.verify(realm, alice, code.toLowerCase().replace("-", ""), ATTEMPT))
                .isTrue();
        assertThat(otp.verify(realm, alice, code, ATTEMPT)).isFalse();
        assertThat(otp.recoveryCodesLeft(alice)).isEqualTo(9);
    }

    @Test
    @DisplayName("wrong codes count toward the brute-force lock, and a locked account is refused a right code")
    void wrongCodesLockTheAccount() {
        String secret = enrol();
        int factor = realm.settings().bruteForce().failureFactor();
        for (int i = 0; i < factor; i++) {
            assertThat(otp.verify(realm, alice, "not-a-code", ATTEMPT)).isFalse();
        }

        assertThat(bruteForce.failures(alice))
                .hasValueSatisfying(f -> assertThat(f.lockedAt(clock.instant())).isTrue());
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(otp.verify(realm, alice, codeAt(secret, clock.instant()), ATTEMPT))
                .isFalse();
    }

    @Test
    @DisplayName("a right code forgets the failures")
    void aRightCodeForgetsTheFailures() {
        String secret = enrol();
        otp.verify(realm, alice, "000000x", ATTEMPT);
        assertThat(bruteForce.failures(alice)).isPresent();

        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        assertThat(otp.verify(realm, alice, codeAt(secret, clock.instant()), ATTEMPT))
                .isTrue();

        assertThat(bruteForce.failures(alice)).isEmpty();
    }
}
