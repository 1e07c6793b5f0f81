package dev.curfew.engine.validity;

import dev.curfew.core.change.ChangeFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a node that does not hear the other nodes keeps judging tokens by what it holds in memory — the rule
 * {@code curfew-guard} applies to its own feed ({@code docs/architecture.md}, "One source of truth for validity").
 *
 * <p>Something issued at {@code iat} can only have missed a sign-out made after both its issue and the moment the node
 * stopped hearing. So it is trusted while either is at most {@code window} ago: once a node has been deaf for longer
 * than the window, what was issued before the window is refused, and it fails closed. A fresh token from a node that
 * hears passes.
 */
public final class FailSafe {
    /** The default window, as {@code curfew-guard}'s. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    private final ChangeFeed changes;
    private final Duration window;
    private final Clock clock;

    public FailSafe(ChangeFeed changes, Duration window, Clock clock) {
        this.changes = Objects.requireNonNull(changes);
        if (window.isNegative()) {
            throw new IllegalArgumentException("the fail-safe window cannot be negative");
        }
        this.window = window;
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether memory may judge something issued at {@code issuedAtMillis} now. */
    public boolean trusts(long issuedAtMillis) {
        Optional<Instant> deaf = changes.deafSince();
        if (deaf.isEmpty()) {
            return true;
        }
        long oldestTrusted = clock.millis() - window.toMillis();
        return deaf.get().toEpochMilli() >= oldestTrusted || issuedAtMillis >= oldestTrusted;
    }
}
