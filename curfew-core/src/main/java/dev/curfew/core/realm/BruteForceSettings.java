package dev.curfew.core.realm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A realm's brute-force protection, with Keycloak's realm fields and meanings (names in parentheses are the
 * fields of the realm representation). On by default. See {@link dev.curfew.core.bruteforce.BruteForceRule}
 * for how they combine.
 *
 * @param enabled ({@code bruteForceProtected}) count failed sign-ins and lock accounts; default true
 * @param permanentLockout ({@code permanentLockout}) when the failures reach {@code failureFactor}, disable the
 *     user instead of locking them for a while; an administrator enables them again; default false
 * @param failureFactor ({@code failureFactor}) failures in a row that lock the account (and every further such
 *     number of failures locks it again); default 10
 * @param waitIncrement ({@code waitIncrementSeconds}) the first lock's length; each further lock without a
 *     successful sign-in in between is twice as long as the one before; default 1 minute
 * @param maxFailureWait ({@code maxFailureWaitSeconds}) no lock is longer; default 15 minutes
 * @param maxDeltaTime ({@code maxDeltaTimeSeconds}) a failure this long after the previous one starts the count
 *     again; default 12 hours
 * @param quickLoginCheck ({@code quickLoginCheckMilliSeconds}) two failures closer than this are a script, not
 *     a person: the account is locked for {@code minimumQuickLoginWait}; zero turns the check off; default 1 s
 * @param minimumQuickLoginWait ({@code minimumQuickLoginWaitSeconds}) the lock after a quick failure; default
 *     1 minute
 */
public record BruteForceSettings(
        boolean enabled,
        boolean permanentLockout,
        int failureFactor,
        Duration waitIncrement,
        Duration maxFailureWait,
        Duration maxDeltaTime,
        Duration quickLoginCheck,
        Duration minimumQuickLoginWait) {

    public static final int MAX_FAILURE_FACTOR = 10_000;
    /** The longest lock, wait increment and quick-login wait: a week. */
    public static final Duration MAX_WAIT = Duration.ofDays(7);
    /** The longest failure reset time: 30 days. */
    public static final Duration MAX_DELTA_TIME = Duration.ofDays(30);
    /** The longest quick-login window: a minute (longer would lock people who simply retype). */
    public static final Duration MAX_QUICK_LOGIN_CHECK = Duration.ofMinutes(1);

    public static final BruteForceSettings DEFAULTS = new BruteForceSettings(
            true,
            false,
            10,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ofHours(12),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1));

    public BruteForceSettings {
        List<String> problems = problems(
                failureFactor, waitIncrement, maxFailureWait, maxDeltaTime, quickLoginCheck, minimumQuickLoginWait);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Every reason the given values cannot form settings; empty when they can. Each message starts with the
     * realm representation's name of the field it is about.
     */
    public static List<String> problems(
            int failureFactor,
            Duration waitIncrement,
            Duration maxFailureWait,
            Duration maxDeltaTime,
            Duration quickLoginCheck,
            Duration minimumQuickLoginWait) {
        List<String> problems = new ArrayList<>();
        if (failureFactor < 1 || failureFactor > MAX_FAILURE_FACTOR) {
            problems.add("failureFactor must be from 1 to " + MAX_FAILURE_FACTOR);
        }
        boolean increment = seconds("waitIncrementSeconds", waitIncrement, 1, MAX_WAIT, problems);
        boolean max = seconds("maxFailureWaitSeconds", maxFailureWait, 1, MAX_WAIT, problems);
        if (increment && max && maxFailureWait.compareTo(waitIncrement) < 0) {
            problems.add("maxFailureWaitSeconds must not be below waitIncrementSeconds");
        }
        seconds("maxDeltaTimeSeconds", maxDeltaTime, 1, MAX_DELTA_TIME, problems);
        if (quickLoginCheck == null
                || quickLoginCheck.isNegative()
                || quickLoginCheck.compareTo(MAX_QUICK_LOGIN_CHECK) > 0) {
            problems.add("quickLoginCheckMilliSeconds must be from 0 (off) to " + MAX_QUICK_LOGIN_CHECK.toMillis());
        }
        seconds("minimumQuickLoginWaitSeconds", minimumQuickLoginWait, 0, MAX_WAIT, problems);
        return problems;
    }

    /** True when the value is within range; otherwise adds the problem. */
    private static boolean seconds(String name, Duration value, long min, Duration max, List<String> problems) {
        if (value == null || value.isNegative() || value.toSeconds() < min || value.compareTo(max) > 0) {
            problems.add(name + " must be from " + min + " to " + max.toSeconds() + " seconds");
            return false;
        }
        return true;
    }

    public BruteForceSettings withEnabled(boolean value) {
        return new BruteForceSettings(
                value,
                permanentLockout,
                failureFactor,
                waitIncrement,
                maxFailureWait,
                maxDeltaTime,
                quickLoginCheck,
                minimumQuickLoginWait);
    }

    public BruteForceSettings withPermanentLockout(boolean value) {
        return new BruteForceSettings(
                enabled,
                value,
                failureFactor,
                waitIncrement,
                maxFailureWait,
                maxDeltaTime,
                quickLoginCheck,
                minimumQuickLoginWait);
    }

    public BruteForceSettings withFailureFactor(int value) {
        return new BruteForceSettings(
                enabled,
                permanentLockout,
                value,
                waitIncrement,
                maxFailureWait,
                maxDeltaTime,
                quickLoginCheck,
                minimumQuickLoginWait);
    }

    public BruteForceSettings withQuickLoginCheck(Duration value) {
        return new BruteForceSettings(
                enabled,
                permanentLockout,
                failureFactor,
                waitIncrement,
                maxFailureWait,
                maxDeltaTime,
                value,
                minimumQuickLoginWait);
    }
}
