package dev.curfew.engine.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up and periodic work that keeps the revocation state true and the tables small: loads every
 * cut-off and revoked session id at start, takes over sign-outs whose node stopped or died (at start, then
 * every {@link #TAKE_OVER_EVERY}: those whose {@linkplain SignOutLeases lease} ran out), starts planned sign-outs
 * whose time has come (every {@link #START_DUE_EVERY}), and every minute
 * removes expired sessions, codes, tokens, console sessions and revoked ids (in bounded batches), retires signing
 * keys whose tokens have all expired, records each realm's
 * number of active sessions for the admin console's chart (purging samples, and the hourly counts of
 * sessions started, older than {@link #KEEP_SESSION_STATS}) and reloads the in-memory state from the store, so nothing there can drift.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final int BATCH = 1000;
    /** Upper bound of batches per table per run, so one run never monopolizes the database. */
    private static final int MAX_BATCHES = 100;
    /** Delivered notifications stay visible in the admin API this long; dead ones stay until retried. */
    static final java.time.Duration KEEP_DELIVERED = java.time.Duration.ofDays(7);
    /** Samples of the number of active sessions are charted for up to this long. */
    public static final java.time.Duration KEEP_SESSION_STATS = java.time.Duration.ofDays(30);
    /**
     * How often every node looks for RUNNING sign-outs no node holds. With {@link SignOutLeases#DURATION}, the
     * sign-out of a node killed mid-way is taken over at most 20 s later.
     */
    public static final java.time.Duration TAKE_OVER_EVERY = java.time.Duration.ofSeconds(5);
    /**
     * How often every node looks for planned sign-outs whose time has come: one starts at most this long after its
     * time (while some node is up; else once the first node is back).
     */
    public static final java.time.Duration START_DUE_EVERY = java.time.Duration.ofSeconds(5);

    private final Store store;
    private final RevocationState state;
    private final SignOutService signOuts;
    private final SignOutSchedules schedules;
    private final SessionCleanup cleanup;
    private final SignOutFailures failures;
    private final SignOutLeases leases;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "curfew-housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(
            Store store,
            RevocationState state,
            SignOutService signOuts,
            SignOutSchedules schedules,
            SessionCleanup cleanup,
            SignOutFailures failures,
            SignOutLeases leases,
            Clock clock) {
        this.store = store;
        this.state = state;
        this.signOuts = signOuts;
        this.schedules = schedules;
        this.cleanup = cleanup;
        this.failures = failures;
        this.leases = leases;
        this.clock = clock;
    }

    /**
     * Loads the revocation state and takes over interrupted sign-outs; call before serving requests. A sign-out
     * whose resume throws is marked FAILED, and the start goes on: one sign-out must never keep the server
     * from starting.
     */
    public void startUp() {
        reloadState();
        takeOver("resuming it at start-up");
    }

    /**
     * Claims each RUNNING sign-out that no node holds (its node stopped or died: its lease ran out) and finishes
     * it. Of nodes looking at once, one claims each sign-out. Sign-outs another node holds are left to it.
     */
    public void takeOver() {
        takeOver("taking it over from a node that stopped");
    }

    private void takeOver(String during) {
        for (SignOut running : store.signOuts().unleased(clock.instant())) {
            Optional<Realm> realm = store.realms().findById(running.realmId());
            if (realm.isEmpty() || !leases.claim(running)) {
                continue;
            }
            try {
                resume(realm.get(), running);
            } catch (SignOutLeases.LeaseLost e) {
                LOG.warn("sign-out {} was taken over by another node meanwhile", running.id());
            } catch (RuntimeException e) {
                leases.release(running);
                failures.record(realm.get(), running, during, e);
            }
        }
    }

    /**
     * Records the run of each recurring schedule whose slot has come, then starts each planned sign-out whose time
     * has come, including those due while every node was down (late: its {@code startedAt} says when it ran). Of
     * nodes looking at once, one records each run and one starts each sign-out. A sign-out whose start throws is
     * marked FAILED rather than tried again at every check.
     */
    public void startDue() {
        schedules.planDue();
        for (SignOut planned : store.signOuts().due(clock.instant())) {
            Optional<Realm> realm = store.realms().findById(planned.realmId());
            if (realm.isEmpty()) {
                continue;
            }
            try {
                signOuts.start(realm.get(), planned)
                        .ifPresent(s -> LOG.info(
                                "started planned sign-out {} ({} scope) of realm {}, due at {}",
                                s.id(),
                                s.scopeType(),
                                realm.get().name(),
                                planned.runAt().orElseThrow()));
            } catch (SignOutLeases.LeaseLost e) {
                LOG.warn("planned sign-out {} was taken over by another node meanwhile", planned.id());
            } catch (RuntimeException e) {
                leases.release(planned);
                failures.record(realm.get(), planned, "starting it when it was due", e);
            }
        }
    }

    private void resume(Realm realm, SignOut running) {
        SignOutScope scope = ScopeDetail.parse(running.scopeDetail());
        LOG.info("resuming sign-out {} ({} scope) of realm {}", running.id(), scope.type(), realm.name());
        if (scope.writesCutOff()) {
            cleanup.resume(realm, running);
        } else {
            signOuts.resume(realm, scope, running, SignOutService.actorOf(running));
        }
    }

    /**
     * Runs {@link #runOnce} every {@code period}, {@link #takeOver} every {@link #TAKE_OVER_EVERY}, {@link
     * #startDue} every {@link #START_DUE_EVERY}, and renews this node's leases.
     */
    public void schedule(long period, TimeUnit unit) {
        leases.schedule();
        long due = START_DUE_EVERY.toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        startDue();
                    } catch (RuntimeException e) {
                        LOG.warn("looking for planned sign-outs due failed; retrying in {}", START_DUE_EVERY, e);
                    }
                },
                due,
                due,
                TimeUnit.MILLISECONDS);
        long check = TAKE_OVER_EVERY.toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        takeOver();
                    } catch (RuntimeException e) {
                        LOG.warn("looking for sign-outs to take over failed; retrying in {}", TAKE_OVER_EVERY, e);
                    }
                },
                check,
                check,
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        runOnce();
                    } catch (RuntimeException e) {
                        LOG.warn("housekeeping run failed; retrying at the next one", e);
                    }
                },
                period,
                period,
                unit);
    }

    public void runOnce() {
        Instant now = clock.instant();
        for (Realm realm : store.realms().list()) {
            Instant idleBefore = now.minus(realm.settings().ssoSessionIdleTimeout());
            Instant createdBefore = now.minus(realm.settings().ssoSessionMaxLifespan());
            batches(() -> store.sessions().deleteExpired(realm.id(), idleBefore, createdBefore, BATCH));
            // Counted after the clean-up: the sessions the store holds, expired ones removed.
            long active = store.sessions().count(SessionQuery.ofRealm(realm.id(), Page.DEFAULT));
            store.sessionStats().record(realm.id(), now, active);
        }
        batches(() -> store.sessionStats().purgeBefore(now.minus(KEEP_SESSION_STATS), BATCH));
        batches(() -> store.sessionStats().purgeStartsBefore(now.minus(KEEP_SESSION_STATS), BATCH));
        batches(() -> store.tokens().deleteExpired(now, BATCH));
        batches(() -> store.consoleSessions().purgeExpired(now, BATCH));
        batches(() -> store.revocations().purgeExpired(now, BATCH));
        batches(() -> store.outbox().purgeDelivered(now.minus(KEEP_DELIVERED), BATCH));
        // SSF 1.0 §8.1.1 inactivity_timeout: a stream its receiver stopped using goes, with its queue.
        batches(() -> store.ssf().deleteInactive(now, BATCH));
        // Signing keys whose last token has expired: out of the JWKS already (RealmKeys stops publishing them
        // on time), now also marked so in the key list.
        store.keys().retireExpired(now);
        // High-risk periods that are over: they no longer apply; their rows go.
        store.groups().deleteLifetimesEndedBefore(now);
        reloadState();
        state.purgeExpired(now);
    }

    private void reloadState() {
        state.replaceAll(store.revocations().snapshot(clock.instant()));
    }

    /** Repeats a bounded delete while it keeps returning full batches, at most {@link #MAX_BATCHES} times. */
    private static void batches(java.util.function.IntSupplier batch) {
        int runs = 0;
        while (runs++ < MAX_BATCHES && batch.getAsInt() == BATCH) {
            LOG.debug("housekeeping: another full batch removed");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        leases.close();
    }
}
