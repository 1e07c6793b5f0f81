package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.ssf.EndedSession;
import dev.curfew.core.ssf.QueuedSet;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SsfStoreTest extends StoreContract {
    private Realm realm;
    private Client receiver;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
        receiver =
                Fixtures.newClient(realm, "guard").toBuilder().ssfReceiver(true).build();
        store.clients().create(receiver);
    }

    private Stream poll(String id, Client client, Instant at) {
        return new Stream(
                id,
                realm.id(),
                client.id(),
                "https://id.example.test/realms/acme",
                Stream.DeliveryMethod.POLL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Stream.Status.ENABLED,
                Optional.empty(),
                Duration.ofHours(24),
                at,
                at,
                at);
    }

    private Stream push(String id, Instant at) {
        return new Stream(
                id,
                realm.id(),
                receiver.id(),
                "https://id.example.test/realms/acme",
                Stream.DeliveryMethod.PUSH,
                Optional.of("https://rs.example.test/events"),
                Optional.of("Bearer s3cret"),
                Optional.of(List.of("https://schemas.openid.net/secevent/caep/event-type/session-revoked")),
                Optional.of("the resource server"),
                Stream.Status.PAUSED,
                Optional.of("maintenance"),
                Duration.ofSeconds(600),
                at,
                at.plusSeconds(1),
                at.plusSeconds(2));
    }

    @Test
    void streamReadsBackWithEveryField() {
        Stream pushed = push("s-1", T0);
        Stream polled = poll("s-2", receiver, T0.plusMillis(1));
        store.ssf().create(pushed);
        store.ssf().create(polled);

        assertThat(store.ssf().find(realm.id(), "s-1")).contains(pushed);
        assertThat(store.ssf().find(realm.id(), "s-2")).contains(polled);
        assertThat(store.ssf().find(given.realm("other").id(), "s-1")).isEmpty();
        assertThat(store.ssf().listByClient(realm.id(), receiver.id())).containsExactly(pushed, polled);
        assertThat(store.ssf().countByClient(realm.id(), receiver.id())).isEqualTo(2);
        assertThat(store.ssf().listByRealm(realm.id(), new Page(1, 10))).containsExactly(polled);
        assertThat(store.ssf().count()).isEqualTo(2);
    }

    @Test
    void anEmptyListOfRequestedEventsIsKeptApartFromNone() {
        Stream none = poll("s-1", receiver, T0);
        Stream empty = none.withConfiguration(
                        Stream.DeliveryMethod.POLL,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(List.of()),
                        Optional.empty(),
                        T0)
                .withStatus(Stream.Status.ENABLED, Optional.empty(), T0);
        store.ssf().create(none);

        assertThat(store.ssf().find(realm.id(), "s-1").orElseThrow().eventsRequested())
                .isEmpty();
        store.ssf().update(empty);
        assertThat(store.ssf().find(realm.id(), "s-1").orElseThrow().eventsRequested())
                .contains(List.of());
    }

    @Test
    void updateChangesTheReceiversFieldsAndTheStatus() {
        store.ssf().create(poll("s-1", receiver, T0));
        Stream changed = push("s-1", T0).withStatus(Stream.Status.DISABLED, Optional.of("gone"), T0.plusSeconds(5));

        assertThat(store.ssf().update(changed)).isTrue();

        assertThat(store.ssf().find(realm.id(), "s-1")).contains(changed);
        assertThat(store.ssf().update(poll("unknown", receiver, T0))).isFalse();
    }

    @Test
    void receivingSkipsDisabledStreamsAndClientsThatAreNotEnabledReceivers() {
        Client notReceiver = given.client(realm, "plain");
        Client disabled = given.client(realm, "off");
        store.clients()
                .update(disabled.toBuilder().ssfReceiver(true).enabled(false).build());
        store.ssf().create(poll("live", receiver, T0));
        store.ssf().create(push("paused", T0.plusMillis(1)));
        store.ssf()
                .create(poll("off", receiver, T0.plusMillis(2))
                        .withStatus(Stream.Status.DISABLED, Optional.empty(), T0));
        store.ssf().create(poll("plain", notReceiver, T0));
        store.ssf().create(poll("disabled-client", disabled, T0));

        assertThat(store.ssf().receiving(realm.id())).extracting(Stream::id).containsExactly("live", "paused");
    }

    @Test
    void deletingTheStreamTheClientOrTheRealmDeletesItsQueueAndSubjects() {
        store.ssf().create(poll("s-1", receiver, T0));
        store.ssf().create(poll("s-2", receiver, T0));
        Client other = given.client(realm, "other");
        store.ssf().create(poll("s-3", other, T0));
        for (String id : List.of("s-1", "s-2", "s-3")) {
            store.ssf().enqueue(List.of(new QueuedSet(id, "jti", "{}", T0)));
            store.ssf().exclude(id, "user:u1");
        }

        assertThat(store.ssf().delete(realm.id(), "s-1")).isTrue();
        assertThat(store.ssf().delete(realm.id(), "s-1")).isFalse();
        assertThat(store.ssf().queued("s-1")).isZero();
        assertThat(store.ssf().excluded(List.of("s-1"))).isEmpty();

        store.clients().delete(realm.id(), other.id());
        assertThat(store.ssf().find(realm.id(), "s-3")).isEmpty();
        assertThat(store.ssf().queued("s-3")).isZero();

        store.realms().delete(realm.id());
        assertThat(store.ssf().count()).isZero();
        assertThat(store.ssf().queued("s-2")).isZero();
    }

    @Test
    void subjectsAreExcludedAndIncludedIdempotentlyEvenInsideATransaction() {
        store.ssf().create(poll("s-1", receiver, T0));
        store.ssf().create(poll("s-2", receiver, T0));

        store.inTransaction(tx -> {
            tx.ssf().exclude("s-1", "user:u1");
            tx.ssf().exclude("s-1", "user:u1");
            tx.ssf().exclude("s-1", "session:abc");
            tx.ssf().exclude("s-2", "user:u2");
            return null;
        });

        assertThat(store.ssf().excluded(List.of("s-1", "s-2", "s-3")))
                .isEqualTo(Map.of("s-1", Set.of("user:u1", "session:abc"), "s-2", Set.of("user:u2")));
        store.ssf().include("s-1", "user:u1");
        store.ssf().include("s-1", "user:u1");
        assertThat(store.ssf().excluded(List.of("s-1"))).isEqualTo(Map.of("s-1", Set.of("session:abc")));
        assertThat(store.ssf().excluded(List.of())).isEmpty();
    }

    @Test
    void theQueueKeepsOrderIgnoresARepeatedJtiAndRemovesAcknowledgedSets() {
        store.ssf().create(poll("s-1", receiver, T0));
        store.ssf().create(poll("s-2", receiver, T0));
        List<QueuedSet> sets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Later sets first in time: the queue's order is the order of queuing, not of the timestamps.
            sets.add(new QueuedSet("s-1", "j" + i, "{\"n\":" + i + "}", T0.minusSeconds(i)));
        }

        int added = store.inTransaction(tx -> tx.ssf().enqueue(sets));
        assertThat(added).isEqualTo(5);
        assertThat(store.ssf()
                        .enqueue(List.of(
                                new QueuedSet("s-1", "j0", "{\"other\":1}", T0), new QueuedSet("s-2", "j0", "{}", T0))))
                .isEqualTo(1);

        assertThat(store.ssf().next("s-1", 3)).extracting(QueuedSet::jti).containsExactly("j0", "j1", "j2");
        assertThat(store.ssf().next("s-1", 1)).containsExactly(sets.get(0));
        assertThat(store.ssf().queued("s-1")).isEqualTo(5);

        assertThat(store.ssf().remove("s-1", List.of("j0", "j2", "unknown", "j2")))
                .isEqualTo(2);
        assertThat(store.ssf().remove("s-2", List.of("j1"))).isZero();

        assertThat(store.ssf().next("s-1", 10)).extracting(QueuedSet::jti).containsExactly("j1", "j3", "j4");
        assertThat(store.ssf().next("s-2", 10)).extracting(QueuedSet::jti).containsExactly("j0");
    }

    @Test
    void aRolledBackTransactionQueuesNothing() {
        store.ssf().create(poll("s-1", receiver, T0));
        try {
            store.inTransaction(tx -> {
                tx.ssf().enqueue(List.of(new QueuedSet("s-1", "j", "{}", T0)));
                throw new IllegalStateException("the sign-out failed");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }

        assertThat(store.ssf().queued("s-1")).isZero();
    }

    @Test
    void touchMovesLastSeenOnlyForwardAndInactiveStreamsAreDeletedInBatches() {
        Stream s = poll("s-1", receiver, T0);
        store.ssf().create(s);
        store.ssf().create(poll("s-2", receiver, T0));
        store.ssf().create(push("s-3", T0)); // 600 s timeout, last seen at T0 + 2 s
        store.ssf().touch("s-2", T0.plus(Duration.ofHours(10)));
        store.ssf().touch("s-2", T0.plus(Duration.ofHours(1)));

        assertThat(store.ssf().find(realm.id(), "s-2").orElseThrow().lastSeenAt())
                .isEqualTo(T0.plus(Duration.ofHours(10)));

        Instant later = T0.plus(Duration.ofHours(24)).plusMillis(1);
        assertThat(store.ssf().deleteInactive(later, 1)).isEqualTo(1);
        assertThat(store.ssf().deleteInactive(later, 1)).isEqualTo(1);
        assertThat(store.ssf().deleteInactive(later, 1)).isZero();
        assertThat(store.ssf().listByRealm(realm.id(), Page.DEFAULT))
                .extracting(Stream::id)
                .containsExactly("s-2");
    }

    @Test
    void aVerificationIsRecordedOncePerIntervalAndStream() {
        store.ssf().create(poll("s-1", receiver, T0));
        store.ssf().create(poll("s-2", receiver, T0));
        Duration minute = Duration.ofMinutes(1);

        assertThat(store.ssf().recordVerification("s-1", T0, minute)).isEmpty();
        assertThat(store.ssf().recordVerification("s-1", T0.plusSeconds(59), minute))
                .contains(T0);
        assertThat(store.ssf().recordVerification("s-2", T0.plusSeconds(59), minute))
                .isEmpty();
        assertThat(store.ssf().recordVerification("s-1", T0.plusSeconds(60), minute))
                .isEmpty();
        assertThat(store.ssf().recordVerification("s-1", T0.plusSeconds(61), minute))
                .contains(T0.plusSeconds(60));
    }

    @Test
    void endedSessionsAreRememberedWithTheirUserWhileTheirIdsAreRevoked() {
        User alice = given.user(realm, "alice");
        UserSession first = given.session(alice);
        UserSession second = given.session(alice);
        Realm other = given.realm("other");
        UserSession elsewhere = given.session(given.user(other, "bob"));

        List<EndedSession> recorded = store.inTransaction(tx -> {
            tx.revocations().revokeSessions(realm.id(), List.of(first.id(), "never-existed"), T0.plusSeconds(300));
            List<EndedSession> r = tx.ssf().recordEnded(List.of(first.id(), "never-existed"), T0.plusMillis(5));
            tx.sessions().delete(first.id());
            return r;
        });
        store.revocations().revokeSessions(realm.id(), List.of(second.id()), T0.plusSeconds(10));
        store.ssf().recordEnded(List.of(second.id()), T0.plusMillis(7));
        // Ending it again keeps the first time.
        store.ssf().recordEnded(List.of(second.id()), T0.plusMillis(9));
        store.revocations().revokeSessions(other.id(), List.of(elsewhere.id()), T0.plusSeconds(300));
        store.ssf().recordEnded(List.of(elsewhere.id()), T0);

        assertThat(recorded).containsExactly(new EndedSession(first.id(), alice.id(), T0.plusMillis(5)));
        assertThat(store.ssf().endedSessions(realm.id(), T0))
                .containsExactly(
                        new EndedSession(first.id(), alice.id(), T0.plusMillis(5)),
                        new EndedSession(second.id(), alice.id(), T0.plusMillis(7)));
        assertThat(store.ssf().endedSessions(realm.id(), T0.plusSeconds(10)))
                .containsExactly(new EndedSession(first.id(), alice.id(), T0.plusMillis(5)));
    }

    @Test
    void clearEmptiesOneStreamsQueue() {
        store.ssf().create(poll("s-1", receiver, T0));
        store.ssf().create(poll("s-2", receiver, T0));
        store.ssf()
                .enqueue(List.of(
                        new QueuedSet("s-1", "a", "{}", T0),
                        new QueuedSet("s-1", "b", "{}", T0),
                        new QueuedSet("s-2", "a", "{}", T0)));

        assertThat(store.ssf().clear("s-1")).isEqualTo(2);

        assertThat(store.ssf().queued("s-1")).isZero();
        assertThat(store.ssf().queued("s-2")).isEqualTo(1);
    }

    @Test
    void cutOffsSinceListsTheRealmsRecentCutOffsOnly() {
        User alice = given.user(realm, "alice");
        User bob = given.user(realm, "bob");
        Realm other = given.realm("other");
        User carol = given.user(other, "carol");
        store.realms().setNotBefore(realm.id(), T0.plusSeconds(10));
        store.clients().setNotBefore(realm.id(), receiver.id(), T0.plusSeconds(20));
        store.users().setNotBefore(realm.id(), alice.id(), T0.plusSeconds(30));
        store.users().setNotBefore(realm.id(), bob.id(), T0.plusSeconds(5));
        store.users().setNotBefore(other.id(), carol.id(), T0.plusSeconds(30));

        var recent = store.ssf().cutOffsSince(realm.id(), T0.plusSeconds(10));

        assertThat(recent.realm()).contains(T0.plusSeconds(10));
        assertThat(recent.clients()).isEqualTo(Map.of("guard", T0.plusSeconds(20)));
        assertThat(recent.users()).isEqualTo(Map.of(alice.id(), T0.plusSeconds(30)));
        assertThat(store.ssf().cutOffsSince(realm.id(), T0.plusSeconds(31)))
                .isEqualTo(new dev.curfew.core.store.SsfStore.CutOffsSince(Optional.empty(), Map.of(), Map.of()));
    }
}
