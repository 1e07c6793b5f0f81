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
import dev.curfew.engine.password.HashingSettings;
import dev.curfew.engine.password.PasswordHashingPool;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.ssf.SsfMetrics;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.testing.HeldHasher;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.engine.user.Authentication;
import dev.curfew.engine.user.UserService;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("brute-force protection across the password and the code")
class PasswordThenCodeTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String PASSWORD = "correct horse battery";

    private final MovableClock clock = new MovableClock(NOW);
    private final Database database = Database.open(DatabaseConfig.h2InMemory("otp-pwd-" + UUID.randomUUID()));
    private final Store store = database.store();
    private final ChangeFeed changes = database.changes();
    private final BruteForceProtection bruteForce =
            new BruteForceProtection(store, new AuditLog(store, clock), clock, AddressSettings.DEFAULTS);
    private final Transmitter transmitter =
            new Transmitter(clock, new PollWaiters(), changes, new SsfMetrics(new SimpleMeterRegistry(), store));
    private final PasswordHashingPool hashing =
            new PasswordHashingPool(new HeldHasher(), new HashingSettings(1, 4), new SimpleMeterRegistry());
    private final SessionEnding ending = new SessionEnding(
            changes, new BackChannelLogout(() -> "http://localhost:8080", changes, clock), transmitter, clock);
    private final UserService users = new UserService(store, hashing, transmitter, bruteForce, ending, clock);
    private final OtpService otp = new OtpService(store, bruteForce, new AuditLog(store, clock), ending, clock);

    @AfterEach
    void close() {
        hashing.close();
        database.close();
    }

    @Test
    @DisplayName("a right password does not forget the wrong codes typed after earlier right passwords")
    void aKnownPasswordDoesNotResetTheCountOfWrongCodes() {
        Realm realm = new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);
        store.realms().create(realm);
        User alice = users.create(
                realm, "alice", Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.of(PASSWORD));
        OtpService.Enrolment enrolment = otp.begin(realm, alice);
        byte[] secret = Base32.decode(enrolment.secret()).orElseThrow();
        otp.confirm(alice, enrolment.secret(), Totp.code(secret, Totp.step(NOW), Totp.DIGITS));
        int factor = realm.settings().bruteForce().failureFactor();

        for (int i = 0; i < factor; i++) {
            // Apart in time, so that the quick-login rule plays no part.
            clock.advance(Duration.ofSeconds(5));
            SignInAttempt attempt = new SignInAttempt("192.0.2." + i, "request-" + i);
            assertThat(users.authenticate(realm, "alice", PASSWORD, attempt))
                    .isInstanceOf(Authentication.Success.class);
            assertThat(otp.verify(realm, alice, "12345x", attempt)).isFalse();
        }

        assertThat(bruteForce.failures(alice))
                .hasValueSatisfying(f -> assertThat(f.numFailures()).isEqualTo(factor));
        assertThat(users.authenticate(realm, "alice", PASSWORD, new SignInAttempt("192.0.2.99", "request-99")))
                .isEqualTo(Authentication.REFUSED);
    }
}
