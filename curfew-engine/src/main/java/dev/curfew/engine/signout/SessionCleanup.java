package dev.curfew.engine.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.session.SessionEnding;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the rows a cut-off has made dead, after the sign-out has answered: sessions of a realm or
 * user created before the cut-off, or a client's client sessions and refresh tokens. Enforcement does
 * not wait for it — the cut-off already refuses them, and the admin views show only valid sessions — so
 * it works in bounded batches, one at a time, and records the final count on the sign-out.
 *
 * <p>User sign-outs are cleaned up here too, not before the answer: a user can hold any number of
 * sessions (1,000 each with 1,000,000 sessions over 1,000 users), and deleting them on the request path
 * made the answer grow with them — about 90 % of a user sign-out's time at 1,000 sessions
 * ({@code bench/signout.sh}).
 *
 * <p>Each batch also queues the back-channel logout tokens of the client sessions it removes, in the same
 * transaction: so a realm-wide sign-out answers at once, and its fan-out to relying parties happens here.
 */
public final class SessionCleanup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);
    static final int BATCH = 1000;
    /** Clean-up attempts before a sign-out is marked FAILED. */
    static final int ATTEMPTS = 3;

    private final Store store;
    private final AuditLog audit;
    private final SessionEnding ending;
    private final SignOutFailures failures;
    private final SignOutLeases leases;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "curfew-session-cleanup");
        t.setDaemon(true);
        return t;
    });

    public SessionCleanup(Store store, AuditLog audit, SessionEnding ending, SignOutLeases leases, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.ending = ending;
        this.failures = new SignOutFailures(store, audit);
        this.leases = leases;
        this.clock = clock;
    }

    /**
     * Called once the cut-off is durable: cleans up in the background and returns the record as it is. A
     * clean-up that throws marks the sign-out FAILED rather than leaving it RUNNING to fail again at every
     * start; the cut-off stays in force, and the rows it made dead go when they expire (housekeeping).
     */
    public SignOut afterCutOff(Realm realm, SignOutScope scope, SignOut record) {
        worker.submit(() -> cleanUp(realm, scope, record));
        return record;
    }

    /**
     * Up to {@value #ATTEMPTS} attempts, each going on from the progress stored by the last (every batch is
     * its own transaction, and a batch run twice finds nothing left to do), so a passing failure — a
     * connection timeout — does not cost the relying parties their logout tokens.
     */
    private void cleanUp(Realm realm, SignOutScope scope, SignOut record) {
        try {
            attempts(realm, scope, record);
        } finally {
            leases.release(record);
        }
    }

    private void attempts(Realm realm, SignOutScope scope, SignOut record) {
        for (int attempt = 1; ; attempt++) {
            try {
                run(realm, scope, store.signOuts().find(realm.id(), record.id()).orElse(record));
                return;
            } catch (SignOutLeases.LeaseLost e) {
                // This node stalled past its lease and another one took the sign-out over: it finishes it.
                LOG.warn(
                        "clean-up after sign-out {} of realm {} stopped: {}",
                        record.id(),
                        realm.name(),
                        e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    failures.record(realm, record, "cleaning up after the cut-off", e);
                    return;
                }
                LOG.warn(
                        "clean-up after sign-out {} of realm {} failed (attempt {} of {}); trying again",
                        record.id(),
                        realm.name(),
                        attempt,
                        ATTEMPTS,
                        e);
            }
        }
    }

    /** Resumes a cut-off sign-out this node has claimed: its node stopped, or died, while cleaning up. */
    public void resume(Realm realm, SignOut record) {
        afterCutOff(realm, ScopeDetail.parseCutOffScope(record).orElseThrow(), record);
    }

    private SignOut run(Realm realm, SignOutScope scope, SignOut record) {
        Instant cutOff = record.cutOff().orElseThrow();
        long removed = record.affectedSessions();
        Batch b;
        do {
            long before = removed;
            b = store.inTransaction(tx -> {
                leases.check(tx, record);
                Batch batch = switch (scope) {
                    case SignOutScope.Realm r -> sessionsBatch(tx, realm, SessionFilter.ALL, cutOff, record);
                    case SignOutScope.User u ->
                        sessionsBatch(tx, realm, SessionFilter.ofUser(u.userId()), cutOff, record);
                    case SignOutScope.Client c -> clientSessionsBatch(tx, realm, c.clientId(), cutOff, record);
                    default -> throw new IllegalArgumentException("not a cut-off scope: " + scope.type());
                };
                // The progress commits with the batch, so a node taking the sign-out over counts on from it
                // (and whoever follows the sign-out, the command line, sees it grow).
                tx.signOuts().update(record.withAffected(before + batch.deleted()));
                return batch;
            });
            removed += b.deleted();
        } while (b.full());
        SignOut done = record.completed(removed, clock.instant());
        long total = removed;
        // The sign-out's own audit entry was written with the cut-off, before anything was counted: this one
        // records how many sessions it ended.
        store.inTransaction(tx -> {
            leases.check(tx, record);
            tx.signOuts().update(done);
            audit.record(
                    tx,
                    realm.id(),
                    new AuditLog.Actor(
                            record.actorId(),
                            record.actorUsername(),
                            record.privilege(),
                            record.requestId(),
                            record.sourceIp()),
                    "sign-out-completed",
                    record.reason(),
                    new Completed(record.id(), record.scopeType(), total),
                    total);
            return null;
        });
        return done;
    }

    /** One clean-up transaction: rows deleted, and whether more may be left. */
    private record Batch(int deleted, boolean full) {}

    /**
     * One batch of a realm or user cut-off: the sessions created before it, their logout tokens queued and
     * the sessions deleted in one transaction, so none ends without its relying parties being told. The
     * transaction holds the sign-out's row locked (its lease): no other node runs a batch of it meanwhile,
     * so none queues a logout token twice.
     */
    private Batch sessionsBatch(Store tx, Realm realm, SessionFilter scope, Instant cutOff, SignOut record) {
        SessionFilter filter = scope.withCreatedBefore(Optional.of(cutOff));
        List<String> ids = tx.sessions().matchingIds(realm.id(), filter, Optional.empty(), BATCH);
        int deleted = ending.end(tx, realm, ids, new SessionEnding.Cause.CutOff(record.id()));
        return new Batch(deleted, ids.size() == BATCH);
    }

    /** One batch of a client cut-off: only that client hears of its client sessions ending. */
    private Batch clientSessionsBatch(Store tx, Realm realm, String clientId, Instant cutOff, SignOut record) {
        int deleted = ending.endClientSessionsBefore(
                tx, realm, clientId, cutOff, BATCH, new SessionEnding.Cause.CutOff(record.id()));
        return new Batch(deleted, deleted == BATCH);
    }

    /** What the audit log records when a cut-off sign-out's clean-up is done. */
    record Completed(String signOutId, String scope, long sessionsEnded) {}

    /** Waits for queued clean-ups (for orderly shutdown and tests). */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            worker.submit(() -> {}).get(timeout, unit);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
