package dev.curfew.engine.otp;

import dev.curfew.core.otp.OtpCredential;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.TwoFactorPolicy;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.realm.RealmAdministrators;
import dev.curfew.engine.session.SessionEnding;
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
    /** The audit log's action for an authenticator removed by its user. */
    public static final String AUDIT_REMOVE = "otp.remove";

    /** The audit log's action for an authenticator removed by an administrator, with the user's sessions. */
    public static final String AUDIT_RESET = "otp.reset";

    private static final int SESSION_BATCH = 500;

    private final Store store;
    private final BruteForceProtection bruteForce;
    private final AuditLog audit;
    private final SessionEnding ending;
    private final Clock clock;

    public OtpService(Store store, BruteForceProtection bruteForce, AuditLog audit, SessionEnding ending, Clock clock) {
        this.store = store;
        this.bruteForce = bruteForce;
        this.audit = audit;
        this.ending = ending;
        this.clock = clock;
    }

    /** What the audit log records of a removal. */
    record RemovalDetail(String userId, String username) {}

    /** What the audit log records of an administrator's reset. */
    record ResetDetail(String userId, String username, int sessionsEnded) {}

    /** A new secret to enrol, not stored until confirmed with a code ({@link #confirm}). */
    public record Enrolment(String secret, String keyUri) {}

    public Enrolment begin(Realm realm, User user) {
        return enrolment(realm, user, Totp.newSecret());
    }

    /** The enrolment of a secret {@link #begin} drew, shown again (say, after a wrong first code). */
    public Optional<Enrolment> again(Realm realm, User user, String secret) {
        return Base32.decode(secret).filter(k -> k.length == 20).map(k -> enrolment(realm, user, k));
    }

    private static Enrolment enrolment(Realm realm, User user, byte[] secret) {
        String issuer = realm.displayName().isBlank() ? realm.name() : realm.displayName();
        return new Enrolment(Base32.encode(secret), Totp.keyUri(issuer, user.username(), secret));
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
     * Whether the realm's {@link TwoFactorPolicy} covers the user and they have no authenticator yet: a password
     * alone must then not give them tokens.
     */
    public boolean mustEnrol(Realm realm, User user) {
        return requiresSecondFactor(realm, user.id()) && !hasAuthenticator(user);
    }

    /**
     * Whether the realm's {@link TwoFactorPolicy} covers the user. Privileges are held by master-realm users and
     * admin tokens come from the master realm, so there any privilege makes an administrator; elsewhere a privilege
     * for that realm or for all realms does.
     */
    public boolean requiresSecondFactor(Realm realm, String userId) {
        TwoFactorPolicy policy = realm.settings().twoFactorRequired();
        if (policy != TwoFactorPolicy.ADMINISTRATORS) {
            return policy.covers(false);
        }
        return RealmAdministrators.isAdministrator(store, realm, userId);
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

    /**
     * Removes the user's authenticator and recovery codes, and records who did it in the audit log, in one
     * transaction. @return false when the user had none
     */
    public boolean remove(Realm realm, User user, AuditLog.Actor actor, String reason) {
        return store.inTransaction(tx -> {
            boolean removed = tx.otp().delete(user.id());
            if (removed) {
                audit.record(
                        tx, realm.id(), actor, AUDIT_REMOVE, reason, new RemovalDetail(user.id(), user.username()), 1);
            }
            return removed;
        });
    }

    /**
     * An administrator removes the user's authenticator (a lost phone) and, in the same transaction, ends every
     * session of the user the way every session ends ({@link SessionEnding}): whoever holds the phone or a session
     * signed in with it is out, relying parties and streams hear of each session, and the user signs in again with
     * the password alone and enrols anew. Recorded in the audit log as {@link #AUDIT_RESET}.
     *
     * @return the number of sessions ended, or empty when the user had no authenticator (nothing is changed)
     */
    public Optional<Integer> reset(Realm realm, User user, AuditLog.Actor actor, String reason) {
        SessionFilter theirs = SessionFilter.ofUser(user.id());
        return store.inTransaction(tx -> {
            if (!tx.otp().delete(user.id())) {
                return Optional.<Integer>empty();
            }
            int ended = 0;
            List<String> ids;
            do {
                ids = tx.sessions().matchingIds(realm.id(), theirs, Optional.empty(), SESSION_BATCH);
                ended += ending.end(tx, realm, ids, new SessionEnding.Cause.AuthenticatorRemoved());
            } while (ids.size() == SESSION_BATCH);
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    AUDIT_RESET,
                    reason,
                    new ResetDetail(user.id(), user.username(), ended),
                    ended);
            return Optional.of(ended);
        });
    }

    /** The user's recovery codes not yet used. */
    public int recoveryCodesLeft(User user) {
        return store.otp().recoveryCodesLeft(user.id());
    }
}
