package dev.curfew.engine.otp;

import dev.curfew.core.otp.OtpCredential;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.bruteforce.SignInAttempt;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Users' TOTP authenticators (RFC 6238) and recovery codes: enrolment and the second step of a sign-in.
 *
 * <p>A wrong code counts as a failed sign-in against the user ({@link BruteForceProtection}), as a wrong password
 * does; the six digits would otherwise be guessed in at most a million tries.
 */
public final class OtpService {
    private final Store store;
    private final BruteForceProtection bruteForce;
    private final Clock clock;

    public OtpService(Store store, BruteForceProtection bruteForce, Clock clock) {
        this.store = store;
        this.bruteForce = bruteForce;
        this.clock = clock;
    }

    /** A new secret to enrol, not stored until confirmed with a code ({@link #confirm}). */
    public record Enrolment(String secret, String keyUri) {}

    public Enrolment begin(Realm realm, User user) {
        byte[] secret = Totp.newSecret();
        return new Enrolment(Base32.encode(secret), Totp.keyUri(realm.displayName(), user.username(), secret));
    }

    /**
     * Stores the authenticator once the user proved their app computes its codes, replacing any earlier one.
     *
     * @return the ten recovery codes, to show once (only their hashes are stored); empty when the code is wrong
     */
    public Optional<List<String>> confirm(User user, String secret, String code) {
        Optional<byte[]> key = Base32.decode(secret).filter(k -> k.length == 20);
        OptionalLong step = key.map(k -> Totp.verify(k, code, clock.instant(), OptionalLong.empty()))
                .orElse(OptionalLong.empty());
        if (step.isEmpty()) {
            return Optional.empty();
        }
        List<String> codes = RecoveryCodes.generate();
        store.otp()
                .save(
                        new OtpCredential(user.id(), user.realmId(), secret, clock.instant(), step),
                        codes.stream().map(RecoveryCodes::hash).toList());
        return Optional.of(codes);
    }

    public boolean hasAuthenticator(User user) {
        return store.otp().find(user.id()).isPresent();
    }

    /**
     * The second step of a sign-in: a code of the user's authenticator not accepted before, or one of their unused
     * recovery codes. With the realm's brute-force protection on, a locked account is refused whatever the code,
     * a wrong code counts as a failure, and a right one forgets the failures (the password step left them, so that
     * a known password does not reset the count of wrong codes).
     */
    public boolean verify(Realm realm, User user, String code, SignInAttempt attempt) {
        boolean protectedRealm = realm.settings().bruteForce().enabled();
        if (protectedRealm
                && bruteForce
                        .failures(user)
                        .filter(f -> f.lockedAt(clock.instant()))
                        .isPresent()) {
            return false;
        }
        boolean accepted = code != null && code.length() <= 64 && check(user, code.strip());
        if (!protectedRealm) {
            return accepted;
        }
        if (accepted) {
            bruteForce.failures(user).ifPresent(bruteForce::succeeded);
        } else {
            bruteForce.failed(realm, Optional.of(user), attempt);
        }
        return accepted;
    }

    private boolean check(User user, String code) {
        Optional<OtpCredential> credential = store.otp().find(user.id());
        if (credential.isEmpty()) {
            return false;
        }
        byte[] secret = Base32.decode(credential.get().secret()).orElseThrow();
        OptionalLong step =
                Totp.verify(secret, code, clock.instant(), credential.get().lastStep());
        if (step.isPresent()) {
            return store.otp().accept(user.id(), step.getAsLong());
        }
        return code.length() > Totp.DIGITS && store.otp().useRecoveryCode(user.id(), RecoveryCodes.hash(code));
    }

    /** The user's recovery codes not yet used. */
    public int recoveryCodesLeft(User user) {
        return store.otp().recoveryCodesLeft(user.id());
    }
}
