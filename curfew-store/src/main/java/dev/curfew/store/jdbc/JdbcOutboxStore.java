package dev.curfew.store.jdbc;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.delivery.DestinationSummary;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.OutboxStore;
import dev.curfew.core.util.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link OutboxStore} on JDBC. The claim is portable (no {@code FOR UPDATE SKIP LOCKED}, which H2 lacks): a
 * bounded SELECT of due ids, then an UPDATE of those ids that checks the claim condition again, so when two
 * nodes race for a row, the one whose update waits on the other's lock finds the row claimed and skips it
 * (PostgreSQL re-evaluates the condition on the locked row under READ COMMITTED). The ids are selected first,
 * not in a sub-select of the UPDATE: H2 ran that sub-select again for every row it updated, so one claim of
 * 200 rows sorted the whole queue 200 times (3-5 s with 20,000 queued rows; {@code bench/delivery.sh}).
 */
final class JdbcOutboxStore implements OutboxStore {
    private static final String COLUMNS = """
            id, realm_id, kind, destination, payload, content_type, created_at, queued_at, next_attempt_at, attempts,
                last_error, status, sign_out_id, client_id, delivered_at""";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM outbox";

    /** A duplicate id (jti) is the idempotency case: nothing happens, and the transaction goes on. */
    private static final String INSERT = """
            INSERT INTO outbox (id, realm_id, kind, destination, payload, content_type, created_at, queued_at,
                next_attempt_at, attempts, last_error, status, sign_out_id, client_id, delivered_at)
            VALUES (:id, :realmId, :kind, :destination, :payload, :contentType, :createdAt, :queuedAt,
                :nextAttemptAt, :attempts, :lastError, :status, :signOutId, :clientId, :deliveredAt)
            ON CONFLICT DO NOTHING
            """;

    private static final String UNCLAIMED = "(claimed_until IS NULL OR claimed_until < :now)";

    /** The rows of one batch insert, well under PostgreSQL's parameter limit per statement. */
    private static final int INSERT_CHUNK = 500;

