package dev.curfew.core.store;

import dev.curfew.core.audit.AuditChain;
import dev.curfew.core.audit.AuditEntry;
import java.util.List;
import java.util.Optional;

/** The append-only, hash-chained audit log of each realm. There is no update and no delete. */
public interface AuditStore {
    /**
     * Places the draft at the end of its realm's chain ({@link dev.curfew.core.audit.AuditChain#link}) and
     * stores it. Concurrent appends to one realm are serialized, so the chain never forks.
     *
     * @return the stored entry with its seq and hashes
     */
    AuditEntry append(AuditEntry draft);

    /** Newest first. */
    List<AuditEntry> list(AuditQuery query);

    long count(AuditQuery query);

    /**
     * The realm's chain head as the store records it: the last seq and hash appended. Verification compares
     * the last entry with it, so removing entries from the end of the log is detected too.
     */
    Optional<AuditChain.Head> head(String realmId);

    /** Up to {@code limit} entries of the realm with seq ≥ {@code fromSeq}, in chain order, for verification. */
    List<AuditEntry> range(String realmId, long fromSeq, int limit);
}
