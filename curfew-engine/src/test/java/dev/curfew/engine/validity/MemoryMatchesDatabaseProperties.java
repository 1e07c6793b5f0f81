package dev.curfew.engine.validity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.CutOffs;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.core.validity.ValidityRule;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.cluster.ChangeApplier;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.signout.SessionCleanup;
import dev.curfew.engine.signout.SignOutLeases;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.ssf.SsfMetrics;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The validity check reads cut-offs and revoked sessions from memory ({@link RevocationState}); the database is what
 * survives a restart and what a new node loads. Whatever sign-outs happen, in whatever order and at whatever times,
 * both must give the same answer for every token: memory kept up to date by the engine as it goes, memory loaded from
 * the database afterwards (a node that starts now), and the rows themselves.
 */
@Label("Validity in memory gives the database's answer")
class MemoryMatchesDatabaseProperties {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Database DATABASE =
            Database.open(DatabaseConfig.h2InMemory("memory-matches-database-" + UUID.randomUUID()));

    @AfterContainer
    static void close() {
        DATABASE.close();
    }

    /** One thing an administrator or a user does, or time passing. */
    sealed interface Step {}

    record RealmSignOut() implements Step {}

    record ClientSignOut(int client) implements Step {}

    record UserSignOut(int user) implements Step {}

    record SessionEnded(int session) implements Step {}

    record TimePasses(long millis) implements Step {}

    @Property(tries = 60)
    @Label("after any sequence of realm, client, user and session sign-outs, every token of every session, client and"
            + " issue time is judged alike by memory, by memory loaded afresh, and by the rows")
    void memoryAgreesWithTheRows(@ForAll("steps") List<Step> steps, @ForAll("issueTimes") List<Long> issueOffsets) {
        try (Node node = new Node()) {
            for (Step step : steps) {
                node.apply(step);
            }
            check(node, steps, issueOffsets);
        }
    }

