package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.core.validity.RevocationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The durable side of the validity rule ({@code docs/architecture.md}, "Sessions and the validity rule"): cut-offs and revoked session ids. */
class RevocationStoreTest extends StoreContract {
    private Realm realm;
    private User alice;
    private Client app;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
        alice = given.user(realm, "alice");
        app = given.client(realm, "app");
    }

    @Test
    void setNotBeforeWritesTheCutOffOfARealmAClientAndAUser() {
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(1));
        store.clients().setNotBefore(realm.id(), app.id(), T0.plusSeconds(2));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(3));

        assertThat(store.realms().findById(realm.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(1));
        assertThat(store.clients().findById(realm.id(), app.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(2));
        assertThat(store.users().findById(realm.id(), alice.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(3));
    }

    @Test
    void setNotBeforeNeverMovesACutOffBack() {
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(10));
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(5));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(10));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(5));
        store.clients().setNotBefore(realm.id(), app.id(), T0.plusSeconds(10));
        store.clients().setNotBefore(realm.id(), app.id(), T0.plusSeconds(20));

        assertThat(store.realms().findById(realm.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(10));
        assertThat(store.users().findById(realm.id(), alice.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(10));
        assertThat(store.clients().findById(realm.id(), app.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(20));
    }

    /** An admin saving a realm, client or user read before a sign-out must not undo the sign-out. */
    @Test
    void savingARecordReadBeforeASignOutKeepsTheSignOutsCutOff() {
        Realm staleRealm = store.realms().findById(realm.id()).orElseThrow();
        Client staleClient = store.clients().findById(realm.id(), app.id()).orElseThrow();
        User staleUser = store.users().findById(realm.id(), alice.id()).orElseThrow();
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(10));
        store.clients().setNotBefore(realm.id(), app.id(), T0.plusSeconds(10));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(10));

        store.realms().update(staleRealm.withDisplayName("Acme Corp"));
        store.clients()
                .update(staleClient.toBuilder().notBefore(Optional.of(T0)).build());
        store.users().update(staleUser.withEnabled(false));

        assertThat(store.realms().findById(realm.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(10));
        assertThat(store.clients().findById(realm.id(), app.id()).orElseThrow().notBefore())
                .contains(T0.plusSeconds(10));
        User saved = store.users().findById(realm.id(), alice.id()).orElseThrow();
        assertThat(saved.notBefore()).contains(T0.plusSeconds(10));
        assertThat(saved.enabled()).isFalse();
    }

    @Test
    void setNotBeforeWritesNothingThroughAnotherRealm() {
        Realm other = given.realm("other");

        store.users().setNotBefore(other.id(), alice.id(), T0);
        store.clients().setNotBefore(other.id(), app.id(), T0);

        assertThat(store.users().findById(realm.id(), alice.id()).orElseThrow().notBefore())
                .isEmpty();
        assertThat(store.clients().findById(realm.id(), app.id()).orElseThrow().notBefore())
                .isEmpty();
    }

    @Test
    void snapshotHoldsEveryCutOffByIdAndOnlyThoseSet() {
        Realm other = given.realm("other");
        given.user(realm, "bob");
        given.client(realm, "api");
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(1));
        store.clients().setNotBefore(realm.id(), app.id(), T0.plusSeconds(2));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(3));

        RevocationState.Snapshot snapshot = store.revocations().snapshot(T0);

        assertThat(snapshot.realms()).isEqualTo(Map.of(realm.id(), T0.plusSeconds(1)));
        assertThat(snapshot.clients()).isEqualTo(Map.of(app.id(), T0.plusSeconds(2)));
        assertThat(snapshot.users()).isEqualTo(Map.of(alice.id(), T0.plusSeconds(3)));
        assertThat(snapshot.realms()).doesNotContainKey(other.id());
    }

    @Test
    void revokeSessionsIsIdempotentAndKeepsTheLaterTime() {
        store.revocations().revokeSessions(realm.id(), List.of("s1", "s2"), T0.plusSeconds(10));
        store.revocations().revokeSessions(realm.id(), List.of("s2", "s3", "s3"), T0.plusSeconds(5));
        store.revocations().revokeSessions(realm.id(), List.of("s3"), T0.plusSeconds(20));

        assertThat(store.revocations().snapshot(T0).revokedSessions())
                .isEqualTo(Map.of(
                        "s1", T0.plusSeconds(10),
                        "s2", T0.plusSeconds(10),
                        "s3", T0.plusSeconds(20)));
    }

    @Test
    void revokeSessionsTakesMoreIdsThanOneStatementBinds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JdbcSessionStore.DELETE_CHUNK * 2 + 1; i++) {
            ids.add("sid-" + i);
        }

        store.revocations().revokeSessions(realm.id(), ids, T0.plusSeconds(60));
        store.revocations().revokeSessions(realm.id(), ids, T0.plusSeconds(90));

        Map<String, Instant> revoked = store.revocations().snapshot(T0).revokedSessions();
        assertThat(revoked).hasSize(ids.size()).containsEntry("sid-0", T0.plusSeconds(90));
        assertThat(revoked.values()).containsOnly(T0.plusSeconds(90));
    }

    @Test
    void concurrentRevocationsOfTheSameSessionsKeepOneRowEachWithTheLatestTime() throws Exception {
        AtomicInteger caller = new AtomicInteger();
        List<String> ids = List.of("s1", "s2", "s3", "s4");

        Concurrently.run(() -> {
            store.revocations().revokeSessions(realm.id(), ids, T0.plusSeconds(caller.incrementAndGet()));
            return null;
        });

        assertThat(store.revocations().snapshot(T0).revokedSessions())
                .hasSize(4)
                .containsEntry("s1", T0.plusSeconds(Concurrently.THREADS))
                .containsEntry("s4", T0.plusSeconds(Concurrently.THREADS));
    }

    @Test
    void snapshotLeavesOutSessionsNoLongerRevokedAtThatTime() {
        store.revocations().revokeSessions(realm.id(), List.of("ended"), T0);
        store.revocations().revokeSessions(realm.id(), List.of("live"), T0.plusMillis(1));

        assertThat(store.revocations().snapshot(T0).revokedSessions()).containsOnlyKeys("live");
    }

    @Test
    void purgeExpiredRemovesPastRevocationsInBatches() {
        for (int i = 0; i < 5; i++) {
            store.revocations().revokeSessions(realm.id(), List.of("old-" + i), T0.minusSeconds(i));
        }
        store.revocations().revokeSessions(realm.id(), List.of("live"), T0.plusSeconds(1));

        assertThat(store.revocations().purgeExpired(T0, 2)).isEqualTo(2);
        assertThat(store.revocations().purgeExpired(T0, 2)).isEqualTo(2);
        assertThat(store.revocations().purgeExpired(T0, 2)).isEqualTo(1);
        assertThat(store.revocations().purgeExpired(T0, 2)).isZero();

        assertThat(store.revocations().snapshot(T0.minusSeconds(60)).revokedSessions())
                .containsOnlyKeys("live");
        assertThatThrownBy(() -> store.revocations().purgeExpired(T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheRealmForgetsItsRevocations() {
        store.revocations().revokeSessions(realm.id(), List.of("s1"), T0.plusSeconds(60));
        store.users().setNotBefore(realm.id(), alice.id(), T0);

        store.realms().delete(realm.id());

        RevocationState.Snapshot snapshot = store.revocations().snapshot(T0);
        assertThat(snapshot.revokedSessions()).isEmpty();
        assertThat(snapshot.users()).isEmpty();
    }

    @Test
    void snapshotReloadsTheInMemoryState() {
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(3));
        store.revocations().revokeSessions(realm.id(), List.of("s1"), T0.plusSeconds(60));
        RevocationState state = new RevocationState();

        state.replaceAll(store.revocations().snapshot(T0));

        assertThat(state.cutOffs(realm.id(), Optional.of(app.id()), Optional.of(alice.id()))
                        .user())
                .isEqualTo(T0.plusSeconds(3).toEpochMilli());
        assertThat(state.isSessionRevoked("s1")).isTrue();
        assertThat(state.revokedSessionCount()).isEqualTo(1);
    }
}
