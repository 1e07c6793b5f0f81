package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOutSchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignOutScheduleStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    @DisplayName("a schedule is read back with every field, daily or weekly")
    void createdScheduleIsFoundWithEveryField() {
        SignOutSchedule daily = schedule("sch-1", Recurrence.daily(LocalTime.of(18, 30)), T0.plusSeconds(60));
        SignOutSchedule weekly =
                schedule("sch-2", Recurrence.weekly(DayOfWeek.FRIDAY, LocalTime.of(7, 0)), T0.plusSeconds(120));

        store.signOutSchedules().create(daily);
        store.signOutSchedules().create(weekly);

        assertThat(store.signOutSchedules().find(realm.id(), "sch-1")).contains(daily);
        assertThat(store.signOutSchedules().list(realm.id())).containsExactly(daily, weekly);
        assertThat(store.signOutSchedules().list(given.realm("other").id())).isEmpty();
    }

    @Test
    @DisplayName("only schedules whose next slot has come are due, earliest first")
    void dueSchedulesAreThoseWhoseSlotHasCome() {
        SignOutSchedule later = schedule("sch-later", Recurrence.daily(LocalTime.NOON), T0.plusSeconds(30));
        SignOutSchedule earlier = schedule("sch-earlier", Recurrence.daily(LocalTime.NOON), T0.plusSeconds(10));
        store.signOutSchedules().create(later);
        store.signOutSchedules().create(earlier);

        assertThat(store.signOutSchedules().due(T0.plusSeconds(9))).isEmpty();
        assertThat(store.signOutSchedules().due(T0.plusSeconds(30))).containsExactly(earlier, later);
    }

    @Test
    @DisplayName("of several nodes advancing the same slot at once, exactly one does")
    void aSlotIsAdvancedExactlyOnce() throws InterruptedException {
        store.signOutSchedules().create(schedule("sch-1", Recurrence.daily(LocalTime.NOON), T0));
        Instant next = T0.plusSeconds(86_400);

        List<Boolean> advanced =
                Concurrently.run(() -> store.signOutSchedules().advance(realm.id(), "sch-1", T0, next));

        assertThat(advanced).containsOnlyOnce(true);
        assertThat(store.signOutSchedules()
                        .find(realm.id(), "sch-1")
                        .orElseThrow()
                        .nextRunAt())
                .isEqualTo(next);
        assertThat(store.signOutSchedules().due(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    @DisplayName("a deleted schedule is gone, and deleting it again says so; deleting its realm deletes it")
    void deletedScheduleIsGone() {
        store.signOutSchedules().create(schedule("sch-1", Recurrence.daily(LocalTime.NOON), T0));
        store.signOutSchedules().create(schedule("sch-2", Recurrence.daily(LocalTime.NOON), T0));

        assertThat(store.signOutSchedules().delete(realm.id(), "sch-1")).isTrue();
        assertThat(store.signOutSchedules().delete(realm.id(), "sch-1")).isFalse();
        assertThat(store.signOutSchedules().find(realm.id(), "sch-1")).isEmpty();

        store.realms().delete(realm.id());
        assertThat(store.signOutSchedules().due(T0)).isEmpty();
    }

    private SignOutSchedule schedule(String id, Recurrence recurrence, Instant next) {
        return new SignOutSchedule(
                id,
                realm.id(),
                "filter",
                "{\"type\":\"filter\",\"filter\":{\"userAgent\":\"curl\"}}",
                "nightly",
                "admin-id",
                "admin",
                "AUTH_ADMINISTRATOR",
                "req-" + id,
                "192.0.2.1",
                recurrence,
                next,
                T0);
    }
}
