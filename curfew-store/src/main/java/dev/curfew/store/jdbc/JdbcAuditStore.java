package dev.curfew.store.jdbc;

import dev.curfew.core.audit.AuditChain;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.store.AuditQuery;
import dev.curfew.core.store.AuditStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcAuditStore implements AuditStore {
    private static final String SELECT = """
            SELECT realm_id, seq, occurred_at, actor_id, actor_username, privilege, action, reason, detail, affected,
                request_id, source_ip, prev_hash, hash
            FROM audit_log
            """;

    private static final String INSERT = """
            INSERT INTO audit_log (realm_id, seq, occurred_at, actor_id, actor_username, privilege, action, reason,
                detail, affected, request_id, source_ip, prev_hash, hash)
            VALUES (:realmId, :seq, :at, :actorId, :actorUsername, :privilege, :action, :reason, :detail, :affected,
                :requestId, :sourceIp, :prevHash, :hash)
            """;

    private static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> new AuditEntry(
            rs.getLong("seq"),
            rs.getString("realm_id"),
            Columns.instant(rs, "occurred_at"),
            rs.getString("actor_id"),
            rs.getString("actor_username"),
            rs.getString("privilege"),
            rs.getString("action"),
            rs.getString("reason"),
            rs.getString("detail"),
            rs.getLong("affected"),
            rs.getString("request_id"),
            rs.getString("source_ip"),
            rs.getString("prev_hash"),
            rs.getString("hash"));

    private final Handles handles;

    JdbcAuditStore(Handles handles) {
        this.handles = handles;
    }

    /**
     * One transaction: lock the realm's chain head, link the draft after it, insert the entry, move the head.
     * The row lock makes concurrent appends to one realm take turns, so no two entries take the same seq or
     * link to the same predecessor; appends to different realms do not wait for each other.
     */
    @Override
    public AuditEntry append(AuditEntry draft) {
        return handles.inTransaction(h -> {
            Head head = lockHead(h, draft.realmId());
            AuditEntry entry = AuditChain.link(draft, head.lastSeq() + 1, head.lastHash());
            h.createUpdate(INSERT)
                    .bind("realmId", entry.realmId())
                    .bind("seq", entry.seq())
                    .bind("at", Columns.millis(entry.at()))
                    .bind("actorId", entry.actorId())
                    .bind("actorUsername", entry.actorUsername())
                    .bind("privilege", entry.privilege())
                    .bind("action", entry.action())
                    .bind("reason", entry.reason())
                    .bind("detail", entry.detail())
                    .bind("affected", entry.affected())
                    .bind("requestId", entry.requestId())
                    .bind("sourceIp", entry.sourceIp())
                    .bind("prevHash", entry.prevHash())
                    .bind("hash", entry.hash())
                    .execute();
            h.createUpdate("UPDATE audit_heads SET last_seq = :seq, last_hash = :hash WHERE realm_id = :realmId")
                    .bind("realmId", entry.realmId())
                    .bind("seq", entry.seq())
                    .bind("hash", entry.hash())
                    .execute();
            return entry;
        });
    }

    private record Head(long lastSeq, String lastHash) {}

    /**
     * The realm's head row, locked until the transaction ends. A realm's first append creates it; of two
     * first appends, the one whose insert fails as a duplicate then waits on the other's row lock.
     */
    private static Head lockHead(Handle h, String realmId) {
        Optional<Head> head = selectForUpdate(h, realmId);
        if (head.isPresent()) {
            return head.get();
        }
        Duplicates.insertIfAbsent(
                h,
                i -> i.createUpdate(
                                "INSERT INTO audit_heads (realm_id, last_seq, last_hash) VALUES (:realmId, 0, :genesis)")
                        .bind("realmId", realmId)
                        .bind("genesis", AuditChain.GENESIS)
                        .execute());
        return selectForUpdate(h, realmId)
                .orElseThrow(() -> new IllegalStateException("the audit head of realm " + realmId + " vanished"));
    }

    private static Optional<Head> selectForUpdate(Handle h, String realmId) {
        return h.createQuery("SELECT last_seq, last_hash FROM audit_heads WHERE realm_id = :realmId FOR UPDATE")
                .bind("realmId", realmId)
                .map((rs, ctx) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .findOne();
    }

    /** Newest first: the chain's order, which is the order the entries were appended in. */
    @Override
    public List<AuditEntry> list(AuditQuery query) {
        Where where = where(query);
        return handles.withHandle(
                h -> where.bind(h.createQuery(SELECT + where.sql() + " ORDER BY seq DESC LIMIT :max OFFSET :first"))
                        .bind("max", query.page().max())
                        .bind("first", query.page().first())
                        .map(ENTRY)
                        .list());
    }

    @Override
    public long count(AuditQuery query) {
        Where where = where(query);
        return handles.withHandle(h -> where.bind(h.createQuery("SELECT COUNT(*) FROM audit_log" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public Optional<AuditChain.Head> head(String realmId) {
        return handles.withHandle(
                h -> h.createQuery("SELECT last_seq, last_hash FROM audit_heads WHERE realm_id = :realmId")
                        .bind("realmId", realmId)
                        .map((rs, ctx) -> new AuditChain.Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                        .findOne());
    }

    /** @throws IllegalArgumentException unless {@code limit} is between 1 and {@link Batch#MAX_LIMIT} */
    @Override
    public List<AuditEntry> range(String realmId, long fromSeq, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(
                h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND seq >= :fromSeq ORDER BY seq LIMIT :limit")
                        .bind("realmId", realmId)
                        .bind("fromSeq", fromSeq)
                        .bind("limit", limit)
                        .map(ENTRY)
                        .list());
    }

    private static Where where(AuditQuery query) {
        Where where = new Where().and("realm_id = :realmId", "realmId", query.realmId());
        query.actorUsername()
                .ifPresent(username -> where.and("actor_username = :actorUsername", "actorUsername", username));
        query.action().ifPresent(action -> where.and("action = :action", "action", action));
        query.from().ifPresent(from -> where.and("occurred_at >= :fromAt", "fromAt", Columns.millis(from)));
        query.to().ifPresent(to -> where.and("occurred_at < :toAt", "toAt", Columns.millis(to)));
        return where;
    }
}