    private static final RowMapper<Delivery> DELIVERY = (rs, ctx) -> new Delivery(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("kind"),
            rs.getString("destination"),
            rs.getString("payload"),
            rs.getString("content_type"),
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "queued_at"),
            Columns.instant(rs, "next_attempt_at"),
            rs.getInt("attempts"),
            Columns.optionalString(rs, "last_error"),
            Delivery.Status.valueOf(rs.getString("status")),
            Columns.optionalString(rs, "sign_out_id"),
            rs.getString("client_id"),
            Columns.optionalInstant(rs, "delivered_at"));

    private final Handles handles;

    JdbcOutboxStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public int enqueue(Collection<Delivery> deliveries) {
        List<Delivery> all = List.copyOf(deliveries);
        int added = 0;
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
            List<Delivery> chunk = all.subList(from, Math.min(all.size(), from + INSERT_CHUNK));
            added += handles.withHandle(h -> {
                PreparedBatch batch = h.prepareBatch(INSERT);
                for (Delivery d : chunk) {
                    batch.bind("id", d.id())
                            .bind("realmId", d.realmId())
                            .bind("kind", d.kind())
                            .bind("destination", d.destination())
                            .bind("payload", d.payload())
                            .bind("contentType", d.contentType())
                            .bind("createdAt", Columns.millis(d.createdAt()))
                            .bind("queuedAt", Columns.millis(d.queuedAt()))
                            .bind("nextAttemptAt", Columns.millis(d.nextAttemptAt()))
                            .bind("attempts", d.attempts())
                            .bind("lastError", d.lastError().orElse(null))
                            .bind("status", d.status().name())
                            .bind("signOutId", d.signOutId().orElse(null))
                            .bind("clientId", d.clientId())
                            .bind("deliveredAt", Columns.millis(d.deliveredAt()))
                            .add();
                }
                return Batch.added(batch.execute());
            });
        }
        return added;
    }

    @Override
    public List<Delivery> claimDue(Instant now, Instant claimUntil, int limit) {
        Batch.checkLimit(limit);
        String token = Secrets.newId();
        long at = Columns.millis(now);
        return handles.withHandle(h -> {
            List<String> due = h.createQuery("""
                            SELECT id FROM outbox
                            WHERE status = 'QUEUED' AND next_attempt_at <= :now AND %s
                            ORDER BY next_attempt_at, created_at, id
                            LIMIT :limit
                            """.formatted(UNCLAIMED))
                    .bind("now", at)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (due.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE outbox SET claimed_until = :until, claim_token = :token"
                            + " WHERE id IN (<ids>) AND status = 'QUEUED' AND " + UNCLAIMED)
                    .bindList("ids", due)
                    .bind("until", Columns.millis(claimUntil))
                    .bind("token", token)
                    .bind("now", at)
                    .execute();
            return h.createQuery(SELECT + " WHERE claim_token = :token ORDER BY created_at, id")
                    .bind("token", token)
                    .map(DELIVERY)
                    .list();
        });
    }

    @Override
    public void release(String id) {
        handles.useHandle(
                h -> h.createUpdate("UPDATE outbox SET claimed_until = NULL, claim_token = NULL WHERE id = :id")
                        .bind("id", id)
                        .execute());
    }

    private static final String MARK_DELIVERED = """
            UPDATE outbox SET status = 'DELIVERED', attempts = :attempts, delivered_at = :at,
                claimed_until = NULL, claim_token = NULL
            WHERE id = :id
            """;

    @Override
    public void markDelivered(String id, int attempts, Instant at) {
        handles.useHandle(h -> h.createUpdate(MARK_DELIVERED)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("at", Columns.millis(at))
                .execute());
    }

    /**
     * One JDBC batch in one transaction: the driver sends the updates together and waits for their answers once,
     * and the database commits (flushes its log) once, not once per row.
     */
    @Override
    public void markDelivered(Collection<Delivered> rows) {
        if (rows.isEmpty()) {
            return;
        }
        handles.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(MARK_DELIVERED);
            for (Delivered d : rows) {
                batch.bind("id", d.id())
                        .bind("attempts", d.attempts())
                        .bind("at", Columns.millis(d.at()))
                        .add();
            }
            batch.execute();
            return null;
        });
    }

    @Override
    public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
        handles.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :error,
                            claimed_until = NULL, claim_token = NULL
                        WHERE id = :id AND status = 'QUEUED'
                        """)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("next", Columns.millis(nextAttemptAt))
                .bind("error", error)
                .execute());
    }

    @Override
    public void markDead(String id, int attempts, String error) {
        handles.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET status = 'DEAD', attempts = :attempts, last_error = :error,
                            claimed_until = NULL, claim_token = NULL
                        WHERE id = :id
                        """)
                .bind("id", id)
                .bind("attempts", attempts)
                .bind("error", error)
                .execute());
    }

    @Override
    public Optional<Delivery> find(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(DELIVERY)
                .findOne());
    }

    @Override
    public List<Delivery> list(String realmId, Delivery.Status status, Optional<String> clientId, Page page) {
        String client = clientId.isPresent() ? " AND client_id = :clientId" : "";
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND status = :status" + client
                        + " ORDER BY created_at DESC, id LIMIT :max OFFSET :first")
                .bind("realmId", realmId)
                .bind("status", status.name())
                .bind("clientId", clientId.orElse(null))
                .bind("max", page.max())
                .bind("first", page.first())
                .map(DELIVERY)
                .list());
    }

    @Override
    public Map<Delivery.Status, Long> countsOfClient(String realmId, String clientId) {
        Map<Delivery.Status, Long> counts = new EnumMap<>(Delivery.Status.class);
        for (Delivery.Status status : Delivery.Status.values()) {
            counts.put(status, 0L);
        }
        handles.useHandle(h -> h.createQuery("""
                        SELECT status, COUNT(*) AS n FROM outbox
                         WHERE realm_id = :realmId AND client_id = :clientId
                         GROUP BY status
                        """)
                .bind("realmId", realmId)
                .bind("clientId", clientId)
                .map((rs, ctx) -> Map.entry(Delivery.Status.valueOf(rs.getString("status")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    @Override
    public List<DestinationSummary> summaryOfSignOut(String realmId, String signOutId) {
        return handles.withHandle(h -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, String> clients = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT destination, client_id, status, COUNT(*) AS n FROM outbox
                            WHERE realm_id = :realmId AND sign_out_id = :signOutId
                            GROUP BY destination, client_id, status
                            ORDER BY destination, client_id, status
                            """)
                    .bind("realmId", realmId)
                    .bind("signOutId", signOutId)
                    .map((rs, ctx) -> {
                        String key = rs.getString("destination") + "\n" + rs.getString("client_id");
                        clients.put(key, rs.getString("client_id"));
                        long[] c = counts.computeIfAbsent(key, k -> new long[3]);
                        c[Delivery.Status.valueOf(rs.getString("status")).ordinal()] += rs.getLong("n");
                        return key;
                    })
                    .list();
            List<DestinationSummary> summaries = new ArrayList<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                String destination = e.getKey().substring(0, e.getKey().indexOf('\n'));
                String clientId = clients.get(e.getKey());
                Optional<String> lastError = h.createQuery("""
                                SELECT last_error FROM outbox
                                WHERE realm_id = :realmId AND sign_out_id = :signOutId AND destination = :destination
                                    AND client_id = :clientId AND last_error IS NOT NULL
                                ORDER BY next_attempt_at DESC, id LIMIT 1
                                """)
                        .bind("realmId", realmId)
                        .bind("signOutId", signOutId)
                        .bind("destination", destination)
                        .bind("clientId", clientId)
                        .mapTo(String.class)
                        .findOne();
                long[] c = e.getValue();
                summaries.add(new DestinationSummary(
                        destination,
                        clientId,
                        c[Delivery.Status.QUEUED.ordinal()],
                        c[Delivery.Status.DELIVERED.ordinal()],
                        c[Delivery.Status.DEAD.ordinal()],
                        lastError));
            }
            return summaries;
        });
    }

    @Override
    public boolean retry(String realmId, String id, Instant now) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE outbox SET status = 'QUEUED', attempts = 0, queued_at = :now,
                                    next_attempt_at = :now, claimed_until = NULL, claim_token = NULL
                                WHERE realm_id = :realmId AND id = :id AND status = 'DEAD'
                                """)
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .bind("now", Columns.millis(now))
                        .execute())
                > 0;
    }

    @Override
    public long count(Delivery.Status status) {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE status = :status")
                .bind("status", status.name())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public int purgeDelivered(Instant before, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> {
            List<String> ids = h.createQuery("""
                            SELECT id FROM outbox WHERE status = 'DELIVERED' AND delivered_at < :before LIMIT :limit
                            """)
                    .bind("before", Columns.millis(before))
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM outbox WHERE id IN (<ids>)")
                    .bindList("ids", ids)
                    .execute();
        });
    }
}