    private static void check(Node node, List<Step> steps, List<Long> issueOffsets) {

        Instant now = node.clock.instant();
        RevocationState loaded = new RevocationState();
        loaded.replaceAll(node.store.revocations().snapshot(now));
        for (Client client : node.clients) {
            for (UserSession session : node.sessions) {
                User user = node.user(session);
                for (long offset : issueOffsets) {
                    long issuedAt = T0.toEpochMilli() + offset;
                    Instant expiresAt = Instant.ofEpochMilli(issuedAt).plus(Duration.ofMinutes(5));
                    boolean fromMemory =
                            node.validity.issuedTokenValid(node.realm, client, user, session.id(), issuedAt, expiresAt);
                    boolean fromRows = node.fromRows(client, user, session.id(), issuedAt, expiresAt);
                    boolean fromLoaded = ValidityRule.isValid(
                            now.toEpochMilli(),
                            issuedAt,
                            expiresAt.toEpochMilli(),
                            loaded.cutOffs(node.realm.id(), Optional.of(client.id()), Optional.of(user.id())),
                            loaded.isSessionRevoked(session.id()));
                    assertThat(fromMemory)
                            .as("token of %s issued at +%d ms after %s", session.id(), offset, steps)
                            .isEqualTo(fromRows)
                            .isEqualTo(fromLoaded);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.just(new RealmSignOut()),
                Arbitraries.integers().between(0, 1).map(ClientSignOut::new),
                Arbitraries.integers().between(0, 1).map(UserSignOut::new),
                Arbitraries.integers().between(0, 3).map(SessionEnded::new),
                Arbitraries.longs().between(0, 3_000).map(TimePasses::new));
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Long>> issueTimes() {
        return Arbitraries.longs().between(-1_000, 40_000).list().ofMinSize(1).ofMaxSize(6);
    }

    /** A realm with two clients, two users and two sessions each, and the engine's sign-out paths. */
    private static final class Node implements AutoCloseable {
        final MovableClock clock = new MovableClock(T0);
        final Store store = DATABASE.store();
        final RevocationState memory = new RevocationState();
        final SessionValidity validity = new SessionValidity(
                store, memory, new FailSafe(DATABASE.changes(), FailSafe.DEFAULT_WINDOW, clock), clock);
        final Realm realm = new Realm(
                Secrets.newId(), "r-" + Secrets.newId(), "R", true, RealmSettings.DEFAULTS, Optional.empty(), T0);
        final List<Client> clients = new ArrayList<>();
        final List<User> users = new ArrayList<>();
        final List<UserSession> sessions = new ArrayList<>();
        final SignOutService signOuts;
        final SessionEnding ending;
        final SessionCleanup cleanup;

        Node() {
            ChangeFeed changes = DATABASE.changes();
            PollWaiters waiters = new PollWaiters();
            Transmitter transmitter =
                    new Transmitter(clock, waiters, changes, new SsfMetrics(new SimpleMeterRegistry(), store));
            ending = new SessionEnding(
                    changes, new BackChannelLogout(() -> "http://localhost:8080", changes, clock), transmitter, clock);
            AuditLog audit = new AuditLog(store, clock);
            SignOutLeases leases = new SignOutLeases(store, clock);
            cleanup = new SessionCleanup(store, audit, ending, leases, clock);
            signOuts = new SignOutService(store, changes, audit, cleanup, ending, transmitter, leases, clock);
            // The engine's own listener; changes of other tries' realms reach it too, which is harmless.
            changes.listen(
                    new ChangeApplier(new RealmKeys(store, clock, changes), memory, waiters, () -> {}, store, clock));
            memory.replaceAll(store.revocations().snapshot(clock.instant()));
            store.realms().create(realm);
            for (String clientId : List.of("app", "api")) {
                Client client = Client.create(Secrets.newId(), realm.id(), clientId, true, Optional.empty(), T0);
                store.clients().create(client);
                clients.add(client);
            }
            for (String username : List.of("alice", "bob")) {
                User user = new User(
                        Secrets.newId(),
                        realm.id(),
                        username,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        true,
                        Optional.empty(),
                        T0);
                store.users().create(user);
                users.add(user);
                for (int i = 0; i < 2; i++) {
                    UserSession session = new UserSession(
                            Secrets.newId(),
                            realm.id(),
                            user.id(),
                            Secrets.sha256(Secrets.newSecret()),
                            T0,
                            T0,
                            "192.0.2.1",
                            "Mozilla/5.0",
                            Set.of("pwd"));
                    store.sessions().create(session);
                    sessions.add(session);
                }
            }
        }

        @Override
        public void close() {
            cleanup.close();
        }

        void apply(Step step) {
            AuditLog.Actor actor = AuditLog.Actor.system("request-1", "127.0.0.1");
            switch (step) {
                case RealmSignOut r -> signOut(new SignOutScope.Realm(), actor);
                case ClientSignOut c ->
                    signOut(new SignOutScope.Client(clients.get(c.client()).id()), actor);
                case UserSignOut u ->
                    signOut(new SignOutScope.User(users.get(u.user()).id()), actor);
                case SessionEnded s ->
                    store.inTransaction(tx -> ending.end(
                            tx,
                            realm,
                            List.of(sessions.get(s.session()).id()),
                            new SessionEnding.Cause.UserSignedOut()));
                case TimePasses t -> clock.advance(Duration.ofMillis(t.millis()));
            }
        }

        private void signOut(SignOutScope scope, AuditLog.Actor actor) {
            signOuts.signOut(realm, scope, "testing", actor, Optional.empty(), n -> {});
        }

        User user(UserSession session) {
            return users.stream()
                    .filter(u -> u.id().equals(session.userId()))
                    .findFirst()
                    .orElseThrow();
        }

        /** The same rule, fed from the rows, read in a transaction (past any cache). */
        boolean fromRows(Client client, User user, String sessionId, long issuedAt, Instant expiresAt) {
            return store.inTransaction(tx -> {
                CutOffs cutOffs = CutOffs.of(
                        tx.realms().findById(realm.id()).orElseThrow().notBefore(),
                        tx.clients()
                                .findById(realm.id(), client.id())
                                .orElseThrow()
                                .notBefore(),
                        tx.users().findById(realm.id(), user.id()).orElseThrow().notBefore());
                boolean revoked = tx.revocations()
                        .snapshot(clock.instant())
                        .revokedSessions()
                        .containsKey(sessionId);
                return ValidityRule.isValid(clock.millis(), issuedAt, expiresAt.toEpochMilli(), cutOffs, revoked);
            });
        }
    }
}
