package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.bruteforce.LoginFailure;
import dev.curfew.core.bruteforce.UserLoginFailure;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.user.User;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginFailureStoreTest extends StoreContract {
    private Realm realm;
    private User alice;

    @BeforeEach
    void createUser() {
        realm = given.realm("acme");
        alice = given.user(realm, "alice");
    }

    private LoginFailure failures(User user, int n, long lastFailureSeconds, Optional<Long> lockedUntilSeconds) {
        return new LoginFailure(
                user.realmId(),
                user.id(),
                n,
                Optional.of(T0.plusSeconds(lastFailureSeconds)),
                Optional.of("192.0.2.9"),
                lockedUntilSeconds.map(T0::plusSeconds),
                false);
    }

    private void save(LoginFailure failure) {
        store.inTransaction(tx -> {
            tx.loginFailures().lock(failure.realmId(), failure.userId());
            tx.loginFailures().save(failure);
            return null;
        });
    }

    @Test
    void aUserWithoutFailuresHasNoRecordUntilOneIsLocked() {
        assertThat(store.loginFailures().find(alice.id())).isEmpty();

        LoginFailure locked = store.inTransaction(tx -> tx.loginFailures().lock(realm.id(), alice.id()));

        assertThat(locked).isEqualTo(LoginFailure.none(realm.id(), alice.id()));
        assertThat(store.loginFailures().find(alice.id())).contains(locked);
    }

    @Test
    void savedRecordReadsBackWithEveryField() {
        LoginFailure failure = new LoginFailure(
                realm.id(),
                alice.id(),
                12,
                Optional.of(T0.plusMillis(1234)),
                Optional.of("2001:db8::1"),
                Optional.of(T0.plusSeconds(120)),
                true);

        save(failure);

        assertThat(store.loginFailures().find(alice.id())).contains(failure);
    }

    @Test
    void concurrentIncrementsUnderTheLockAreAllCounted() throws Exception {
        Concurrently.run(() -> store.inTransaction(tx -> {
            LoginFailure before = tx.loginFailures().lock(realm.id(), alice.id());
            tx.loginFailures()
                    .save(new LoginFailure(
                            before.realmId(),
                            before.userId(),
                            before.numFailures() + 1,
                            Optional.of(T0),
                            Optional.of("192.0.2.1"),
                            Optional.empty(),
                            false));
            return null;
        }));

        assertThat(store.loginFailures().find(alice.id()).orElseThrow().numFailures())
                .isEqualTo(Concurrently.THREADS);
    }

    @Test
    void deleteForgetsOneUserAndSaysWhetherThereWasARecord() {
        User bob = given.user(realm, "bob");
        save(failures(alice, 3, 1, Optional.empty()));
        save(failures(bob, 4, 2, Optional.empty()));

        assertThat(store.loginFailures().delete(alice.id())).isTrue();
        assertThat(store.loginFailures().delete(alice.id())).isFalse();

        assertThat(store.loginFailures().find(alice.id())).isEmpty();
        assertThat(store.loginFailures().find(bob.id())).isPresent();
    }

    @Test
    void deleteAllForgetsTheRealmOnly() {
        User bob = given.user(realm, "bob");
        Realm other = given.realm("other");
        User carol = given.user(other, "carol");
        save(failures(alice, 3, 1, Optional.empty()));
        save(failures(bob, 4, 2, Optional.empty()));
        save(failures(carol, 5, 3, Optional.empty()));

        assertThat(store.loginFailures().deleteAll(realm.id())).isEqualTo(2);

        assertThat(store.loginFailures().count(realm.id(), Optional.empty())).isZero();
        assertThat(store.loginFailures().find(carol.id())).isPresent();
    }

    @Test
    void listShowsTheLatestFailureFirstWithItsUserAndFiltersTheLockedOnes() {
        User bob = given.user(realm, "bob");
        User carol = given.user(realm, "carol");
        User dave = given.user(realm, "dave");
        save(failures(alice, 3, 10, Optional.empty()));
        save(failures(bob, 10, 30, Optional.of(90L)));
        save(failures(carol, 10, 20, Optional.of(40L)));
        store.users().update(dave.withEnabled(false));
        save(new LoginFailure(
                realm.id(), dave.id(), 10, Optional.of(T0), Optional.of("192.0.2.1"), Optional.empty(), true));

        assertThat(store.loginFailures().list(realm.id(), Optional.empty(), Page.DEFAULT))
                .extracting(f -> f.user().username())
                .containsExactly("bob", "carol", "alice", "dave");
        assertThat(store.loginFailures().list(realm.id(), Optional.of(T0.plusSeconds(60)), Page.DEFAULT))
                .extracting(f -> f.user().username())
                .containsExactly("bob", "dave");
        assertThat(store.loginFailures().count(realm.id(), Optional.of(T0.plusSeconds(60))))
                .isEqualTo(2);
        assertThat(store.loginFailures().list(realm.id(), Optional.empty(), new Page(1, 2)))
                .extracting(UserLoginFailure::failure)
                .extracting(LoginFailure::userId)
                .containsExactly(carol.id(), alice.id());
    }

    @Test
    void deletingTheUserDeletesTheRecord() {
        save(failures(alice, 3, 1, Optional.empty()));

        store.users().delete(realm.id(), alice.id());

        assertThat(store.loginFailures().find(alice.id())).isEmpty();
    }
}
