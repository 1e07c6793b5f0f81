package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.SessionStatsStore.HourOfStarts;
import dev.curfew.core.store.SessionStatsStore.Sample;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStatsStoreTest extends StoreContract {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void sinceListsTheRealmsSamplesFromThatTimeOldestFirst() {
        store.sessionStats().record(realm.id(), T0.plus(MINUTE.multipliedBy(2)), 30);
        store.sessionStats().record(realm.id(), T0, 10);
        store.sessionStats().record(realm.id(), T0.plus(MINUTE), 20);
        store.sessionStats().record(given.realm("other").id(), T0.plus(MINUTE), 99);

        assertThat(store.sessionStats().since(realm.id(), T0))
                .containsExactly(
                        new Sample(T0, 10),
                        new Sample(T0.plus(MINUTE), 20),
                        new Sample(T0.plus(MINUTE.multipliedBy(2)), 30));
        assertThat(store.sessionStats().since(realm.id(), T0.plus(MINUTE)))
                .containsExactly(new Sample(T0.plus(MINUTE), 20), new Sample(T0.plus(MINUTE.multipliedBy(2)), 30));
        assertThat(store.sessionStats().since(realm.id(), T0.plus(MINUTE.multipliedBy(3))))
                .isEmpty();
        assertThat(store.sessionStats().since("unknown", T0)).isEmpty();
    }

    @Test
    void aSecondSampleAtTheSameInstantReplacesTheFirst() {
        store.sessionStats().record(realm.id(), T0, 10);
        store.sessionStats().record(realm.id(), T0, 12);

        assertThat(store.sessionStats().since(realm.id(), T0)).containsExactly(new Sample(T0, 12));
    }

    @Test
    void recordingJoinsARunningTransaction() {
        store.inTransaction(tx -> {
            tx.sessionStats().record(realm.id(), T0, 1);
            tx.sessionStats().record(realm.id(), T0, 2);
            return null;
        });

        assertThat(store.sessionStats().since(realm.id(), T0)).containsExactly(new Sample(T0, 2));
    }

    @Test
    void purgeRemovesOnlySamplesBeforeTheCutOffOfEveryRealmInBoundedBatches() {
        Realm other = given.realm("other");
        for (int i = 0; i < 5; i++) {
            store.sessionStats().record(realm.id(), T0.plus(MINUTE.multipliedBy(i)), i);
            store.sessionStats().record(other.id(), T0.plus(MINUTE.multipliedBy(i)), 100 + i);
        }
        Instant cutoff = T0.plus(MINUTE.multipliedBy(3));

        assertThat(store.sessionStats().purgeBefore(cutoff, 4)).isEqualTo(4);
        assertThat(store.sessionStats().purgeBefore(cutoff, 4)).isEqualTo(2);
        assertThat(store.sessionStats().purgeBefore(cutoff, 4)).isZero();

        assertThat(store.sessionStats().since(realm.id(), T0))
                .containsExactly(new Sample(cutoff, 3), new Sample(cutoff.plus(MINUTE), 4));
        assertThat(store.sessionStats().since(other.id(), T0))
                .containsExactly(new Sample(cutoff, 103), new Sample(cutoff.plus(MINUTE), 104));
    }

    @Test
    void purgeRejectsAnUnboundedLimit() {
        assertThatThrownBy(() -> store.sessionStats().purgeBefore(T0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.sessionStats().purgeBefore(T0, Batch.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheRealmDeletesItsSamples() {
        store.sessionStats().record(realm.id(), T0, 10);

        store.realms().delete(realm.id());

        assertThat(store.sessionStats().since(realm.id(), T0)).isEmpty();
        assertThat(store.sessionStats().purgeBefore(T0.plus(MINUTE), 10)).isZero();
    }

    @Test
    void eachStartCountsOnceInTheHourItBeganIn() {
        store.sessionStats().countStart(realm.id(), T0);
        store.sessionStats().countStart(realm.id(), T0.plus(MINUTE.multipliedBy(59)));
        store.sessionStats().countStart(realm.id(), T0.plus(HOUR).plusMillis(1));
        store.sessionStats().countStart(given.realm("other").id(), T0);

        assertThat(store.sessionStats().startsSince(realm.id(), T0))
                .containsExactly(new HourOfStarts(T0, 2), new HourOfStarts(T0.plus(HOUR), 1));
    }

    @Test
    void startsSinceBeginsWithTheHourThatContainsFrom() {
        store.sessionStats().countStart(realm.id(), T0.plus(MINUTE.multipliedBy(10)));
        store.sessionStats().countStart(realm.id(), T0.plus(HOUR));

        assertThat(store.sessionStats().startsSince(realm.id(), T0.plus(MINUTE.multipliedBy(30))))
                .containsExactly(new HourOfStarts(T0, 1), new HourOfStarts(T0.plus(HOUR), 1));
        assertThat(store.sessionStats().startsSince(realm.id(), T0.plus(HOUR.multipliedBy(2))))
                .isEmpty();
    }

    @Test
    void simultaneousStartsAreAllCounted() throws InterruptedException {
        int perThread = 20;
        Concurrently.run(() -> {
            for (int i = 0; i < perThread; i++) {
                store.sessionStats().countStart(realm.id(), T0);
            }
            return null;
        });

        assertThat(store.sessionStats().startsSince(realm.id(), T0))
                .containsExactly(new HourOfStarts(T0, (long) Concurrently.THREADS * perThread));
    }

    @Test
    void aStartIsCountedOnlyWhenItsTransactionCommits() {
        try {
            store.inTransaction(tx -> {
                tx.sessionStats().countStart(realm.id(), T0);
                throw new IllegalStateException("the session could not be stored");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        store.inTransaction(tx -> {
            tx.sessionStats().countStart(realm.id(), T0);
            tx.sessionStats().countStart(realm.id(), T0);
            return null;
        });

        assertThat(store.sessionStats().startsSince(realm.id(), T0)).containsExactly(new HourOfStarts(T0, 2));
    }

    @Test
    void purgeOfStartsRemovesOnlyHoursBeforeTheCutOffInBoundedBatches() {
        Realm other = given.realm("other");
        for (int i = 0; i < 5; i++) {
            store.sessionStats().countStart(realm.id(), T0.plus(HOUR.multipliedBy(i)));
            store.sessionStats().countStart(other.id(), T0.plus(HOUR.multipliedBy(i)));
        }
        Instant cutoff = T0.plus(HOUR.multipliedBy(3));

        assertThat(store.sessionStats().purgeStartsBefore(cutoff, 4)).isEqualTo(4);
        assertThat(store.sessionStats().purgeStartsBefore(cutoff, 4)).isEqualTo(2);
        assertThat(store.sessionStats().purgeStartsBefore(cutoff, 4)).isZero();

        assertThat(store.sessionStats().startsSince(realm.id(), T0))
                .containsExactly(new HourOfStarts(cutoff, 1), new HourOfStarts(cutoff.plus(HOUR), 1));
        assertThat(store.sessionStats().startsSince(other.id(), T0)).hasSize(2);
        assertThatThrownBy(() -> store.sessionStats().purgeStartsBefore(T0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheRealmDeletesItsStarts() {
        store.sessionStats().countStart(realm.id(), T0);

        store.realms().delete(realm.id());

        assertThat(store.sessionStats().startsSince(realm.id(), T0)).isEmpty();
        assertThat(store.sessionStats().purgeStartsBefore(T0.plus(HOUR), 10)).isZero();
    }
}
