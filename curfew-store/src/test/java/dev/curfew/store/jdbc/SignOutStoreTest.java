package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.DuplicateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignOutStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void createdSignOutIsFoundWithEveryField() {
        SignOut signOut = new SignOut(
                "so-1",
                realm.id(),
                "user",
                "{\"userId\":\"u-1\"}",
                "laptop stolen",
                "admin-id",
                "admin",
                "sign-out",
                "req-1",
                "2001:db8::7",
                Optional.of(T0.plusMillis(7)),
                3,
                SignOut.Status.COMPLETED,
                T0,
                Optional.of(T0.plusSeconds(1)),
                Optional.empty());

        store.signOuts().create(signOut);

        assertThat(store.signOuts().find(realm.id(), "so-1")).contains(signOut);
        assertThat(store.signOuts().find(given.realm("other").id(), "so-1")).isEmpty();
        assertThat(store.signOuts().find(realm.id(), "unknown")).isEmpty();
    }

    @Test
    void absentCutOffAndCompletionReadBackEmpty() {
        SignOut running = running("so-1", T0);

        store.signOuts().create(running);

        assertThat(store.signOuts().find(realm.id(), "so-1")).contains(running);
    }

    @Test
    void takenIdThrowsDuplicate() {
        store.signOuts().create(running("so-1", T0));

        assertThatThrownBy(() -> store.signOuts().create(running("so-1", T0.plusSeconds(1))))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining("so-1");
    }

    @Test
    void updateSavesStatusAffectedCountAndCompletionOnly() {
        SignOut running = running("so-1", T0);
        store.signOuts().create(running);
        SignOut completed = running.completed(1234, T0.plusSeconds(9));
        SignOut rewritten = new SignOut(
                completed.id(),
                completed.realmId(),
                "realm",
                "{}",
                "another reason",
                "someone-else",
                "mallory",
                "other",
                "req-2",
                "203.0.113.1",
                Optional.of(T0),
                completed.affectedSessions(),
                completed.status(),
                T0.plusSeconds(5),
                completed.completedAt(),
                completed.error());

        assertThat(store.signOuts().update(rewritten)).isTrue();

        assertThat(store.signOuts().find(realm.id(), "so-1")).contains(completed);
        assertThat(store.signOuts().update(running("unknown", T0))).isFalse();
    }

    @Test
    void listIsNewestFirstInPagesWithTheRealmsTotal() {
        List<SignOut> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SignOut signOut = running("so-" + i, T0.plusSeconds(i));
            store.signOuts().create(signOut);
            newestFirst.addFirst(signOut);
        }
        Realm other = given.realm("other");
        store.signOuts().create(signOut(other, "so-other", T0.plusSeconds(100)));

        assertThat(store.signOuts().list(realm.id(), new Page(0, 3)))
                .containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(store.signOuts().list(realm.id(), new Page(6, 3))).containsExactly(newestFirst.get(6));
        assertThat(store.signOuts().count(realm.id())).isEqualTo(7);
        assertThat(store.signOuts().count(other.id())).isEqualTo(1);
    }

    @Test
    void sameTimeSignOutsNeitherRepeatNorGoMissingAcrossPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            store.signOuts().create(running("so-" + i, T0));
            ids.add("so-" + i);
        }

        List<String> paged = new ArrayList<>();
        for (int first = 0; first < 10; first += 4) {
            store.signOuts().list(realm.id(), new Page(first, 4)).forEach(s -> paged.add(s.id()));
        }

        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void runningListsUnfinishedSignOutsOfEveryRealmOldestFirst() {
        Realm other = given.realm("other");
        SignOut later = running("so-2", T0.plusSeconds(2));
        SignOut earlier = signOut(other, "so-1", T0.plusSeconds(1));
        SignOut done = running("so-3", T0).completed(5, T0.plusSeconds(3));
        store.signOuts().create(later);
        store.signOuts().create(earlier);
        store.signOuts().create(done);

        assertThat(store.signOuts().running()).containsExactly(earlier, later);
    }

    @Test
    void failedSignOutKeepsItsErrorAndIsNoLongerRunning() {
        SignOut running = running("so-1", T0).withAffected(7);
        store.signOuts().create(running);
        SignOut failed = running.failed("ArithmeticException: long overflow");

        assertThat(store.signOuts().update(failed)).isTrue();

        assertThat(store.signOuts().find(realm.id(), "so-1")).contains(failed);
        assertThat(failed.status()).isEqualTo(SignOut.Status.FAILED);
        assertThat(failed.affectedSessions()).isEqualTo(7);
        assertThat(store.signOuts().running()).isEmpty();
    }

    @Test
    void deletingTheRealmDeletesItsHistory() {
        store.signOuts().create(running("so-1", T0));

        store.realms().delete(realm.id());

        assertThat(store.signOuts().running()).isEmpty();
    }

    @Test
    @DisplayName("a RUNNING sign-out no node holds is unleased; once claimed it is not, until its lease runs out")
    void claimedSignOutIsUnleasedOnlyOnceItsLeaseRunsOut() {
        SignOut running = running("so-1", T0);
        store.signOuts().create(running);
        assertThat(store.signOuts().unleased(T0)).containsExactly(running);

        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-a", T0, T0.plusSeconds(15)))
                .isTrue();

        assertThat(store.signOuts().unleased(T0.plusSeconds(15))).isEmpty();
        assertThat(store.signOuts().unleased(T0.plusSeconds(16))).containsExactly(running);
    }

    @Test
    @DisplayName("a held lease refuses another node's claim and accepts its holder's; a lapsed one goes to anyone")
    void onlyOneNodeHoldsALease() {
        store.signOuts().create(running("so-1", T0));
        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-a", T0, T0.plusSeconds(15)))
                .isTrue();

        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-b", T0.plusSeconds(10), T0.plusSeconds(25)))
                .isFalse();
        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-a", T0.plusSeconds(10), T0.plusSeconds(25)))
                .isTrue();
        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-b", T0.plusSeconds(26), T0.plusSeconds(41)))
                .isTrue();
        assertThat(store.signOuts().renew(realm.id(), "so-1", "node-a", T0.plusSeconds(50)))
                .as("the old holder renews")
                .isFalse();
        assertThat(store.signOuts().renew(realm.id(), "so-1", "node-b", T0.plusSeconds(50)))
                .isTrue();
        assertThat(store.signOuts().unleased(T0.plusSeconds(45))).isEmpty();
    }

    @Test
    @DisplayName("of several nodes claiming a lapsed sign-out at once, exactly one wins")
    void concurrentClaimsHaveOneWinner() throws Exception {
        store.signOuts().create(running("so-1", T0));

        AtomicInteger nodes = new AtomicInteger();
        List<Boolean> won = Concurrently.run(() ->
                store.signOuts().claim(realm.id(), "so-1", "node-" + nodes.incrementAndGet(), T0, T0.plusSeconds(15)));

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    @DisplayName("only the holder of a RUNNING sign-out's lease locks it, and a finished sign-out has no lease")
    void lockIfHeldNeedsTheLeaseOfARunningSignOut() {
        SignOut running = running("so-1", T0);
        store.signOuts().create(running);
        store.signOuts().claim(realm.id(), "so-1", "node-a", T0, T0.plusSeconds(15));

        assertThat(lockIfHeld(realm.id(), "so-1", "node-a")).isTrue();
        assertThat(lockIfHeld(realm.id(), "so-1", "node-b")).isFalse();

        store.signOuts().update(running.completed(3, T0.plusSeconds(1)));

        assertThat(lockIfHeld(realm.id(), "so-1", "node-a")).isFalse();
        assertThat(store.signOuts().claim(realm.id(), "so-1", "node-a", T0.plusSeconds(2), T0.plusSeconds(17)))
                .isFalse();
        assertThat(store.signOuts().unleased(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    @DisplayName("progress saved while a sign-out runs keeps its lease")
    void progressKeepsTheLease() {
        SignOut running = running("so-1", T0);
        store.signOuts().create(running);
        store.signOuts().claim(realm.id(), "so-1", "node-a", T0, T0.plusSeconds(15));

        store.signOuts().update(running.withAffected(1000));

        assertThat(store.signOuts().unleased(T0.plusSeconds(1))).isEmpty();
        assertThat(lockIfHeld(realm.id(), "so-1", "node-a")).isTrue();
    }

    private boolean lockIfHeld(String realmId, String id, String owner) {
        return store.inTransaction(tx -> tx.signOuts().lockIfHeld(realmId, id, owner));
    }

    private SignOut running(String id, Instant createdAt) {
        return signOut(realm, id, createdAt);
    }

    private static SignOut signOut(Realm realm, String id, Instant createdAt) {
        return new SignOut(
                id,
                realm.id(),
                "filter",
                "{\"userAgentContains\":\"curl\"}",
                "incident 42",
                "admin-id",
                "admin",
                "sign-out",
                "req-" + id,
                "192.0.2.1",
                Optional.empty(),
                0,
                SignOut.Status.RUNNING,
                createdAt,
                Optional.empty(),
                Optional.empty());
    }
}
