package dev.curfew.engine.signout;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.validity.TokenLifetimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Signs out any scope. Realm, client and user scopes write one cut-off — the same work for 10 sessions
 * as for 1,000,000 — and leave removing the now-dead rows to {@link SessionCleanup}. Session and filter
 * scopes revoke each matching session id durably, in batches, before answering.
 *
 * <p>Every sign-out is durable before it is applied in memory and before the caller is answered, is
 * recorded in the history and in the audit log in the same transaction, and can be previewed.
 *
 * <p>A sign-out may also be planned for later ({@link #schedule}): it waits as SCHEDULED until {@link Housekeeping}
 * finds it due and {@linkplain #start starts} it on exactly one node, through the same path as one made at once,
 * with the time it actually starts as its own time: its cut-off, and the sessions a filter matches then.
 */
public final class SignOutService {
    /** Sessions revoked per transaction by filter and session sign-outs. */
    static final int BATCH = 500;
    /** How many matching sessions a preview shows. */
    public static final int SAMPLE_SIZE = 10;
    /** How far ahead a sign-out may be planned. */
    public static final Duration PLAN_AHEAD = Duration.ofDays(366);
    /**
     * How far in the past a planned time may be (a clock a little behind the server's): such a sign-out starts at
     * the next check for due ones.
     */
    public static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private final Store store;
    private final ChangeFeed changes;
    private final AuditLog audit;
    private final SessionCleanup cleanup;
    private final SessionEnding ending;
    private final Transmitter ssf;
    private final SignOutLeases leases;
    private final Clock clock;

    public SignOutService(
            Store store,
            ChangeFeed changes,
            AuditLog audit,
            SessionCleanup cleanup,
            SessionEnding ending,
            Transmitter ssf,
            SignOutLeases leases,
            Clock clock) {
        this.store = store;
        this.changes = changes;
        this.audit = audit;
        this.cleanup = cleanup;
        this.ending = ending;
        this.ssf = ssf;
        this.leases = leases;
        this.clock = clock;
    }

    /** What a sign-out would affect: how many sessions, and some of them. */
    public record Preview(long affectedSessions, List<UserSession> sample) {}

    public Preview preview(Realm realm, SignOutScope scope) {
        SessionFilter filter = filterOf(scope, clock.instant());
        if (scope instanceof SignOutScope.Sessions s) {
            List<UserSession> found = s.sessionIds().stream()
                    .map(store.sessions()::findById)
                    .flatMap(Optional::stream)
                    .filter(x -> x.realmId().equals(realm.id()))
                    .toList();
            return new Preview(found.size(), found.stream().limit(SAMPLE_SIZE).toList());
        }
        return new Preview(
                store.sessions().count(new SessionQuery(realm.id(), filter, Page.DEFAULT)),
                store.sessions().find(new SessionQuery(realm.id(), filter, new Page(0, SAMPLE_SIZE))));
    }

    /**
     * Signs out the scope. {@code progress} hears the number of sessions ended so far, for long filter
     * sign-outs.
     *
     * @param id the sign-out's id when the caller chose one (to follow its progress), else generated
     */
    public SignOut signOut(
            Realm realm,
            SignOutScope scope,
            String reason,
            AuditLog.Actor actor,
            Optional<String> id,
            LongConsumer progress) {
        Instant now = clock.instant();
        Request r = new Request(
                realm,
                scope,
                reason,
                actor,
                id.orElseGet(Secrets::newId),
                ScopeDetail.json(scope, store, realm),
                now,
                Optional.empty());
        return run(r, progress).orElseThrow();
    }

    /**
     * Plans a sign-out of the scope for {@code runAt}: recorded SCHEDULED, with an audit entry, and nothing ended
     * until it {@linkplain #start starts}.
     *
     * @param id the sign-out's id when the caller chose one, else generated
     */
    public SignOut schedule(
            Realm realm, SignOutScope scope, String reason, AuditLog.Actor actor, Optional<String> id, Instant at) {
        // As the history stores it, so the answer says what GET says.
        Instant runAt = at.truncatedTo(ChronoUnit.MILLIS);
        SignOut planned = new SignOut(
                id.orElseGet(Secrets::newId),
                realm.id(),
                scope.type(),
                ScopeDetail.json(scope, store, realm),
                reason,
                actor.userId(),
                actor.username(),
                actor.privilege(),
                actor.requestId(),
                actor.sourceIp(),
                Optional.empty(),
                0,
                SignOut.Status.SCHEDULED,
                clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(runAt),
                Optional.empty(),
                Optional.empty());
        store.inTransaction(tx -> {
            tx.signOuts().create(planned);
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    "sign-out-scheduled",
                    reason,
                    new ScheduledDetail(planned.id(), planned.scopeType(), planned.scopeDetail(), runAt),
                    0);
            return null;
        });
        return planned;
    }

    /**
     * Cancels a sign-out that is still SCHEDULED, with an audit entry naming who cancelled it. @return the
     * cancelled sign-out; empty when there is no such sign-out or it is not SCHEDULED (any more)
     */
    public Optional<SignOut> cancel(Realm realm, String id, AuditLog.Actor actor) {
        return store.inTransaction(tx -> {
            Optional<SignOut> planned = tx.signOuts().find(realm.id(), id);
            if (planned.isEmpty() || !tx.signOuts().cancel(realm.id(), id)) {
                return Optional.<SignOut>empty();
            }
            SignOut p = planned.get();
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    "sign-out-cancelled",
                    p.reason(),
                    new ScheduledDetail(
                            p.id(), p.scopeType(), p.scopeDetail(), p.runAt().orElseThrow()),
                    0);
            return tx.signOuts().find(realm.id(), id);
        });
    }

    /**
     * Starts a planned sign-out whose time has come, as {@link #signOut} runs one at once but as of now: the
     * cut-off is now, a filter matches the sessions that exist now. Who asked for it, and why, stay those of the
     * plan. @return the sign-out as started; empty when another node started it first, or it was cancelled
     */
    public Optional<SignOut> start(Realm realm, SignOut planned) {
        Request r = new Request(
                realm,
                ScopeDetail.parse(planned.scopeDetail()),
                planned.reason(),
                actorOf(planned),
                planned.id(),
                planned.scopeDetail(),
                clock.instant(),
                Optional.of(planned));
        return run(r, n -> {});
    }

    /** Who asked for a sign-out, as its record keeps it. */
    static AuditLog.Actor actorOf(SignOut s) {
        return new AuditLog.Actor(s.actorId(), s.actorUsername(), s.privilege(), s.requestId(), s.sourceIp());
    }

    private Optional<SignOut> run(Request r, LongConsumer progress) {
        Realm realm = r.realm();
        Instant now = r.at();
        return switch (r.scope()) {
            case SignOutScope.Realm x ->
                cutOff(
                        r,
                        tx -> tx.realms().setNotBefore(realm.id(), now),
                        new Change.CutOff(Change.Level.REALM, realm.id(), now));
            case SignOutScope.Client c ->
                cutOff(
                        r,
                        tx -> tx.clients().setNotBefore(realm.id(), c.clientId(), now),
                        new Change.CutOff(Change.Level.CLIENT, c.clientId(), now));
            case SignOutScope.User u ->
                cutOff(
                        r,
                        tx -> tx.users().setNotBefore(realm.id(), u.userId(), now),
                        new Change.CutOff(Change.Level.USER, u.userId(), now));
            case SignOutScope.Sessions s -> perSession(r, s.sessionIds(), progress);
            case SignOutScope.Filter f -> perSession(r, List.of(), progress);
        };
    }

    /**
     * One sign-out being made: what, by whom, why, when, and the history row it starts as.
     *
     * @param planned the SCHEDULED row it starts from, when it was planned
     */
    private record Request(
            Realm realm,
            SignOutScope scope,
            String reason,
            AuditLog.Actor actor,
            String id,
            String detail,
            Instant at,
            Optional<SignOut> planned) {
        SignOut running(Optional<Instant> cutOff) {
            return planned.map(p -> p.started(at, cutOff))
                    .orElseGet(() -> new SignOut(
                            id,
                            realm.id(),
                            scope.type(),
                            detail,
                            reason,
                            actor.userId(),
                            actor.username(),
                            actor.privilege(),
                            actor.requestId(),
                            actor.sourceIp(),
                            cutOff,
                            0,
                            SignOut.Status.RUNNING,
                            at,
                            Optional.empty(),
                            Optional.empty()));
        }
    }

    /**
     * Inside the transaction that puts it in force: the sign-out's RUNNING row, leased to this node — created, or
     * its planned row started. @return false when another node started the planned one first (or it was cancelled)
     */
    private boolean begin(Store tx, Request r, SignOut running) {
        if (r.planned().isPresent()) {
            return leases.start(tx, running);
        }
        tx.signOuts().create(running);
        leases.claimNew(tx, running);
        return true;
    }

    /**
     * The cut-off, its history row, its audit entry and one Shared Signals event per stream, in one transaction:
     * one event for the whole scope, whatever its number of sessions (the clean-up queues none).
     */
    private Optional<SignOut> cutOff(Request r, Consumer<Store> write, Change cutOff) {
        SignOut record = r.running(Optional.of(r.at()));
        boolean begun = store.inTransaction(tx -> {
            if (!begin(tx, r, record)) {
                return false;
            }
            write.accept(tx);
            // Every node, this one included, applies the cut-off to its memory once it is committed.
            changes.publish(tx, cutOff);
            audit.record(
                    tx,
                    r.realm().id(),
                    r.actor(),
                    "sign-out",
                    r.reason(),
                    new AuditDetail(r.id(), r.scope().type(), r.detail(), r.at()),
                    0);
            ssf.cutOff(
                    tx,
                    r.realm(),
                    r.scope(),
                    r.at(),
                    initiator(r.actor().privilege()),
                    Optional.of(r.reason()),
                    Optional.of(r.id()));
            return true;
        });
        return begun ? Optional.of(cleanup.afterCutOff(r.realm(), r.scope(), record)) : Optional.empty();
    }

    /** CAEP {@code initiating_entity}: the user signing out their own sessions, else an administrator. */
    private static Initiator initiator(String privilege) {
        return AuditLog.Actor.SELF.equals(privilege) ? Initiator.USER : Initiator.ADMIN;
    }

    /**
     * Revokes before answering, holding the sign-out's lease: should this node stall past it, another node takes
     * the sign-out over, and the answer is the sign-out as that node has it so far.
     */
    private Optional<SignOut> perSession(Request r, List<String> explicitIds, LongConsumer progress) {
        SignOut running = r.running(Optional.empty());
        if (!store.inTransaction(tx -> begin(tx, r, running))) {
            return Optional.empty();
        }
        try {
            long ended = r.scope() instanceof SignOutScope.Filter f
                    ? revokeMatching(
                            r.realm(),
                            f.filter()
                                    .withCreatedBefore(
                                            Optional.of(earliest(f.filter().createdBefore(), r.at()))),
                            running,
                            progress)
                    : revokeBatch(
                            r.realm(), explicitIds, running, 0, TokenLifetimes.longest(store, r.realm()), progress);
            return Optional.of(complete(r.realm(), running, ended, r.actor()));
        } catch (SignOutLeases.LeaseLost e) {
            return Optional.of(
                    store.signOuts().find(r.realm().id(), running.id()).orElse(running));
        } finally {
            leases.release(running);
        }
    }

    /**
     * Finishes a session or filter sign-out that a crash interrupted, once this node holds its lease: the
     * sessions it had not reached yet are revoked now, with the same filter (and the same implicit "created
     * before it started": when it was asked for, or when a planned one started). @throws SignOutLeases.LeaseLost when another node took it over meanwhile
     */
    public SignOut resume(Realm realm, SignOutScope scope, SignOut running, AuditLog.Actor actor) {
        try {
            return finish(realm, scope, running, actor);
        } finally {
            leases.release(running);
        }
    }

    private SignOut finish(Realm realm, SignOutScope scope, SignOut running, AuditLog.Actor actor) {
        long ended = switch (scope) {
            case SignOutScope.Filter f ->
                revokeMatching(
                        realm,
                        f.filter()
                                .withCreatedBefore(Optional.of(earliest(
                                        f.filter().createdBefore(),
                                        running.startedAt().orElse(running.createdAt())))),
                        running,
                        n -> {});
            case SignOutScope.Sessions s ->
                revokeBatch(
                        realm,
                        s.sessionIds(),
                        running,
                        running.affectedSessions(),
                        TokenLifetimes.longest(store, realm),
                        n -> {});
            default -> throw new IllegalArgumentException("not a per-session scope: " + scope.type());
        };
        return complete(realm, running, ended, actor);
    }

    /** Finishes a per-session sign-out. */
    SignOut complete(Realm realm, SignOut running, long ended, AuditLog.Actor actor) {
        SignOut done = running.completed(ended, clock.instant());
        store.inTransaction(tx -> {
            leases.check(tx, running);
            tx.signOuts().update(done);
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    "sign-out",
                    running.reason(),
                    new AuditDetail(running.id(), running.scopeType(), running.scopeDetail(), running.createdAt()),
                    ended);
            return null;
        });
        return done;
    }

    /**
     * Revokes every session matching the filter, in id order, a batch per transaction. A filter on how widely users'
     * sessions are spread ({@code concurrentSessionsAtLeast}, {@code distinctNetworksAtLeast}) is first resolved to
     * the users it selects, a page of them at a time in user id order: ending some of a user's sessions lowers their
     * count, and must not spare the rest.
     */
    long revokeMatching(Realm realm, SessionFilter filter, SignOut running, LongConsumer progress) {
        if (!filter.needsSpread()) {
            return revokeMatching(realm, filter, running, running.affectedSessions(), progress);
        }
        long ended = running.affectedSessions();
        Optional<String> afterUser = Optional.empty();
        while (true) {
            List<String> users = store.sessions()
                    .usersSpreadAtLeast(
                            realm.id(),
                            filter.concurrentSessionsAtLeast(),
                            filter.distinctNetworksAtLeast(),
                            afterUser,
                            BATCH);
            if (users.isEmpty()) {
                return ended;
            }
            Set<String> selected = new LinkedHashSet<>(users);
            if (!filter.userIds().isEmpty()) {
                selected.retainAll(filter.userIds());
            }
            if (!selected.isEmpty()) {
                ended = revokeMatching(
                        realm, filter.withSpreadAtLeast(0, 0).withUserIds(selected), running, ended, progress);
            }
            afterUser = Optional.of(users.get(users.size() - 1));
        }
    }

    private long revokeMatching(
            Realm realm, SessionFilter filter, SignOut running, long endedSoFar, LongConsumer progress) {
        long ended = endedSoFar;
        Duration lifetime = TokenLifetimes.longest(store, realm);
        Optional<String> after = Optional.empty();
        while (true) {
            List<String> ids = store.sessions().matchingIds(realm.id(), filter, after, BATCH);
            if (ids.isEmpty()) {
                return ended;
            }
            ended = revokeBatch(realm, ids, running, ended, lifetime, progress);
            after = Optional.of(ids.get(ids.size() - 1));
        }
    }

    /**
     * @param lifetime the realm's longest token lifetime, looked up once per sign-out: each revoked id is
     *     remembered that long after its own batch (tokens refreshed while a long sign-out runs expire later)
     */
    private long revokeBatch(
            Realm realm, List<String> ids, SignOut running, long endedSoFar, Duration lifetime, LongConsumer progress) {
        long ended = endedSoFar;
        SessionEnding.Cause cause =
                new SessionEnding.Cause.SignOut(running.id(), running.reason(), initiator(running.privilege()));
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            long total = ended;
            // The batch's revocations, logout tokens and Shared Signals events commit with it and its progress.
            int deleted = store.inTransaction(tx -> {
                leases.check(tx, running);
                int n = ending.end(tx, realm, batch, cause, lifetime);
                tx.signOuts().update(running.withAffected(total + n));
                return n;
            });
            ended += deleted;
            progress.accept(ended);
        }
        return ended;
    }

    /** The sessions a scope covers, as a filter (only sessions that exist now: created before {@code now}). */
    static SessionFilter filterOf(SignOutScope scope, Instant now) {
        SessionFilter base = switch (scope) {
            case SignOutScope.Realm r -> SessionFilter.ALL;
            case SignOutScope.Client c -> SessionFilter.ofClient(c.clientId());
            case SignOutScope.User u -> SessionFilter.ofUser(u.userId());
            case SignOutScope.Filter f -> f.filter();
            case SignOutScope.Sessions s -> SessionFilter.ALL;
        };
        return base.withCreatedBefore(Optional.of(earliest(base.createdBefore(), now)));
    }

    private static Instant earliest(Optional<Instant> given, Instant now) {
        return given.filter(g -> g.isBefore(now)).orElse(now);
    }

    /** What the audit log records of a sign-out. */
    record AuditDetail(String signOutId, String scope, String scopeDetail, Instant at) {}

    /** What the audit log records of a planned sign-out, when it is planned and when it is cancelled. */
    record ScheduledDetail(String signOutId, String scope, String scopeDetail, Instant runAt) {}
}
