package dev.curfew.engine.bruteforce;

import dev.curfew.core.bruteforce.BruteForceRule;
import dev.curfew.core.bruteforce.LoginFailure;
import dev.curfew.core.bruteforce.UserLoginFailure;
import dev.curfew.core.realm.BruteForceSettings;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Brute-force protection of password sign-ins, per realm ({@link BruteForceSettings}): users' failures counted in
 * the store (so every node sees them) under the {@link BruteForceRule}, every lock audited, attempts on one account
 * bounded by the failures it has left ({@link AttemptGate}), failures per source address throttled in memory
 * ({@link AddressThrottle}), and what administrators see and clear.
 */
public final class BruteForceProtection {
    /** The audit log's actions. */
    public static final String LOCKED = "brute-force-lock";

    public static final String DISABLED = "brute-force-permanent-lockout";
    public static final String CLEARED = "brute-force-clear";
    public static final String CLEARED_ALL = "brute-force-clear-all";

    private final Store store;
    private final AuditLog audit;
    private final Clock clock;
    private final AttemptGate gate = new AttemptGate();
    private final AddressThrottle addresses;

    public BruteForceProtection(Store store, AuditLog audit, Clock clock, AddressSettings addresses) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.addresses = new AddressThrottle(addresses, clock);
    }

    /** What the audit log records of a lock. */
    record Locked(String userId, String username, String reason, int failures, Instant lockedUntil, long seconds) {}

    /** What the audit log records of a permanent lockout. */
    record Disabled(String userId, String username, int failures) {}

    /** What the audit log records of an administrator clearing a user's failures. */
    record Cleared(String userId, String username, int failures, boolean wasLocked) {}

    /** What the audit log records of an administrator clearing every user's failures in the realm. */
    record ClearedAll(long users) {}

    /**
     * Runs {@code check}, the password check of {@code username}, once fewer checks of that account are in flight on
     * this node than it has failures left before its next lock ({@link AttemptGate}).
     */
    public <T> T admitted(Realm realm, String username, Supplier<T> check) {
        return gate.admit(realm.id(), username, () -> allowance(realm, username), check);
    }

    /** The failures the account has left before its next lock: {@code failureFactor} for an unknown user. */
    private int allowance(Realm realm, String username) {
        int factor = realm.settings().bruteForce().failureFactor();
        return store.users()
                .findByUsername(realm.id(), username)
                .flatMap(this::failures)
                .map(f -> factor - f.numFailures() % factor)
                .orElse(factor);
    }

    /** How long the address must wait before its password attempts are checked again; empty when it need not. */
    public Optional<Duration> throttled(Realm realm, String sourceIp) {
        return addresses.refusal(realm.id(), sourceIp);
    }

    /** The user's failures since their last successful sign-in, if any. */
    public Optional<LoginFailure> failures(User user) {
        return store.loginFailures().find(user.id());
    }

    /** A successful sign-in forgets the user's failures (Keycloak's rule). */
    public void succeeded(LoginFailure failures) {
        store.loginFailures().delete(failures.userId());
    }

    /**
     * Counts a failed attempt: against the source address, and against the user when there is one and they are
     * enabled. A failure that locks the account (or, with {@code permanentLockout}, disables the user) is audited
     * in the same transaction.
     */
    public void failed(Realm realm, Optional<User> user, SignInAttempt attempt) {
        addresses.failure(realm.id(), attempt.sourceIp());
        user.filter(User::enabled).ifPresent(u -> count(realm, u, attempt));
    }

    private void count(Realm realm, User user, SignInAttempt attempt) {
        BruteForceSettings settings = realm.settings().bruteForce();
        store.inTransaction(tx -> {
            LoginFailure before = tx.loginFailures().lock(realm.id(), user.id());
            Instant now = clock.instant();
            BruteForceRule.Outcome outcome = BruteForceRule.failure(settings, before, now, attempt.sourceIp());
            tx.loginFailures().save(outcome.after());
            outcome.lock().ifPresent(lock -> {
                AuditLog.Actor system = AuditLog.Actor.system(attempt.requestId(), attempt.sourceIp());
                if (lock.reason() == BruteForceRule.Reason.PERMANENT) {
                    tx.users()
                            .findById(realm.id(), user.id())
                            .ifPresent(current -> tx.users().update(current.withEnabled(false)));
                    audit.record(
                            tx,
                            realm.id(),
                            system,
                            DISABLED,
                            lock.failures() + " failed sign-ins in a row: the user is disabled (permanentLockout)",
                            new Disabled(user.id(), user.username(), lock.failures()),
                            1);
                } else {
                    audit.record(
                            tx,
                            realm.id(),
                            system,
                            LOCKED,
                            reason(lock, settings),
                            new Locked(
                                    user.id(),
                                    user.username(),
                                    lock.reason() == BruteForceRule.Reason.QUICK_LOGIN ? "quick-login" : "failures",
                                    lock.failures(),
                                    lock.until().orElseThrow(),
                                    lock.length().toSeconds()),
                            1);
                }
            });
            return null;
        });
    }

    private static String reason(BruteForceRule.Lock lock, BruteForceSettings settings) {
        String length = Waits.describe(lock.length());
        return lock.reason() == BruteForceRule.Reason.QUICK_LOGIN
                ? "two failed sign-ins within " + settings.quickLoginCheck().toMillis() + " ms: locked for " + length
                : lock.failures() + " failed sign-ins in a row: locked for " + length;
    }

    /** Keycloak's brute-force status of a user: all zero when the realm's protection is off. */
    public record Status(
            int numFailures, boolean disabled, Optional<String> lastIpFailure, Optional<Instant> lastFailure) {
        static final Status NONE = new Status(0, false, Optional.empty(), Optional.empty());
    }

    public Status status(Realm realm, User user) {
        if (!realm.settings().bruteForce().enabled()) {
            return Status.NONE;
        }
        return failures(user)
                .map(f -> new Status(
                        f.numFailures(),
                        new UserLoginFailure(user, f).lockedAt(clock.instant()),
                        f.lastIp(),
                        f.lastFailure()))
                .orElse(Status.NONE);
    }

    /** The realm's users with failures, the latest first; only the locked ones when asked. */
    public List<UserLoginFailure> list(Realm realm, boolean lockedOnly, Page page) {
        return store.loginFailures().list(realm.id(), lockedAt(lockedOnly), page);
    }

    public long count(Realm realm, boolean lockedOnly) {
        return store.loginFailures().count(realm.id(), lockedAt(lockedOnly));
    }

    private Optional<Instant> lockedAt(boolean lockedOnly) {
        return lockedOnly ? Optional.of(clock.instant()) : Optional.empty();
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * An administrator forgets the user's failures (and so their lock), audited. A user a permanent lockout disabled
     * stays disabled, as in Keycloak: enabling them is a separate, deliberate change.
     */
    public void clear(Realm realm, User user, AuditLog.Actor actor) {
        store.inTransaction(tx -> {
            Optional<LoginFailure> before = tx.loginFailures().find(user.id());
            boolean deleted = tx.loginFailures().delete(user.id());
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    CLEARED,
                    "",
                    new Cleared(
                            user.id(),
                            user.username(),
                            before.map(LoginFailure::numFailures).orElse(0),
                            before.map(f -> new UserLoginFailure(user, f).lockedAt(clock.instant()))
                                    .orElse(false)),
                    deleted ? 1 : 0);
            return null;
        });
    }

    /** An administrator forgets every user's failures in the realm, and this node's counts of its addresses. */
    public long clearAll(Realm realm, AuditLog.Actor actor) {
        long cleared = store.inTransaction(tx -> {
            long deleted = tx.loginFailures().deleteAll(realm.id());
            audit.record(tx, realm.id(), actor, CLEARED_ALL, "", new ClearedAll(deleted), deleted);
            return deleted;
        });
        addresses.forget(realm.id());
        return cleared;
    }
}
