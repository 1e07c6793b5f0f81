package dev.curfew.core.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.BruteForceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

@Label("The brute-force rule, for any settings and any sequence of failures")
class BruteForceRuleProperties {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Property
    @Label("no lock is longer than maxFailureWait or minimumQuickLoginWait, whichever is longer")
    void noLockExceedsTheMaximum(
            @ForAll @IntRange(min = 1, max = 20) int failureFactor,
            @ForAll @LongRange(min = 1, max = 3600) long increment,
            @ForAll @LongRange(min = 0, max = 7200) long extraMax,
            @ForAll @LongRange(min = 0, max = 600) long quickWait,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 120_000) Long> gapsMillis) {
        BruteForceSettings settings = settings(failureFactor, increment, increment + extraMax, quickWait);
        Duration longest = settings.maxFailureWait().compareTo(settings.minimumQuickLoginWait()) > 0
                ? settings.maxFailureWait()
                : settings.minimumQuickLoginWait();
        LoginFailure record = LoginFailure.none("realm", "user");
        Instant now = T0;
        for (long gap : gapsMillis) {
            now = now.plusMillis(gap);
            BruteForceRule.Outcome outcome = BruteForceRule.failure(settings, record, now, "192.0.2.1");
            outcome.lock().ifPresent(lock -> assertThat(lock.length()).isLessThanOrEqualTo(longest));
            record = outcome.after();
        }
    }

    @Property
    @Label("failures outside any lock, closer than maxDeltaTime, lock the account at every failureFactor-th one")
    void everyFailureFactorthFailureLocks(
            @ForAll @IntRange(min = 1, max = 20) int failureFactor, @ForAll @IntRange(min = 1, max = 100) int n) {
        BruteForceSettings settings = settings(failureFactor, 60, 900, 0);
        LoginFailure record = LoginFailure.none("realm", "user");
        Instant now = T0;
        int locks = 0;
        for (int i = 0; i < n; i++) {
            // Step past any lock in force, so that every attempt is counted.
            now = record.lockedUntil().filter(now::isBefore).orElse(now).plusSeconds(2);
            BruteForceRule.Outcome outcome = BruteForceRule.failure(settings, record, now, "192.0.2.1");
            locks += outcome.lock().isPresent() ? 1 : 0;
            record = outcome.after();
        }
        assertThat(record.numFailures()).isEqualTo(n);
        assertThat(locks).isEqualTo(n / failureFactor);
    }

    private static BruteForceSettings settings(int failureFactor, long increment, long max, long quickWait) {
        return new BruteForceSettings(
                true,
                false,
                failureFactor,
                Duration.ofSeconds(increment),
                Duration.ofSeconds(max),
                Duration.ofHours(12),
                Duration.ofSeconds(1),
                Duration.ofSeconds(quickWait));
    }
}
