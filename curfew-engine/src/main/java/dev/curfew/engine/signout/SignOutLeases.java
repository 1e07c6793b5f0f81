package dev.curfew.engine.signout;

import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases of the RUNNING sign-outs this node works on (docs/architecture.md, "Several nodes"). Every node
 * shares the database, and any of them may die in the middle of a sign-out: the node that starts or takes over a
 * sign-out holds its lease, renews it every {@link #RENEW_EVERY} while it works, and checks it, with the row
 * locked, in every transaction that ends sessions or completes the sign-out. A lease not renewed for {@link
 * #DURATION} lets another node's {@link Housekeeping} claim the sign-out and finish it; the first node, should it
 * come back, finds the lease gone at its next batch and stops, so no batch runs twice and no sign-out completes
 * twice.
 */
public final class SignOutLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignOutLeases.class);
    /** How long a lease holds without being renewed: past it, another node takes the sign-out over. */
    public static final Duration DURATION = Duration.ofSeconds(15);
    /** How often the holder renews its leases, a third of {@link #DURATION} so one late renewal loses nothing. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);

    /** Thrown inside a batch's transaction when this node no longer holds the lease: the transaction rolls back. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost(SignOut signOut) {
            super("the lease of sign-out " + signOut.id() + " passed to another node", null, false, false);
        }
    }

    private final String node = Secrets.newId();
    private final Store store;
    private final Clock clock;
    /** The sign-outs this node holds, by id, with their realm id. */
    private final Map<String, String> held = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "curfew-sign-out-leases");
        t.setDaemon(true);
        return t;
    });

    public SignOutLeases(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** This node's id in {@code sign_outs.lease_owner}. */
    public String node() {
        return node;
    }

    /** Renews this node's leases every {@link #RENEW_EVERY}, on a thread of their own that long work never holds up. */
    public void schedule() {
        long period = RENEW_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Leases a sign-out this node just created, inside the transaction that creates it. @throws LeaseLost never in
     * practice: no other node knows the sign-out yet
     */
    void claimNew(Store tx, SignOut created) {
        if (!tx.signOuts()
                .claim(
                        created.realmId(),
                        created.id(),
                        node,
                        clock.instant(),
                        clock.instant().plus(DURATION))) {
            throw new LeaseLost(created);
        }
        held.put(created.id(), created.realmId());
    }

    /** Claims a sign-out no node holds. @return false when another node claimed it first */
    boolean claim(SignOut unleased) {
        boolean won = store.signOuts()
                .claim(
                        unleased.realmId(),
                        unleased.id(),
                        node,
                        clock.instant(),
                        clock.instant().plus(DURATION));
        if (won) {
            held.put(unleased.id(), unleased.realmId());
        }
        return won;
    }

    /** Inside a batch's or the completion's transaction: locks the sign-out's row. @throws LeaseLost when lost */
    void check(Store tx, SignOut signOut) {
        if (!tx.signOuts().lockIfHeld(signOut.realmId(), signOut.id(), node)) {
            held.remove(signOut.id());
            throw new LeaseLost(signOut);
        }
    }

    /** This node is done with the sign-out (completed, failed or lost): it renews it no more. */
    void release(SignOut signOut) {
        held.remove(signOut.id());
    }

    /** Whether this node holds a lease on the sign-out (for tests). */
    boolean holds(String signOutId) {
        return held.containsKey(signOutId);
    }

    void renewAll() {
        held.forEach((id, realmId) -> {
            try {
                if (!store.signOuts().renew(realmId, id, node, clock.instant().plus(DURATION))) {
                    held.remove(id);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not renew the lease of sign-out {}; trying again in {}", id, RENEW_EVERY, e);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
