package dev.curfew.server.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
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
 * not wait for it — the cut-off already refuses them, and the admin views show only valid sessions — so
 * it works in bounded batches, one at a time, and records the final count on the sign-out.
 *
 * <p>User sign-outs are cleaned up here too, not before the answer: a user can hold any number of
 * sessions (1,000 each with 1,000,000 sessions over 1,000 users), and deleting them on the request path
 * made the answer grow with them — about 90 % of a user sign-out's time at 1,000 sessions
 * ({@code bench/signout.sh}).
 */
public final class SessionCleanup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);
    static final int BATCH = 1000;

    private final Store store;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "curfew-session-cleanup");
        t.setDaemon(true);
        return t;
    });

    public SessionCleanup(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Called once the cut-off is durable: cleans up in the background and returns the record as it is. */
    public SignOut afterCutOff(Realm realm, SignOutScope scope, SignOut record) {
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
        } while (n == BATCH);
        SignOut done = record.completed(removed, clock.instant());
        store.signOuts().update(done);
        return done;
    }

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
