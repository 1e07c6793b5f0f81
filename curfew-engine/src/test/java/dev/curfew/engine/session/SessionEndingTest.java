package dev.curfew.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.cluster.ChangeApplier;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.ssf.SsfMetrics;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionEndingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Database database = Database.open(DatabaseConfig.h2InMemory("session-ending-" + UUID.randomUUID()));
    private final Store store = database.store();
    private final RevocationState memory = new RevocationState();
    private final AtomicInteger dispatcherWakes = new AtomicInteger();
    private final ChangeFeed changes = database.changes();
    private final PollWaiters pollWaiters = new PollWaiters();
    private final SessionEnding ending = new SessionEnding(
            changes,
            new BackChannelLogout(() -> "http://localhost:8080", changes, clock),
            new Transmitter(clock, pollWaiters, changes, new SsfMetrics(new SimpleMeterRegistry(), store)),
            clock);

    {
        // Memory and the dispatcher hear of what a transaction changed the way the engine's do: through the feed.
        changes.listen(new ChangeApplier(
                new RealmKeys(store, clock, changes),
                memory,
                pollWaiters,
                dispatcherWakes::incrementAndGet,
                store,
                clock));
    }

    private final Realm realm =
            new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);
    private final User user = new User(
            Secrets.newId(),
            realm.id(),
            "alice",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true,
            Optional.empty(),
            NOW);
    private final Client app =
            Client.create(Secrets.newId(), realm.id(), "app", true, Optional.empty(), NOW).toBuilder()
                    .backchannelLogoutUri(Optional.of("http://localhost:9999/logout"))
                    .build();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    @DisplayName(
            "ending a session revokes it, queues its logout token and deletes it; memory and the dispatcher hear of it after the commit")
    void endsTheSessionAndTellsWhatLivesOutsideTheDatabaseAfterTheCommit() {
        String session = givenSessionOfTheApp();

        int ended = store.inTransaction(tx -> {
            int n = ending.end(tx, realm, List.of(session), new SessionEnding.Cause.UserSignedOut());
            assertThat(memory.isSessionRevoked(session))
                    .as("not before the commit")
                    .isFalse();
            assertThat(dispatcherWakes).as("not before the commit").hasValue(0);
            return n;
        });

        assertThat(ended).isEqualTo(1);
        assertThat(store.sessions().findById(session)).isEmpty();
        assertThat(store.revocations().snapshot(NOW).revokedSessions()).containsKey(session);
        assertThat(store.outbox().count(Delivery.Status.QUEUED)).isEqualTo(1);
        assertThat(memory.isSessionRevoked(session)).isTrue();
        assertThat(dispatcherWakes).hasValue(1);
    }

    @Test
    @DisplayName(
            "when the transaction that ends a session rolls back, nothing is revoked, queued, deleted, remembered or woken")
    void aRolledBackEndLeavesNoTrace() {
        String session = givenSessionOfTheApp();

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    ending.end(tx, realm, List.of(session), new SessionEnding.Cause.UserSignedOut());
                    throw new IllegalStateException("the rest of the transaction failed");
                }))
                .hasMessage("the rest of the transaction failed");

        assertThat(store.sessions().findById(session)).isPresent();
        assertThat(store.revocations().snapshot(NOW).revokedSessions()).doesNotContainKey(session);
        assertThat(store.outbox().count(Delivery.Status.QUEUED)).isZero();
        assertThat(memory.isSessionRevoked(session)).isFalse();
        assertThat(dispatcherWakes).hasValue(0);
    }

    @Test
    @DisplayName(
            "the clean-up after a cut-off tells the relying parties but revokes no id: the cut-off already refuses the tokens")
    void theCleanUpAfterACutOffRevokesNoIdButQueuesTheLogoutTokens() {
        String session = givenSessionOfTheApp();

        int ended = store.inTransaction(
                tx -> ending.end(tx, realm, List.of(session), new SessionEnding.Cause.CutOff("s-1")));

        assertThat(ended).isEqualTo(1);
        assertThat(store.sessions().findById(session)).isEmpty();
        assertThat(store.revocations().snapshot(NOW).revokedSessions()).doesNotContainKey(session);
        assertThat(memory.isSessionRevoked(session)).isFalse();
        assertThat(store.outbox().summaryOfSignOut(realm.id(), "s-1")).isNotEmpty();
        assertThat(dispatcherWakes).hasValue(1);
    }

    private String givenSessionOfTheApp() {
        store.realms().create(realm);
        store.users().create(user);
        store.clients().create(app);
        UserSession session = new UserSession(
                Secrets.newId(),
                realm.id(),
                user.id(),
                Secrets.sha256(Secrets.newSecret()),
                NOW.minus(Duration.ofMinutes(5)),
                NOW.minus(Duration.ofMinutes(5)),
                "127.0.0.1",
                "test",
                Set.of("pwd"),
                Optional.of("http://localhost:8080/realms/acme"));
        store.sessions().create(session);
        store.sessions()
                .recordClientSession(new ClientSession(
                        session.id(), app.id(), NOW.minusSeconds(60), NOW.minusSeconds(60), Optional.empty()));
        return session.id();
    }
}
