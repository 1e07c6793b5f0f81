package dev.curfew.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The number of active sessions over time, per realm: housekeeping records a sample every minute and the
 * admin console charts them.
 */
public interface SessionStatsStore {
    /** One sample: {@code active} sessions were stored at {@code at}. */
    record Sample(Instant at, long active) {}

    /**
     * Records that the realm had {@code active} sessions at {@code at} (kept to the millisecond); a second
     * sample at the same instant replaces the first.
     */
    void record(String realmId, Instant at, long active);

    /** The realm's samples taken at {@code from} or later, oldest first. */
    List<Sample> since(String realmId, Instant from);

    /** Removes samples, of every realm, taken before {@code cutoff}. @return rows removed (at most {@code limit}) */
    int purgeBefore(Instant cutoff, int limit);
}
