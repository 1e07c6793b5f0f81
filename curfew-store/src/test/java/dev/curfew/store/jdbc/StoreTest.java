package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.user.User;
import dev.curfew.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StoreTest extends StoreContract {

    @Test
    void inTransactionCommitsEveryWriteAndReturnsTheResult() {
        Realm realm = Fixtures.newRealm("acme");
        User user = Fixtures.newUser(realm, "alice");

        String result = store.inTransaction(tx -> {
            tx.realms().create(realm);
            tx.users().create(user);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(store.users().findById(realm.id(), user.id())).contains(user);
    }

    @Test
    void inTransactionRollsBackEveryWriteWhenTheWorkThrows() {
        Realm realm = Fixtures.newRealm("acme");
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.realms().create(realm);
                    tx.users().create(Fixtures.newUser(realm, "alice"));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(store.realms().findById(realm.id())).isEmpty();
    }

    @Test
    void writesInATransactionAreSeenInsideItAndNotByOthersBeforeCommit() {
        Realm realm = Fixtures.newRealm("acme");

        store.inTransaction(tx -> {
            tx.realms().create(realm);
            assertThat(tx.realms().findByName("acme")).contains(realm);
            // Another thread, because JDBI lends a thread's open handle to any call the thread makes.
            assertThat(CompletableFuture.supplyAsync(() -> store.realms().findByName("acme"))
                            .join())
                    .isEmpty();
            return null;
        });

        assertThat(store.realms().findByName("acme")).contains(realm);
    }

    @Test
    void nestedTransactionJoinsTheOuterOne() {
        Realm realm = Fixtures.newRealm("acme");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.inTransaction(inner -> {
                        inner.realms().create(realm);
                        return null;
                    });
                    throw new IllegalStateException("outer fails after inner returned");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.realms().findById(realm.id())).isEmpty();
    }

    /**
     * PostgreSQL aborts a transaction on any failed statement; idempotent writes that meet an existing
     * row must not, or the rest of the transaction would fail.
     */
    @Test
    void idempotentWritesThatMeetAnExistingRowLeaveTheTransactionUsable() {
        Realm realm = given.realm("acme");
        User admin = given.user(realm, "admin");
        UserSession session = given.session(admin);
        String client = given.client(realm, "app").id();
        PrivilegeGrant grant = new PrivilegeGrant(admin.id(), Privilege.AUDITOR, "acme");

        store.inTransaction(tx -> {
            tx.privileges().grant(grant);
            tx.privileges().grant(grant);
            tx.tokens().revokeAccessToken("jti", realm.id(), T0);
            tx.tokens().revokeAccessToken("jti", realm.id(), T0);
            tx.sessions().recordClientSession(new ClientSession(session.id(), client, T0, T0));
            tx.sessions().recordClientSession(new ClientSession(session.id(), client, T0, T0.plusSeconds(1)));
            tx.users().setPasswordHash(admin.id(), "first");
            tx.users().setPasswordHash(admin.id(), "second");
            return null;
        });

        assertThat(store.privileges().forUser(admin.id())).containsExactly(grant);
        assertThat(store.tokens().isAccessTokenRevoked("jti")).isTrue();
        assertThat(store.sessions().clientSessions(session.id()))
                .containsExactly(new ClientSession(session.id(), client, T0, T0.plusSeconds(1)));
        assertThat(store.users().passwordHash(admin.id())).contains("second");
    }

    @Test
    void duplicateInsideATransactionRollsItBack() {
        given.realm("taken");
        Realm realm = Fixtures.newRealm("acme");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.realms().create(realm);
                    tx.realms().create(Fixtures.newRealm("taken"));
                    return null;
                }))
                .isInstanceOf(DuplicateException.class);

        assertThat(store.realms().findById(realm.id())).isEmpty();
    }

    @Test
    void afterCommitActionsRunOnceTheTransactionHasCommittedInTheOrderRegistered() {
        Realm realm = Fixtures.newRealm("acme");
        List<String> seen = new ArrayList<>();

        store.inTransaction(tx -> {
            tx.realms().create(realm);
            tx.afterCommit(() -> seen.add("first, realm committed: "
                    + CompletableFuture.supplyAsync(
                                    () -> store.realms().findById(realm.id()).isPresent())
                            .join()));
            tx.inTransaction(inner -> {
                inner.afterCommit(() -> seen.add("second, from a nested transaction"));
                return null;
            });
            assertThat(seen).as("nothing runs before the commit").isEmpty();
            return null;
        });

        assertThat(seen).containsExactly("first, realm committed: true", "second, from a nested transaction");
    }

    @Test
    void afterCommitActionsNeverRunWhenTheTransactionRollsBack() {
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.realms().create(Fixtures.newRealm("acme"));
                    tx.afterCommit(() -> seen.add("ran"));
                    throw new IllegalStateException("rolled back");
                }))
                .isInstanceOf(IllegalStateException.class);
        store.inTransaction(tx -> tx.realms().list());

        assertThat(seen).isEmpty();
    }

    @Test
    void afterCommitOutsideATransactionRunsAtOnce() {
        List<String> seen = new ArrayList<>();

        store.afterCommit(() -> seen.add("ran"));

        assertThat(seen).containsExactly("ran");
    }

    @Test
    void aFailingAfterCommitActionNeitherFailsTheCommittedTransactionNorStopsTheNextAction() {
        Realm realm = Fixtures.newRealm("acme");
        List<String> seen = new ArrayList<>();

        String result = store.inTransaction(tx -> {
            tx.realms().create(realm);
            tx.afterCommit(() -> {
                throw new IllegalStateException("broken listener");
            });
            tx.afterCommit(() -> seen.add("next"));
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(seen).containsExactly("next");
        assertThat(store.realms().findById(realm.id())).isPresent();
    }

    @Test
    void isHealthyWhileTheDatabaseAnswers() {
        assertThat(store.isHealthy()).isTrue();
        boolean healthyInTransaction = store.inTransaction(tx -> tx.isHealthy());
        assertThat(healthyInTransaction).isTrue();
    }

    @Test
    void isNotHealthyOnceTheDatabaseIsClosed() {
        Database database = Database.open(backend.newDatabase());
        database.close();

        assertThat(database.store().isHealthy()).isFalse();
    }
}
