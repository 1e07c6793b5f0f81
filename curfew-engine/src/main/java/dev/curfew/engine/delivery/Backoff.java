package dev.curfew.engine.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} is uniform in
 * [0, min(maxDelay, baseDelay · 2^(n−1))]. Full jitter spreads the retries of many notifications that failed
 * together (a relying party that was down), so they do not return as one burst (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", 2015).
 */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The wait after {@code attempts} failed attempts (1 or more). */
    Duration delayAfter(int attempts) {
        int doublings = Math.max(attempts - 1, 0);
        long ceiling = max.toMillis();
        if (doublings < 31) {
            // base · 2^30 ms already exceeds any sensible maximum; the shift cannot overflow below that.
            ceiling = Math.min(ceiling, base.toMillis() << doublings);
        }
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
