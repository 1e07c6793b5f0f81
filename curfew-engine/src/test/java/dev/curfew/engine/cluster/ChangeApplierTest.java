package dev.curfew.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.change.Change;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.change.InProcessChangeFeed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a node does with the changes it hears. */
class ChangeApplierTest {
    /** Old keys keep verifying long past these tests. */
    private static final RealmKeys.OldKeys KEEP_OLD =
            new RealmKeys.OldKeys.VerifyUntil(java.time.Instant.parse("9999-01-01T00:00:00Z"));

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final Database database = Database.open(DatabaseConfig.h2InMemory("change-applier-" + UUID.randomUUID()));
    private final Store store = database.store();
    private final Realm realm =
            new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);
    private final RealmKeys keys = new RealmKeys(store, clock, new InProcessChangeFeed());
    private final RevocationState revocations = new RevocationState();
    private final PollWaiters pollWaiters = new PollWaiters();
    private final AtomicInteger dispatcherWakes = new AtomicInteger();
    private final ChangeApplier applier =
            new ChangeApplier(keys, revocations, pollWaiters, dispatcherWakes::incrementAndGet, store, clock);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    @DisplayName("another node's cut-offs and revoked sessions are remembered, its SETs wake the stream's long polls"
            + " and its queued rows the dispatcher")
    void appliesEachKindOfChange() {
        PollWaiters.Signal signal = pollWaiters.hold("stream-1");
        long version = signal.version();

        applier.accept(new Change.CutOff(Change.Level.USER, "user-1", NOW));
        applier.accept(new Change.SessionsRevoked(List.of("session-1"), NOW.plusSeconds(300)));
        applier.accept(new Change.StreamQueued("stream-1"));
        applier.accept(new Change.OutboxQueued());

        assertThat(revocations
                        .cutOffs(realm.id(), Optional.empty(), Optional.of("user-1"))
                        .user())
                .isEqualTo(NOW.toEpochMilli());
        assertThat(revocations.isSessionRevoked("session-1")).isTrue();
        assertThat(signal.version()).isGreaterThan(version);
        assertThat(dispatcherWakes).hasValue(1);
    }

    @Test
    @DisplayName("after missed changes a node drops its cached keys, reloads the revocations from the store and"
            + " wakes every long poll and the dispatcher")
    void everythingIsReadAgainAfterMissedChanges() {
        store.realms().create(realm);
        String first = store.inTransaction(
                tx -> keys.rotate(tx, realm.id(), "RS256", KEEP_OLD).kid());
        assertThat(keys.forRealm(realm.id()).activeKid()).isEqualTo(first);
        // Changes this node never heard of: another node's new key and ended session.
        String second = store.inTransaction(tx -> new RealmKeys(store, clock, new InProcessChangeFeed())
                .rotate(tx, realm.id(), "ES256", KEEP_OLD)
                .kid());
        store.revocations().revokeSessions(realm.id(), List.of("missed-session"), NOW.plusSeconds(300));
        PollWaiters.Signal one = pollWaiters.hold("stream-1");
        PollWaiters.Signal two = pollWaiters.hold("stream-2");
        long versionOne = one.version();
        long versionTwo = two.version();

        applier.accept(new Change.Everything());

        assertThat(keys.forRealm(realm.id()).activeKid()).isEqualTo(second);
        assertThat(revocations.isSessionRevoked("missed-session")).isTrue();
        assertThat(one.version()).isGreaterThan(versionOne);
        assertThat(two.version()).isGreaterThan(versionTwo);
        assertThat(dispatcherWakes).hasValue(1);
    }
}
