package dev.curfew.engine.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.signout.SignOutSchedule;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Recurring sign-outs. At each slot of a schedule one node — the one whose guarded update moves the schedule on to
 * its next slot — records an ordinary planned sign-out due at once, linked back to the schedule, which {@link
 * Housekeeping} then starts like any other. The next slot is computed from the present, so slots missed while every
 * node was down give one run when a node is back, not one per missed slot.
 */
public final class SignOutSchedules {
    private final Store store;
    private final AuditLog audit;
    private final Clock clock;

    public SignOutSchedules(Store store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log records of a schedule, when it is created and when it is deleted. */
    record ScheduleDetail(
            String scheduleId,
            String scope,
            String scopeDetail,
            String frequency,
            Optional<String> dayOfWeek,
            LocalTime time,
            Instant nextRunAt) {
        static ScheduleDetail of(SignOutSchedule s) {
            return new ScheduleDetail(
                    s.id(),
                    s.scopeType(),
                    s.scopeDetail(),
                    s.recurrence().frequency(),
                    s.recurrence().dayOfWeek().map(Enum::name),
                    s.recurrence().time(),
                    s.nextRunAt());
        }
    }

    public SignOutSchedule create(
            Realm realm, SignOutScope scope, String reason, AuditLog.Actor actor, Recurrence recurrence) {
        Instant now = clock.instant();
        SignOutSchedule schedule = new SignOutSchedule(
                Secrets.newId(),
                realm.id(),
                scope.type(),
                ScopeDetail.json(scope, store, realm),
                reason,
                actor.userId(),
                actor.username(),
                actor.privilege(),
                actor.requestId(),
                actor.sourceIp(),
                recurrence,
                recurrence.next(now),
                now);
        store.inTransaction(tx -> {
            tx.signOutSchedules().create(schedule);
            audit.record(tx, realm.id(), actor, "sign-out-schedule-created", reason, ScheduleDetail.of(schedule), 0);
            return null;
        });
        return schedule;
    }

    public List<SignOutSchedule> list(Realm realm) {
        return store.signOutSchedules().list(realm.id());
    }

    public Optional<SignOutSchedule> find(Realm realm, String id) {
        return store.signOutSchedules().find(realm.id(), id);
    }

    /** Deletes a schedule, audited with who deleted it; its past runs stay in the history. @return false if none */
    public boolean delete(Realm realm, String id, AuditLog.Actor actor) {
        return store.inTransaction(tx -> {
            Optional<SignOutSchedule> schedule = tx.signOutSchedules().find(realm.id(), id);
            if (schedule.isEmpty() || !tx.signOutSchedules().delete(realm.id(), id)) {
                return false;
            }
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    "sign-out-schedule-deleted",
                    schedule.get().reason(),
                    ScheduleDetail.of(schedule.get()),
                    0);
            return true;
        });
    }

    /**
     * For each schedule whose slot has come: moves it on to its next slot after now and, in the same transaction,
     * records the slot's sign-out, SCHEDULED and due at once. Of nodes doing this at once, one records each slot.
     *
     * @return the sign-outs recorded
     */
    public List<SignOut> planDue() {
        Instant now = clock.instant();
        return store.signOutSchedules().due(now).stream()
                .map(schedule -> planRun(schedule, now))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<SignOut> planRun(SignOutSchedule s, Instant now) {
        SignOut run = new SignOut(
                Secrets.newId(),
                s.realmId(),
                s.scopeType(),
                s.scopeDetail(),
                s.reason(),
                s.actorId(),
                s.actorUsername(),
                s.privilege(),
                s.requestId(),
                s.sourceIp(),
                Optional.empty(),
                0,
                SignOut.Status.SCHEDULED,
                now,
                Optional.empty(),
                Optional.empty(),
                Optional.of(s.nextRunAt()),
                Optional.empty(),
                Optional.of(s.id()));
        return store.inTransaction(tx -> {
            if (!tx.signOutSchedules()
                    .advance(s.realmId(), s.id(), s.nextRunAt(), s.recurrence().next(now))) {
                return Optional.<SignOut>empty();
            }
            tx.signOuts().create(run);
            return Optional.of(run);
        });
    }
}
