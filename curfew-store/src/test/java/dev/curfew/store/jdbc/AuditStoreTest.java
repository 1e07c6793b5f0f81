package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.audit.AuditChain;
import dev.curfew.core.audit.AuditEntry;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The append-only, hash-chained audit log of each realm. */
class AuditStoreTest extends StoreContract {
    private static final int APPENDS_PER_THREAD = 25;

    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void firstEntryLinksToGenesisAndEachNextToThePreviousHash() {
        AuditEntry first = store.audit().append(draft(realm, "admin", "sign-out", T0));
        AuditEntry second = store.audit().append(draft(realm, "admin", "cut-off", T0.plusSeconds(1)));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(first));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(store.audit().range(realm.id(), 1, 10)).containsExactly(first, second);
        assertThat(AuditChain.verify(store.audit().range(realm.id(), 1, 10).iterator()))
                .isEmpty();
    }

    @Test
    void eachRealmHasItsOwnChain() {
        Realm other = given.realm("other");
        store.audit().append(draft(realm, "admin", "sign-out", T0));
        store.audit().append(draft(realm, "admin", "sign-out", T0));

        AuditEntry elsewhere = store.audit().append(draft(other, "admin", "sign-out", T0));

        assertThat(elsewhere.seq()).isEqualTo(1);
        assertThat(elsewhere.prevHash()).isEqualTo(AuditChain.GENESIS);
    }

    @Test
    void concurrentAppendsToOneRealmNeverForkTheChain() throws Exception {
        Concurrently.run(() -> {
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                store.audit()
                        .append(draft(realm, "admin-" + Thread.currentThread().threadId(), "sign-out", T0));
            }
            return null;
        });

        int total = Concurrently.THREADS * APPENDS_PER_THREAD;
        List<AuditEntry> chain = store.audit().range(realm.id(), 1, Batch.MAX_LIMIT);
        assertThat(chain).hasSize(total);
        assertThat(chain.getLast().seq()).isEqualTo(total);
        assertThat(AuditChain.verify(chain.iterator())).isEmpty();
    }

    @Test
    void concurrentFirstAppendsOfANewRealmCreateOneChain() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Realm fresh = given.realm("fresh-" + attempt);

            List<AuditEntry> appended =
                    Concurrently.run(() -> store.audit().append(draft(fresh, "admin", "sign-out", T0)));

            assertThat(appended).extracting(AuditEntry::seq).doesNotHaveDuplicates();
            assertThat(AuditChain.verify(store.audit().range(fresh.id(), 1, 100).iterator()))
                    .isEmpty();
        }
    }

    @Test
    void appendInsideATransactionRollsBackWithIt() {
        AuditEntry first = store.audit().append(draft(realm, "admin", "sign-out", T0));

        assertThatThrownBy(() -> store.inTransaction(tx -> {
                    tx.audit().append(draft(realm, "admin", "cut-off", T0));
                    throw new IllegalStateException("the sign-out failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        AuditEntry next = store.audit().append(draft(realm, "admin", "cut-off", T0));

        assertThat(next.seq()).isEqualTo(2);
        assertThat(next.prevHash()).isEqualTo(first.hash());
    }

    @Test
    void listIsNewestFirstWithFiltersPagesAndTotals() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String actor = i % 2 == 0 ? "alice" : "bob";
            String action = i % 3 == 0 ? "cut-off" : "sign-out";
            entries.add(store.audit().append(draft(realm, actor, action, T0.plusSeconds(i))));
        }
        store.audit().append(draft(given.realm("other"), "alice", "sign-out", T0));

        assertThat(store.audit().list(query(Optional.empty(), Optional.empty(), new Page(0, 3))))
                .containsExactly(entries.get(9), entries.get(8), entries.get(7));
        assertThat(store.audit().count(query(Optional.empty(), Optional.empty(), Page.DEFAULT)))
                .isEqualTo(10);

        AuditQuery alicesSignOuts = query(Optional.of("alice"), Optional.of("sign-out"), new Page(1, 2));
        assertThat(store.audit().list(alicesSignOuts)).containsExactly(entries.get(4), entries.get(2));
        assertThat(store.audit().count(alicesSignOuts)).isEqualTo(3);
    }

    @Test
    void timeWindowIncludesItsStartAndExcludesItsEnd() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(store.audit().append(draft(realm, "admin", "sign-out", T0.plusSeconds(i))));
        }
        AuditQuery window = new AuditQuery(
                realm.id(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(T0.plusSeconds(1)),
                Optional.of(T0.plusSeconds(3)),
                Page.DEFAULT);

        assertThat(store.audit().list(window)).containsExactly(entries.get(2), entries.get(1));
        assertThat(store.audit().count(window)).isEqualTo(2);
    }

    @Test
    void rangeReadsTheChainInOrderFromASeq() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            entries.add(store.audit().append(draft(realm, "admin", "sign-out", T0)));
        }

        assertThat(store.audit().range(realm.id(), 3, 2)).containsExactly(entries.get(2), entries.get(3));
        assertThat(store.audit().range(realm.id(), 6, 10)).containsExactly(entries.get(5));
        assertThat(store.audit().range(realm.id(), 7, 10)).isEmpty();
        assertThatThrownBy(() -> store.audit().range(realm.id(), 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheRealmDeletesItsLogAndStartsANewChainForANewRealm() {
        store.audit().append(draft(realm, "admin", "sign-out", T0));

        store.realms().delete(realm.id());

        assertThat(store.audit().range(realm.id(), 1, 10)).isEmpty();
        Realm recreated = given.realm("acme");
        assertThat(store.audit()
                        .append(draft(recreated, "admin", "sign-out", T0))
                        .seq())
                .isEqualTo(1);
    }

    private AuditQuery query(Optional<String> actor, Optional<String> action, Page page) {
        return new AuditQuery(realm.id(), actor, action, Optional.empty(), Optional.empty(), page);
    }

    private static AuditEntry draft(Realm realm, String actor, String action, Instant at) {
        return AuditEntry.draft(
                realm.id(),
                at,
                actor + "-id",
                actor,
                "sign-out",
                action,
                "incident 42",
                "{\"scope\":\"user\"}",
                3,
                "req-1",
                "192.0.2.1");
    }
}
