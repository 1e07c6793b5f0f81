package dev.curfew.core.bruteforce;

import dev.curfew.core.realm.BruteForceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one failed sign-in does to a user's record, under the realm's {@link BruteForceSettings} (Keycloak's
 * brute-force detection, with a doubling wait):
 *
 * <ul>
 *   <li>during a lock, attempts are refused without being counted: they neither lengthen the lock nor count
 *       towards the next one (they are remembered as the last failure and its address);
 *   <li>a failure more than {@code maxDeltaTime} after the previous one starts the count again;
 *   <li>every {@code failureFactor}-th failure locks the account: the n-th such lock lasts {@code waitIncrement}
 *       × 2<sup>n−1</sup>, at most {@code maxFailureWait} — or, with {@code permanentLockout}, disables the user;
 *   <li>a failure less than {@code quickLoginCheck} after the previous one locks the account for at least
 *       {@code minimumQuickLoginWait}.
 * </ul>
 *
 * A successful sign-in outside a lock forgets the record, as in Keycloak.
 */
public final class BruteForceRule {
    private BruteForceRule() {}

    /** Why the account was locked. */
    public enum Reason {
        /** {@code failureFactor} failures in a row. */
        FAILURES,
        /** two failures within {@code quickLoginCheck}. */
        QUICK_LOGIN,
        /** {@code failureFactor} failures in a row with {@code permanentLockout}: the user is disabled. */
        PERMANENT
    }

    /**
     * A lock a failure caused.
     *
     * @param until when it ends; empty for a permanent lockout
     * @param failures the failures counted when it was set
     */
    public record Lock(Reason reason, Optional<Instant> until, Duration length, int failures) {}

    /** The record after the failure, and the lock the failure set, if any. */
    public record Outcome(LoginFailure after, Optional<Lock> lock) {}

    public static Outcome failure(BruteForceSettings settings, LoginFailure before, Instant now, String ip) {
        if (before.lockedAt(now)) {
            return new Outcome(
                    new LoginFailure(
                            before.realmId(),
                            before.userId(),
                            before.numFailures(),
                            Optional.of(now),
                            Optional.of(ip),
                            before.lockedUntil(),
                            before.lockedPermanently()),
                    Optional.empty());
        }
        Optional<Duration> sincePrevious = before.lastFailure().map(last -> Duration.between(last, now));
        boolean reset = sincePrevious
                .filter(d -> d.compareTo(settings.maxDeltaTime()) > 0)
                .isPresent();
        int failures = (reset ? 0 : before.numFailures()) + 1;
        Optional<Lock> lock = lock(settings, failures, sincePrevious, now);
        boolean permanent = lock.filter(l -> l.reason() == Reason.PERMANENT).isPresent();
        LoginFailure after = new LoginFailure(
                before.realmId(),
                before.userId(),
                failures,
                Optional.of(now),
                Optional.of(ip),
                lock.flatMap(Lock::until),
                before.lockedPermanently() || permanent);
        return new Outcome(after, lock);
    }

    private static Optional<Lock> lock(
            BruteForceSettings settings, int failures, Optional<Duration> sincePrevious, Instant now) {
        boolean factor = failures % settings.failureFactor() == 0;
        if (factor && settings.permanentLockout()) {
            return Optional.of(new Lock(Reason.PERMANENT, Optional.empty(), Duration.ZERO, failures));
        }
        Duration wait = factor ? wait(settings, failures / settings.failureFactor()) : Duration.ZERO;
        Reason reason = Reason.FAILURES;
        boolean quick = !settings.quickLoginCheck().isZero()
                && sincePrevious
                        .filter(d -> d.compareTo(settings.quickLoginCheck()) < 0)
                        .isPresent();
        if (quick && settings.minimumQuickLoginWait().compareTo(wait) > 0) {
            wait = settings.minimumQuickLoginWait();
            reason = Reason.QUICK_LOGIN;
        }
        if (wait.isZero()) {
            return Optional.empty();
        }
        return Optional.of(new Lock(reason, Optional.of(now.plus(wait)), wait, failures));
    }

    /** The length of the n-th lock (n ≥ 1): the increment doubled n−1 times, at most the maximum. */
    public static Duration wait(BruteForceSettings settings, int n) {
        // 2^30 times the largest increment (a week) still fits a Duration; the maximum caps it long before.
        int doublings = Math.min(Math.max(n - 1, 0), 30);
        Duration wait = settings.waitIncrement().multipliedBy(1L << doublings);
        return wait.compareTo(settings.maxFailureWait()) > 0 ? settings.maxFailureWait() : wait;
    }
}
