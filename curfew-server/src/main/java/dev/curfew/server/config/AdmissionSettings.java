package dev.curfew.server.config;

import java.time.Duration;

/**
 * How many requests are served at once, how many may wait for a turn, and for how long (docs/architecture.md,
 * "Admission under load"). Past either bound a request is refused at once with {@code 503} and
 * {@code Retry-After}: a client told to come back soon does better than one left waiting behind a queue that
 * grows without end.
 *
 * @param concurrent requests served at once; default 4 per core, at most the database pool, so an admitted request
 *     never waits for a connection behind requests that are not yet admitted
 * @param queue requests waiting for a turn, served first in, first out; default 16 per concurrent request
 * @param maxWait the longest a request waits for a turn before it is refused; default 1 s
 * @param targetWait the longest a request may wait for a core when the server is overloaded: once every request for
 *     100 ms has waited longer, with more than {@code queue} waiting for a core, one that did too is refused at once;
 *     default 50 ms
 */
public record AdmissionSettings(int concurrent, int queue, Duration maxWait, Duration targetWait) {
    public static final int MAX_CONCURRENT = 10_000;
    public static final int MAX_QUEUE = 100_000;
    public static final int CONCURRENT_PER_CORE = 4;
    public static final int QUEUE_PER_CONCURRENT = 16;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
    public static final Duration MIN_MAX_WAIT = Duration.ofMillis(10);
    public static final Duration MAX_MAX_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TARGET_WAIT = Duration.ofMillis(50);
    public static final Duration MIN_TARGET_WAIT = Duration.ofMillis(1);
    public static final Duration MAX_TARGET_WAIT = Duration.ofSeconds(60);

    public AdmissionSettings {
        if (concurrent < 1 || concurrent > MAX_CONCURRENT || queue < 0 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException(
                    "concurrent requests must be 1 to " + MAX_CONCURRENT + " and the queue 0 to " + MAX_QUEUE);
        }
        if (maxWait.compareTo(MIN_MAX_WAIT) < 0 || maxWait.compareTo(MAX_MAX_WAIT) > 0) {
            throw new IllegalArgumentException("the longest wait must be 10ms to 60s");
        }
        if (targetWait.compareTo(MIN_TARGET_WAIT) < 0 || targetWait.compareTo(MAX_TARGET_WAIT) > 0) {
            throw new IllegalArgumentException("the target wait must be 1ms to 60s");
        }
    }

    /** These bounds, with the default target wait for a core. */
    public AdmissionSettings(int concurrent, int queue, Duration maxWait) {
        this(concurrent, queue, maxWait, DEFAULT_TARGET_WAIT);
    }

    /** 4 requests per core at once (at most {@code poolSize}), 16 waiting per concurrent request, 1 s of wait. */
    public static int defaultConcurrent(int cores, int poolSize) {
        return Math.max(1, Math.min(cores * CONCURRENT_PER_CORE, poolSize));
    }
}
