package dev.curfew.engine.validity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.change.InProcessChangeFeed;
import dev.curfew.store.change.PostgresChangeFeed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node that does not hear the other nodes trusts its memory for a bounded time, then fails closed. */
class FailSafeTest {
    private static final Duration WINDOW = Duration.ofSeconds(30);

    @Test
    @DisplayName("a single node always hears itself: everything is judged by memory")
    void aSingleNodeTrustsItsMemory() {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
        FailSafe failSafe = new FailSafe(new InProcessChangeFeed(), WINDOW, clock);

        clock.advance(Duration.ofDays(1));

        assertThat(failSafe.trusts(0)).isTrue();
    }

    @Test
    @DisplayName("deaf (no PostgreSQL to listen to): old tokens are trusted for the window, then refused; tokens issued"
            + " within the window still pass")
    void aDeafNodeFailsClosedAfterTheWindow() {
        try (PostgresChangeFeed deaf = new PostgresChangeFeed("jdbc:postgresql://127.0.0.1:1/nothing", "x", "y")) {
            Instant start = deaf.deafSince().orElseThrow();
            MovableClock clock = new MovableClock(start);
            FailSafe failSafe = new FailSafe(deaf, WINDOW, clock);
            long issuedBefore = start.minus(Duration.ofMinutes(2)).toEpochMilli();

            clock.advance(WINDOW);
            assertThat(failSafe.trusts(issuedBefore))
                    .as("deaf for the whole window, not longer")
                    .isTrue();

            clock.advance(Duration.ofMillis(1));
            assertThat(failSafe.trusts(issuedBefore))
                    .as("deaf for longer than the window")
                    .isFalse();
            assertThat(failSafe.trusts(clock.millis() - WINDOW.toMillis()))
                    .as("issued at the window's start")
                    .isTrue();
            assertThat(failSafe.trusts(clock.millis())).as("issued now").isTrue();
        }
    }

    @Test
    @DisplayName("a window of 0 refuses everything issued before now as soon as the node is deaf")
    void aZeroWindowRefusesAtOnce() {
        try (PostgresChangeFeed deaf = new PostgresChangeFeed("jdbc:postgresql://127.0.0.1:1/nothing", "x", "y")) {
            MovableClock clock = new MovableClock(deaf.deafSince().orElseThrow().plusMillis(1));
            FailSafe failSafe = new FailSafe(deaf, Duration.ZERO, clock);

            assertThat(failSafe.trusts(clock.millis() - 1)).isFalse();
            assertThat(failSafe.trusts(clock.millis())).isTrue();
        }
    }
}
