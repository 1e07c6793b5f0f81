package dev.curfew.engine.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher delivers; validated once, then fixed.
 *
 * @param maxAge after this long without success (counted from queuing, or from a manual retry) a notification
 *     is dead; default 24 hours
 * @param baseDelay the first retry waits up to this long; each further one up to twice as long; default 1 s
 * @param maxDelay no retry waits longer than this; default 15 minutes
 * @param batchSize rows claimed per round; default 200
 * @param concurrency destinations delivered to at once; default 32
 * @param claimLease how long a claim hides rows from other nodes; after a crash they are picked up once it
 *     expires; default 2 minutes (longer than a full batch to one destination normally takes)
 * @param connectTimeout default 5 s
 * @param requestTimeout a destination answering later counts as a failed attempt; default 10 s
 * @param pollInterval how often the queue is looked at when nothing wakes the dispatcher; default 1 s
 */
public record DeliverySettings(
        Duration maxAge,
        Duration baseDelay,
        Duration maxDelay,
        int batchSize,
        int concurrency,
        Duration claimLease,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration pollInterval) {

    public static final DeliverySettings DEFAULTS = new DeliverySettings(
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            Duration.ofMinutes(15),
            200,
            32,
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1));

    public DeliverySettings {
        for (Duration d :
                new Duration[] {maxAge, baseDelay, maxDelay, claimLease, connectTimeout, requestTimeout, pollInterval
                }) {
            Objects.requireNonNull(d);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("delivery durations must be positive");
            }
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be below baseDelay");
        }
        if (batchSize < 1 || batchSize > 10_000 || concurrency < 1) {
            throw new IllegalArgumentException("batchSize must be 1..10000 and concurrency at least 1");
        }
    }

    public DeliverySettings withMaxAge(Duration v) {
        return new DeliverySettings(
                v,
                baseDelay,
                maxDelay,
                batchSize,
                concurrency,
                claimLease,
                connectTimeout,
                requestTimeout,
                pollInterval);
    }

    public DeliverySettings withConcurrency(int v) {
        return new DeliverySettings(
                maxAge, baseDelay, maxDelay, batchSize, v, claimLease, connectTimeout, requestTimeout, pollInterval);
    }

    public DeliverySettings withRequestTimeout(Duration v) {
        return new DeliverySettings(
                maxAge, baseDelay, maxDelay, batchSize, concurrency, claimLease, connectTimeout, v, pollInterval);
    }
}
