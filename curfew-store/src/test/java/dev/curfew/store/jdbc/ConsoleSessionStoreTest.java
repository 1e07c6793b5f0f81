package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.console.StoredConsoleSession.Kind;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleSessionStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    @DisplayName("a created row is found by kind and hash until it expires")
    void foundUntilItExpires() {
        StoredConsoleSession row = row("hash-1", Kind.ADMIN, T0.plusSeconds(60));
        store.consoleSessions().create(row);

        assertThat(store.consoleSessions().find(Kind.ADMIN, "hash-1", T0)).contains(row);
        assertThat(store.consoleSessions().find(Kind.ACCOUNT, "hash-1", T0))
                .as("another kind")
                .isEmpty();
        assertThat(store.consoleSessions().find(Kind.ADMIN, "hash-2", T0)).isEmpty();
        assertThat(store.consoleSessions().find(Kind.ADMIN, "hash-1", T0.plusSeconds(60)))
                .as("at its expiry")
                .isEmpty();
    }

    @Test
    @DisplayName("a taken hash cannot be created twice")
    void duplicateHashThrows() {
        store.consoleSessions().create(row("hash-1", Kind.ADMIN, T0.plusSeconds(60)));

        assertThatThrownBy(() -> store.consoleSessions().create(row("hash-1", Kind.ACCOUNT, T0.plusSeconds(60))))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    @DisplayName("an update saves the state and moves the expiry; a deleted row stays deleted")
    void updateAndDelete() {
        store.consoleSessions().create(row("hash-1", Kind.ACCOUNT, T0.plusSeconds(60)));

        assertThat(store.consoleSessions().update(Kind.ACCOUNT, "hash-1", "sealed-2", T0.plusSeconds(120)))
                .isTrue();
        assertThat(store.consoleSessions().find(Kind.ACCOUNT, "hash-1", T0.plusSeconds(90)))
                .map(StoredConsoleSession::data)
                .contains("sealed-2");

        assertThat(store.consoleSessions().delete(Kind.ACCOUNT, "hash-1")).isTrue();
        assertThat(store.consoleSessions().delete(Kind.ACCOUNT, "hash-1")).isFalse();
        assertThat(store.consoleSessions().update(Kind.ACCOUNT, "hash-1", "sealed-3", T0.plusSeconds(180)))
                .as("a save after the session ended elsewhere")
                .isFalse();
        assertThat(store.consoleSessions().find(Kind.ACCOUNT, "hash-1", T0)).isEmpty();
    }

    @Test
    @DisplayName("a sign-in in progress is taken once, however many callers take it at the same moment")
    void takenOnce() throws Exception {
        store.consoleSessions().create(row("state-1", Kind.ACCOUNT_SIGN_IN, T0.plusSeconds(600)));

        List<Optional<StoredConsoleSession>> taken =
                Concurrently.run(() -> store.consoleSessions().take(Kind.ACCOUNT_SIGN_IN, "state-1", T0));

        assertThat(taken.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(store.consoleSessions().find(Kind.ACCOUNT_SIGN_IN, "state-1", T0))
                .isEmpty();
    }

    @Test
    @DisplayName("an expired sign-in in progress cannot be taken")
    void expiredNotTaken() {
        store.consoleSessions().create(row("state-1", Kind.ACCOUNT_SIGN_IN, T0.plusSeconds(600)));

        assertThat(store.consoleSessions().take(Kind.ACCOUNT_SIGN_IN, "state-1", T0.plusSeconds(600)))
                .isEmpty();
    }

    @Test
    @DisplayName("housekeeping's purge deletes expired rows only, in batches")
    void purgeDeletesExpiredRowsInBatches() {
        store.consoleSessions().create(row("old-1", Kind.ADMIN, T0.plusSeconds(10)));
        store.consoleSessions().create(row("old-2", Kind.ACCOUNT, T0.plusSeconds(20)));
        store.consoleSessions().create(row("old-3", Kind.ACCOUNT_SIGN_IN, T0.plusSeconds(30)));
        store.consoleSessions().create(row("live", Kind.ADMIN, T0.plusSeconds(60)));

        assertThat(store.consoleSessions().purgeExpired(T0.plusSeconds(30), 2)).isEqualTo(2);
        assertThat(store.consoleSessions().purgeExpired(T0.plusSeconds(30), 2)).isEqualTo(1);
        assertThat(store.consoleSessions().purgeExpired(T0.plusSeconds(30), 2)).isZero();
        assertThat(store.consoleSessions().find(Kind.ADMIN, "live", T0.plusSeconds(30)))
                .isPresent();
    }

    @Test
    @DisplayName("deleting the realm deletes its console sessions")
    void realmDeletionCascades() {
        store.consoleSessions().create(row("hash-1", Kind.ACCOUNT, T0.plusSeconds(60)));

        store.realms().delete(realm.id());

        assertThat(store.consoleSessions().find(Kind.ACCOUNT, "hash-1", T0)).isEmpty();
    }

    private StoredConsoleSession row(String hash, Kind kind, Instant expiresAt) {
        return new StoredConsoleSession(hash, kind, realm.id(), "sealed-" + hash, expiresAt);
    }
}
