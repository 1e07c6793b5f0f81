package dev.curfew.server.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.server.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the rows a cut-off has made dead, after the sign-out has answered: sessions of a realm or
 * user created before the cut-off, or a client's client sessions and refresh tokens. Enforcement does
 * not wait for it — the cut-off already refuses them — so it works in bounded batches, one at a time,
 * and records the final count on the sign-out. A user's sessions are few, so a user sign-out cleans up
 * before it answers and reports its count at once.
 */
public final class SessionCleanup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);
    static final int BATCH = 1000;

    private final Store store;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "curfew-session-cleanup");
        t.setDaemon(true);
        return t;
    });

    public SessionCleanup(Store store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Called once the cut-off is durable: cleans up now (user) or in the background (realm, client). */
    public SignOut afterCutOff(Realm realm, SignOutScope scope, SignOut record) {
        if (scope instanceof SignOutScope.User) {
            return run(realm, scope, record);
        }
        worker.submit(() -> {
            try {
                run(realm, scope, record);
            } catch (RuntimeException e) {
                // The cut-off is in force; the rows stay until the next start resumes this sign-out.
                LOG.error("clean-up after sign-out {} of realm {} failed", record.id(), realm.name(), e);
            }
        });
        return record;
    }

    /** Resumes a cut-off sign-out that was still cleaning up when the server stopped. */
    public void resume(Realm realm, SignOut record) {
        ScopeDetail.parseCutOffScope(record).ifPresent(scope -> afterCutOff(realm, scope, record));
    }

    private SignOut run(Realm realm, SignOutScope scope, SignOut record) {
        Instant cutOff = record.cutOff().orElseThrow();
        long removed = record.affectedSessions();
        int n;
        do {
            n = switch (scope) {
                case SignOutScope.Realm r ->
                    store.sessions().deleteCreatedBefore(realm.id(), Optional.empty(), cutOff, BATCH);
                case SignOutScope.User u ->
                    store.sessions().deleteCreatedBefore(realm.id(), Optional.of(u.userId()), cutOff, BATCH);
                case SignOutScope.Client c ->
                    store.sessions().deleteClientSessionsBefore(realm.id(), c.clientId(), cutOff, BATCH);
                default -> throw new IllegalArgumentException("not a cut-off scope: " + scope.type());
            };
            removed += n;
            if (n == BATCH) {
                // Progress for whoever follows the sign-out (the command line draws it).
                store.signOuts().update(record.withAffected(removed));
            }
        } while (n == BATCH);
        SignOut done = record.completed(removed, clock.instant());
        long total = removed;
        // The sign-out's own audit entry was written with the cut-off, before anything was counted: this one
        // records how many sessions it ended.
        store.inTransaction(tx -> {
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
