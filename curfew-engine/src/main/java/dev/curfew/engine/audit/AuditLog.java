package dev.curfew.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.curfew.core.audit.AuditChain;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.store.Store;
import dev.curfew.engine.json.Json;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Writes and verifies the audit log: who did what, when, why, to what, and how many it affected. */
public final class AuditLog {
    private static final int VERIFY_BATCH = 1000;

    private final Store store;
    private final Clock clock;

    public AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Who acted: the administrator, the privilege that allowed it, and where the request came from. */
    public record Actor(String userId, String username, String privilege, String requestId, String sourceIp) {
        /** The privilege an actor acts under when users sign out their own sessions (the account console). */
        public static final String SELF = "SELF";
        /** The privilege of what Curfew does by itself (brute-force protection locking an account). */
        public static final String SYSTEM = "SYSTEM";

        /**
         * Curfew acting by itself, on a request from {@code sourceIp}. The user name is not a valid user name, so it
         * cannot be mistaken for an administrator's.
         */
        public static Actor system(String requestId, String sourceIp) {
            return new Actor("system", "(system)", SYSTEM, requestId, sourceIp);
        }
    }

    /** Appends an entry; call it inside the transaction of the change it records, so both happen or neither. */
    public AuditEntry record(
            Store tx, String realmId, Actor actor, String action, String reason, Object detail, long affected) {
        return tx.audit()
                .append(AuditEntry.draft(
                        realmId,
                        clock.instant(),
                        actor.userId(),
                        actor.username(),
                        actor.privilege(),
                        action,
                        reason,
                        json(detail),
                        affected,
                        actor.requestId(),
                        actor.sourceIp()));
    }

    /** The result of walking a realm's chain. */
    public record Verification(boolean intact, long entriesChecked, Optional<AuditChain.Break> firstBreak) {}

    /** Walks the realm's whole chain, a batch at a time, and reports the first broken link. */
    public Verification verify(String realmId) {
        // The head first: entries appended while we walk lie beyond it and are left for the next check.
        Optional<AuditChain.Head> head = store.audit().head(realmId);
        BatchIterator entries =
                new BatchIterator(realmId, head.map(AuditChain.Head::seq).orElse(Long.MAX_VALUE));
        Optional<AuditChain.Break> broken = AuditChain.verify(entries, head);
        return new Verification(broken.isEmpty(), entries.read, broken);
    }

    /** Reads the chain in seq order up to {@code lastSeq}, one batch in memory at a time. */
    private final class BatchIterator implements Iterator<AuditEntry> {
        private final String realmId;
        private final long lastSeq;
        private Iterator<AuditEntry> batch = java.util.Collections.emptyIterator();
        private long nextSeq = 1;
        private boolean exhausted;
        private long read;

        BatchIterator(String realmId, long lastSeq) {
            this.realmId = realmId;
            this.lastSeq = lastSeq;
        }

        @Override
        public boolean hasNext() {
            if (!batch.hasNext() && !exhausted) {
                List<AuditEntry> next = store.audit().range(realmId, nextSeq, VERIFY_BATCH).stream()
                        .filter(e -> e.seq() <= lastSeq)
                        .toList();
                exhausted = next.size() < VERIFY_BATCH;
                if (!next.isEmpty()) {
                    nextSeq = next.get(next.size() - 1).seq() + 1;
                }
                batch = next.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public AuditEntry next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            read++;
            return batch.next();
        }
    }

    static String json(Object detail) {
        try {
            return Json.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail cannot be written as JSON", e);
        }
    }
}
