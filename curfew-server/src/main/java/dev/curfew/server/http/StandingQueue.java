package dev.curfew.server.http;

import java.time.Duration;

/**
 * Tells a burst from overload by how long requests wait for a core (docs/architecture.md, "Admission under load"). A
 * burst makes requests wait, then the queue empties and a request is served at once again. Under overload it never
 * empties: every request waits longer than the {@code target}, and serving them in turn only makes every later one
 * wait as long. So once every request for an {@code interval} has waited longer than the target, a request that did
 * too is refused, and the queue drains; as soon as one is served within the target, the server counts as keeping up
 * again. (The same rule as controlled-delay queue management: a queue is judged by the smallest wait it gives, not by
 * its length.)
 *
 * <p>Safe to call from any thread. The time of the last short wait is written without synchronisation: a writer that
 * puts back a slightly older time only delays the next refusal by as much.
 */
final class StandingQueue {
    /**
     * How long waits must stay above the target before requests are refused: long enough that a burst (a page and
     * its assets, a client's retries, a collection) drains on its own; short enough that an overloaded server refuses
     * within a fraction of a second.
     */
    static final Duration INTERVAL = Duration.ofMillis(100);

    private final long targetNanos;
    private final long intervalNanos;

    /** The last short wait is written at most once per this many nanoseconds: a hundredth of the interval. */
    private final long writeEveryNanos;

    /** When a request last waited no longer than the target ({@link System#nanoTime()}). */
    private volatile long lastShortWait;

    StandingQueue(Duration target, Duration interval, long now) {
        this.targetNanos = target.toNanos();
        this.intervalNanos = interval.toNanos();
        this.writeEveryNanos = intervalNanos / 100;
        this.lastShortWait = now;
    }

    /**
     * Whether a request that has waited {@code waitedNanos} until {@code now} is refused: it waited longer than the
     * target, no request has waited less for the whole interval, and requests have been waiting all that time —
     * since {@code waitingSince}, when one last arrived to find none waiting (a server idle a minute ago is not
     * overloaded by its first slow request).
     */
    boolean refuses(long now, long waitedNanos, long waitingSince) {
        if (waitedNanos <= targetNanos) {
            if (now - lastShortWait >= writeEveryNanos) {
                lastShortWait = now;
            }
            return false;
        }
        return now - lastShortWait > intervalNanos && now - waitingSince > intervalNanos;
    }
}
