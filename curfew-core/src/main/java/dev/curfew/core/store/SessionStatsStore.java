package dev.curfew.core.store;

import java.time.Instant;
import java.util.List;

/**
 * Sessions over time, per realm, for the admin console's charts: the number of active sessions, which
 * housekeeping samples every minute, and the number of sessions started in each hour, counted as they start
 * (the sessions table cannot tell: it forgets a session when it is signed out or expires).
 */
public interface SessionStatsStore {
    /** One sample: {@code active} sessions were stored at {@code at}. */
    record Sample(Instant at, long active) {}

    /** {@code started} sessions began in the hour (UTC) that begins at {@code hour}. */
    record HourOfStarts(Instant hour, long started) {}

    /**
     * Records that the realm had {@code active} sessions at {@code at} (kept to the millisecond); a second
     * sample at the same instant replaces the first.
     */
    void record(String realmId, Instant at, long active);

    /** The realm's samples taken at {@code from} or later, oldest first. */
    List<Sample> since(String realmId, Instant from);

    /** Removes samples, of every realm, taken before {@code cutoff}. @return rows removed (at most {@code limit}) */
    int purgeBefore(Instant cutoff, int limit);

    /**
     * Counts one session of the realm started at {@code at}, in its hour. Call it in the transaction that
     * stores the session, so a start is counted if and only if the session was stored.
     */
    void countStart(String realmId, Instant at);

    /** The realm's hours with starts, from the hour that contains {@code from}, oldest first. */
    List<HourOfStarts> startsSince(String realmId, Instant from);

    /**
     * Removes hourly start counts, of every realm, for hours that began before {@code cutoff}. @return rows
     * removed (at most {@code limit})
     */
    int purgeStartsBefore(Instant cutoff, int limit);
}
