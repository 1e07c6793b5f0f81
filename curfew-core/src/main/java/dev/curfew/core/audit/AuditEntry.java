package dev.curfew.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a realm's append-only audit log. Entries form a hash chain: each {@code hash} covers the
 * entry's fields and the previous entry's hash, so changing or removing any entry breaks every link after
 * it ({@link AuditChain#verify}).
 *
 * @param seq position in the realm's chain, from 1
 * @param action e.g. {@code sign-out}, {@code cut-off}, {@code privileges}
 * @param detail what was acted on (JSON text)
 * @param affected how many sessions (or grants) the action affected
 */
public record AuditEntry(
        long seq,
        String realmId,
        Instant at,
        String actorId,
        String actorUsername,
        String privilege,
        String action,
        String reason,
        String detail,
        long affected,
        String requestId,
        String sourceIp,
        String prevHash,
        String hash) {

    public AuditEntry {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorUsername, "actorUsername");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** A new entry before the store places it in the chain (seq, prevHash and hash are set by {@link AuditChain#link}). */
    public static AuditEntry draft(
            String realmId,
            Instant at,
            String actorId,
            String actorUsername,
            String privilege,
            String action,
            String reason,
            String detail,
            long affected,
            String requestId,
            String sourceIp) {
        return new AuditEntry(
                0,
                realmId,
                at,
                actorId,
                actorUsername,
                privilege,
                action,
                reason,
                detail,
                affected,
                requestId,
                sourceIp,
                "",
                "");
    }
}
