package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.delivery.DestinationSummary;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxStoreTest extends StoreContract {
    private static final String RP = "https://rp.example.test/backchannel";
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void queuedDeliveryReadsBackWithEveryField() {
        Delivery d = delivery("jti-1", RP, T0, Optional.of("so-1"));

        assertThat(store.outbox().enqueue(List.of(d))).isEqualTo(1);

        assertThat(store.outbox().find(realm.id(), "jti-1")).contains(d);
        assertThat(store.outbox().find(given.realm("other").id(), "jti-1")).isEmpty();
    }

    @Test
    void sameJtiTwiceIsNoOpEvenInsideATransaction() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));

        int added = store.inTransaction(tx -> tx.outbox()
                .enqueue(List.of(
                        delivery("jti-1", "https://elsewhere.example.test/", T0.plusSeconds(1), Optional.empty()),
                        delivery("jti-2", RP, T0, Optional.empty()))));

        assertThat(added).isEqualTo(1);
        assertThat(store.outbox().find(realm.id(), "jti-1").orElseThrow().destination())
                .isEqualTo(RP);
        assertThat(store.outbox().find(realm.id(), "jti-2")).isPresent();
    }

    @Test
    void rolledBackTransactionQueuesNothing() {
        try {
            store.inTransaction(tx -> {
                tx.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));
                throw new IllegalStateException("the sign-out failed");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }

        assertThat(store.outbox().find(realm.id(), "jti-1")).isEmpty();
    }

    @Test
    void claimTakesDueRowsOldestFirstUpToTheLimitAndHidesThemFromOtherClaims() {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(delivery("jti-" + i, RP, T0.plusMillis(i), Optional.empty()));
        }
        rows.add(delivery("jti-later", RP, T0.plusSeconds(60), Optional.empty()));
        store.outbox().enqueue(rows);
        Instant now = T0.plusSeconds(1);

        List<Delivery> first = store.outbox().claimDue(now, now.plusSeconds(30), 3);
        List<Delivery> second = store.outbox().claimDue(now, now.plusSeconds(30), 3);

        assertThat(first).extracting(Delivery::id).containsExactly("jti-0", "jti-1", "jti-2");
        assertThat(second).extracting(Delivery::id).containsExactly("jti-3", "jti-4");
        assertThat(store.outbox().claimDue(now, now.plusSeconds(30), 3)).isEmpty();
    }

    @Test
    void claimsRacingOverALongQueueTakeEveryDueRowOnceOldestFirst() throws InterruptedException {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // Ties of queuing time, as a clean-up batch queues them, broken by the id.
            rows.add(delivery(String.format("jti-%03d", i), RP, T0.plusMillis(i / 100), Optional.empty()));
        }
        store.outbox().enqueue(rows);
        Instant now = T0.plusSeconds(1);

        List<List<String>> claims = Concurrently.run(() -> {
            List<String> mine = new ArrayList<>();
            for (int round = 0; round < 100; round++) {
                List<Delivery> claimed = store.outbox().claimDue(now, now.plusSeconds(30), 25);
                if (claimed.isEmpty()) {
                    break;
                }
                claimed.forEach(d -> mine.add(d.id()));
            }
            return mine;
        });

        List<String> all = claims.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(600).doesNotHaveDuplicates();
        for (List<String> mine : claims) {
            assertThat(mine).as("each claimer takes its rows oldest first").isSorted();
        }
    }

    @Test
    void expiredClaimOfACrashedNodeIsClaimedAgain() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));
        store.outbox().claimDue(T0, T0.plusSeconds(30), 10);

        assertThat(store.outbox().claimDue(T0.plusSeconds(29), T0.plusSeconds(59), 10))
                .isEmpty();
        assertThat(store.outbox().claimDue(T0.plusSeconds(31), T0.plusSeconds(61), 10))
                .extracting(Delivery::id)
                .containsExactly("jti-1");
    }

    @Test
    void releasedRowIsDueAgainAtOnce() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));
        store.outbox().claimDue(T0, T0.plusSeconds(30), 10);

        store.outbox().release("jti-1");

        assertThat(store.outbox().claimDue(T0, T0.plusSeconds(30), 10)).hasSize(1);
    }

    @Test
    void rescheduledRowWaitsForItsNextAttemptAndKeepsTheError() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));
        store.outbox().claimDue(T0, T0.plusSeconds(30), 10);

        store.outbox().reschedule("jti-1", 1, T0.plusSeconds(5), "HTTP 503");

        assertThat(store.outbox().claimDue(T0.plusSeconds(4), T0.plusSeconds(34), 10))
                .isEmpty();
        Delivery again = store.outbox()
                .claimDue(T0.plusSeconds(5), T0.plusSeconds(35), 10)
                .getFirst();
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lastError()).contains("HTTP 503");
    }

    @Test
    void deliveredAndDeadRowsAreNeverClaimed() {
        store.outbox()
                .enqueue(List.of(
                        delivery("jti-1", RP, T0, Optional.empty()), delivery("jti-2", RP, T0, Optional.empty())));

        store.outbox().markDelivered("jti-1", 1, T0.plusSeconds(1));
        store.outbox().markDead("jti-2", 3, "HTTP 400");

        assertThat(store.outbox().claimDue(T0.plusSeconds(10), T0.plusSeconds(40), 10))
                .isEmpty();
        Delivery delivered = store.outbox().find(realm.id(), "jti-1").orElseThrow();
        assertThat(delivered.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivered.deliveredAt()).contains(T0.plusSeconds(1));
        assertThat(store.outbox().list(realm.id(), Delivery.Status.DEAD, Optional.empty(), Page.DEFAULT))
                .extracting(Delivery::id, Delivery::attempts, Delivery::lastError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jti-2", 3, Optional.of("HTTP 400")));
        assertThat(store.outbox().count(Delivery.Status.DEAD)).isEqualTo(1);
        assertThat(store.outbox().count(Delivery.Status.DELIVERED)).isEqualTo(1);
    }

    @Test
    void deliveredRowsWrittenTogetherKeepTheirOwnAttemptsAndTimesAndEndTheirClaims() {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(delivery("jti-" + i, RP, T0.plusMillis(i), Optional.empty()));
        }
        store.outbox().enqueue(rows);
        assertThat(store.outbox().claimDue(T0.plusSeconds(1), T0.plusSeconds(31), 10))
                .hasSize(3);

        store.outbox()
                .markDelivered(List.of(
                        new OutboxStore.Delivered("jti-0", 1, T0.plusSeconds(2)),
                        new OutboxStore.Delivered("jti-2", 4, T0.plusSeconds(3))));
        store.outbox().markDelivered(List.of());

        assertThat(List.of("jti-0", "jti-1", "jti-2"))
                .map(id -> store.outbox().find(realm.id(), id).orElseThrow())
                .extracting(Delivery::id, Delivery::status, Delivery::attempts, Delivery::deliveredAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "jti-0", Delivery.Status.DELIVERED, 1, Optional.of(T0.plusSeconds(2))),
                        org.assertj.core.groups.Tuple.tuple("jti-1", Delivery.Status.QUEUED, 0, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(
                                "jti-2", Delivery.Status.DELIVERED, 4, Optional.of(T0.plusSeconds(3))));
        // The row not written is still claimed; once its claim expires it is the only one due.
        assertThat(store.outbox().claimDue(T0.plusSeconds(32), T0.plusSeconds(62), 10))
                .extracting(Delivery::id)
                .containsExactly("jti-1");
    }

    @Test
    void retryPutsADeadRowBackInTheQueueWithANewWindow() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));
        store.outbox().markDead("jti-1", 7, "too old");
        Instant now = T0.plus(Duration.ofDays(2));

        assertThat(store.outbox().retry(given.realm("other").id(), "jti-1", now))
                .isFalse();
        assertThat(store.outbox().retry(realm.id(), "jti-1", now)).isTrue();
        assertThat(store.outbox().retry(realm.id(), "jti-1", now)).isFalse();

        Delivery retried = store.outbox().claimDue(now, now.plusSeconds(30), 10).getFirst();
        assertThat(retried.status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(retried.attempts()).isZero();
        assertThat(retried.queuedAt()).isEqualTo(now);
        assertThat(retried.createdAt()).isEqualTo(T0);
    }

    @Test
    void summaryCountsOneSignOutsRowsPerDestination() {
        String other = "https://other.example.test/bcl";
        store.outbox()
                .enqueue(List.of(
                        delivery("a", RP, T0, Optional.of("so-1")),
                        delivery("b", RP, T0, Optional.of("so-1")),
                        delivery("c", RP, T0, Optional.of("so-1")),
                        delivery("d", other, T0, Optional.of("so-1")),
                        delivery("e", RP, T0, Optional.of("so-2"))));
        store.outbox().markDelivered("a", 1, T0);
        store.outbox().markDead("b", 1, "HTTP 404");

        List<DestinationSummary> summary = store.outbox().summaryOfSignOut(realm.id(), "so-1");

        assertThat(summary)
                .containsExactly(
                        new DestinationSummary(other, "client-1", 1, 0, 0, Optional.empty()),
                        new DestinationSummary(RP, "client-1", 1, 1, 1, Optional.of("HTTP 404")));
    }

    @Test
    void purgeRemovesOnlyOldDeliveredRows() {
        store.outbox()
                .enqueue(List.of(
                        delivery("old", RP, T0, Optional.empty()),
                        delivery("new", RP, T0, Optional.empty()),
                        delivery("queued", RP, T0, Optional.empty())));
        store.outbox().markDelivered("old", 1, T0);
        store.outbox().markDelivered("new", 1, T0.plusSeconds(100));

        assertThat(store.outbox().purgeDelivered(T0.plusSeconds(50), 10)).isEqualTo(1);

        assertThat(store.outbox().find(realm.id(), "old")).isEmpty();
        assertThat(store.outbox().find(realm.id(), "new")).isPresent();
        assertThat(store.outbox().find(realm.id(), "queued")).isPresent();
    }

    @Test
    void deletingTheRealmDeletesItsOutbox() {
        store.outbox().enqueue(List.of(delivery("jti-1", RP, T0, Optional.empty())));

        store.realms().delete(realm.id());

        assertThat(store.outbox().count(Delivery.Status.QUEUED)).isZero();
    }

    @Test
    void listsAndCountsOneClientsRows() {
        store.outbox()
                .enqueue(List.of(
                        delivery("jti-1", RP, T0, Optional.empty()),
                        delivery("jti-2", RP, T0.plusSeconds(1), Optional.empty()),
                        Delivery.queued(
                                "jti-other",
                                realm.id(),
                                Delivery.BACKCHANNEL_LOGOUT,
                                "https://other.example.test/bc",
                                "{}",
                                "application/x-www-form-urlencoded",
                                Optional.empty(),
                                "client-2",
                                T0)));
        store.outbox().markDead("jti-1", 2, "HTTP 400");

        assertThat(store.outbox().list(realm.id(), Delivery.Status.QUEUED, Optional.of("client-1"), Page.DEFAULT))
                .extracting(Delivery::id)
                .containsExactly("jti-2");
        assertThat(store.outbox().list(realm.id(), Delivery.Status.QUEUED, Optional.empty(), Page.DEFAULT))
                .extracting(Delivery::id)
                .containsExactly("jti-2", "jti-other");
        assertThat(store.outbox().countsOfClient(realm.id(), "client-1"))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        Delivery.Status.QUEUED, 1L, Delivery.Status.DEAD, 1L, Delivery.Status.DELIVERED, 0L));
        assertThat(store.outbox().countsOfClient(realm.id(), "no-such-client")).containsValues(0L, 0L, 0L);
    }

    private Delivery delivery(String id, String destination, Instant at, Optional<String> signOutId) {
        return Delivery.queued(
                id,
                realm.id(),
                Delivery.BACKCHANNEL_LOGOUT,
                destination,
                "{\"jti\":\"" + id + "\"}",
                "application/x-www-form-urlencoded",
                signOutId,
                "client-1",
                at);
    }
}
