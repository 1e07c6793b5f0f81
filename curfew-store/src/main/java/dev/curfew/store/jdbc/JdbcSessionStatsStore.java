package dev.curfew.store.jdbc;

import dev.curfew.core.store.SessionStatsStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcSessionStatsStore implements SessionStatsStore {
    private static final RowMapper<Sample> SAMPLE =
            (rs, ctx) -> new Sample(Columns.instant(rs, "sampled_at"), rs.getLong("active"));
    private static final RowMapper<HourOfStarts> HOUR =
            (rs, ctx) -> new HourOfStarts(Columns.instant(rs, "hour_start"), rs.getLong("started"));

    private final Handles handles;

    JdbcSessionStatsStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void record(String realmId, Instant at, long active) {
        long sampledAt = Columns.millis(at);
        handles.useHandle(h -> Duplicates.upsert(
                h, u -> update(u, realmId, sampledAt, active), i -> insert(i, realmId, sampledAt, active)));
    }

    private static int update(Handle h, String realmId, long sampledAt, long active) {
        return h.createUpdate(
                        "UPDATE session_stats SET active = :active WHERE realm_id = :realmId AND sampled_at = :at")
                .bind("realmId", realmId)
                .bind("at", sampledAt)
                .bind("active", active)
                .execute();
    }

    private static void insert(Handle h, String realmId, long sampledAt, long active) {
        h.createUpdate("INSERT INTO session_stats (realm_id, sampled_at, active) VALUES (:realmId, :at, :active)")
                .bind("realmId", realmId)
                .bind("at", sampledAt)
                .bind("active", active)
                .execute();
    }

    @Override
    public List<Sample> since(String realmId, Instant from) {
        return handles.withHandle(h -> h.createQuery("""
                        SELECT sampled_at, active FROM session_stats
                        WHERE realm_id = :realmId AND sampled_at >= :from
                        ORDER BY sampled_at
                        """)
                .bind("realmId", realmId)
                .bind("from", Columns.millis(from))
                .map(SAMPLE)
                .list());
    }

    /** One {@link Batch}, oldest first: selects up to {@code limit} keys, then deletes them realm by realm. */
    @Override
    public int purgeBefore(Instant cutoff, int limit) {
        Batch.checkLimit(limit);
        long before = Columns.millis(cutoff);
        return handles.withHandle(h -> {
            Map<String, List<Long>> keys = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT realm_id, sampled_at FROM session_stats WHERE sampled_at < :before
                            ORDER BY sampled_at LIMIT :limit
                            """)
                    .bind("before", before)
                    .bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getString("realm_id"), rs.getLong("sampled_at")))
                    .forEach(key -> keys.computeIfAbsent(key.getKey(), r -> new ArrayList<>())
                            .add(key.getValue()));
            int removed = 0;
            for (Map.Entry<String, List<Long>> realm : keys.entrySet()) {
                removed += h.createUpdate(
                                "DELETE FROM session_stats WHERE realm_id = :realmId AND sampled_at IN (<at>)")
                        .bind("realmId", realm.getKey())
                        .bindList("at", realm.getValue())
                        .execute();
            }
            return removed;
        });
    }

    /** One row per realm and hour (V8__session_starts.sql): an increment, or the hour's first row. */
    @Override
    public void countStart(String realmId, Instant at) {
        long hour = Columns.millis(at.truncatedTo(ChronoUnit.HOURS));
        handles.useHandle(h -> Duplicates.upsert(
                h,
                u -> u.createUpdate("UPDATE session_starts SET started = started + 1"
                                + " WHERE realm_id = :realmId AND hour_start = :hour")
                        .bind("realmId", realmId)
                        .bind("hour", hour)
                        .execute(),
                i -> i.createUpdate("INSERT INTO session_starts (realm_id, hour_start, started)"
                                + " VALUES (:realmId, :hour, 1)")
                        .bind("realmId", realmId)
                        .bind("hour", hour)
                        .execute()));
    }

    @Override
    public List<HourOfStarts> startsSince(String realmId, Instant from) {
        return handles.withHandle(h -> h.createQuery("""
                        SELECT hour_start, started FROM session_starts
                        WHERE realm_id = :realmId AND hour_start >= :from
                        ORDER BY hour_start
                        """)
                .bind("realmId", realmId)
                .bind("from", Columns.millis(from.truncatedTo(ChronoUnit.HOURS)))
                .map(HOUR)
                .list());
    }

    /** Like {@link #purgeBefore}: up to {@code limit} keys, oldest first, then deleted realm by realm. */
    @Override
    public int purgeStartsBefore(Instant cutoff, int limit) {
        Batch.checkLimit(limit);
        long before = Columns.millis(cutoff);
        return handles.withHandle(h -> {
            Map<String, List<Long>> keys = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT realm_id, hour_start FROM session_starts WHERE hour_start < :before
                            ORDER BY hour_start LIMIT :limit
                            """)
                    .bind("before", before)
                    .bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getString("realm_id"), rs.getLong("hour_start")))
                    .forEach(key -> keys.computeIfAbsent(key.getKey(), r -> new ArrayList<>())
                            .add(key.getValue()));
            int removed = 0;
            for (Map.Entry<String, List<Long>> realm : keys.entrySet()) {
                removed += h.createUpdate(
                                "DELETE FROM session_starts WHERE realm_id = :realmId AND hour_start IN (<hours>)")
                        .bind("realmId", realm.getKey())
                        .bindList("hours", realm.getValue())
                        .execute();
            }
            return removed;
        });
    }
}
