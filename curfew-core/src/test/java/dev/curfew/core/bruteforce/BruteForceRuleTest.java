package dev.curfew.core.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.BruteForceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The brute-force rule: what one failed sign-in does to an account")
class BruteForceRuleTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String IP = "192.0.2.7";
    /** Keycloak's defaults, without the quick-login check, so failures a second apart count plainly. */
    private static final BruteForceSettings SLOW = BruteForceSettings.DEFAULTS.withQuickLoginCheck(Duration.ZERO);

    /** {@code n} failures, {@code gap} apart from T0, without a lock in force at any of them. */
    private static LoginFailure failures(BruteForceSettings settings, int n, Duration gap) {
        LoginFailure record = LoginFailure.none("realm", "user");
        for (int i = 0; i < n; i++) {
            record = BruteForceRule.failure(settings, record, T0.plus(gap.multipliedBy(i)), IP)
                    .after();
        }
        return record;
    }

    @Test
    @DisplayName("nine failures do not lock; the tenth locks for the wait increment (1 minute)")
    void theFailureFactorthFailureLocksForTheIncrement() {
        LoginFailure nine = failures(SLOW, 9, Duration.ofSeconds(2));
        assertThat(nine.numFailures()).isEqualTo(9);
        assertThat(nine.lockedUntil()).isEmpty();

        Instant tenth = T0.plusSeconds(18);
        BruteForceRule.Outcome outcome = BruteForceRule.failure(SLOW, nine, tenth, IP);

        assertThat(outcome.lock())
                .contains(new BruteForceRule.Lock(
                        BruteForceRule.Reason.FAILURES, Optional.of(tenth.plusSeconds(60)), Duration.ofMinutes(1), 10));
        assertThat(outcome.after().lockedAt(tenth.plusSeconds(59))).isTrue();
        assertThat(outcome.after().lockedAt(tenth.plusSeconds(60))).isFalse();
        assertThat(outcome.after().lastIp()).contains(IP);
    }

    @Test
    @DisplayName("each further lock doubles the wait: 1, 2, 4, 8 minutes, then 15 minutes at most")
    void locksDoubleUpToTheMaximum() {
        assertThat(BruteForceRule.wait(SLOW, 1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BruteForceRule.wait(SLOW, 2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(BruteForceRule.wait(SLOW, 3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(BruteForceRule.wait(SLOW, 4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(BruteForceRule.wait(SLOW, 5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(BruteForceRule.wait(SLOW, 1_000_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("after a lock ends, the next ten failures lock again for twice as long")
    void theSecondLockIsTwiceAsLong() {
        LoginFailure locked = failures(SLOW, 10, Duration.ofSeconds(2));
        Instant afterLock = locked.lockedUntil().orElseThrow();
        LoginFailure record = locked;
        BruteForceRule.Outcome outcome = null;
        for (int i = 0; i < 10; i++) {
            outcome = BruteForceRule.failure(SLOW, record, afterLock.plusSeconds(2L * i), IP);
            record = outcome.after();
        }
        assertThat(record.numFailures()).isEqualTo(20);
        assertThat(outcome.lock().orElseThrow().length()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("attempts during a lock neither count nor lengthen it, but are remembered as the last failure")
    void attemptsDuringALockAreNotCounted() {
        LoginFailure locked = failures(SLOW, 10, Duration.ofSeconds(2));
        Instant during = locked.lockedUntil().orElseThrow().minusSeconds(1);

        BruteForceRule.Outcome outcome = BruteForceRule.failure(SLOW, locked, during, "198.51.100.1");

        assertThat(outcome.lock()).isEmpty();
        assertThat(outcome.after().numFailures()).isEqualTo(10);
        assertThat(outcome.after().lockedUntil()).isEqualTo(locked.lockedUntil());
        assertThat(outcome.after().lastFailure()).contains(during);
        assertThat(outcome.after().lastIp()).contains("198.51.100.1");
    }

    @Test
    @DisplayName("a failure more than maxDeltaTime (12 h) after the previous one starts the count again")
    void anOldCountIsForgotten() {
        LoginFailure nine = failures(SLOW, 9, Duration.ofSeconds(2));
        Instant muchLater =
                nine.lastFailure().orElseThrow().plus(Duration.ofHours(12)).plusSeconds(1);

        BruteForceRule.Outcome outcome = BruteForceRule.failure(SLOW, nine, muchLater, IP);

        assertThat(outcome.after().numFailures()).isEqualTo(1);
        assertThat(outcome.lock()).isEmpty();
    }

    @Test
    @DisplayName("two failures within quickLoginCheckMilliSeconds lock for minimumQuickLoginWaitSeconds")
    void quickFailuresLock() {
        BruteForceSettings settings = BruteForceSettings.DEFAULTS;
        LoginFailure first = BruteForceRule.failure(settings, LoginFailure.none("realm", "user"), T0, IP)
                .after();

        BruteForceRule.Outcome second = BruteForceRule.failure(settings, first, T0.plusMillis(400), IP);

        assertThat(second.lock()).hasValueSatisfying(lock -> {
            assertThat(lock.reason()).isEqualTo(BruteForceRule.Reason.QUICK_LOGIN);
            assertThat(lock.length()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(BruteForceRule.failure(settings, first, T0.plusMillis(1000), IP)
                        .lock())
                .as("a second later is a person retyping")
                .isEmpty();
    }

    @Test
    @DisplayName("with permanentLockout the tenth failure disables the user instead of locking for a while")
    void permanentLockoutDisables() {
        BruteForceSettings permanent = SLOW.withPermanentLockout(true);
        LoginFailure nine = failures(permanent, 9, Duration.ofSeconds(2));

        BruteForceRule.Outcome outcome = BruteForceRule.failure(permanent, nine, T0.plusSeconds(18), IP);

        assertThat(outcome.lock()).hasValueSatisfying(lock -> {
            assertThat(lock.reason()).isEqualTo(BruteForceRule.Reason.PERMANENT);
            assertThat(lock.until()).isEmpty();
        });
        assertThat(outcome.after().lockedPermanently()).isTrue();
        assertThat(outcome.after().lockedUntil()).isEmpty();
    }
}
