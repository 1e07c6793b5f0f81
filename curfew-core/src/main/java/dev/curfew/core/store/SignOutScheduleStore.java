package dev.curfew.core.store;

import dev.curfew.core.signout.SignOutSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recurring sign-outs. */
public interface SignOutScheduleStore {
    void create(SignOutSchedule schedule);

    Optional<SignOutSchedule> find(String realmId, String id);

    /** The realm's schedules, oldest first. */
    List<SignOutSchedule> list(String realmId);

    /** @return false when there is no such schedule */
    boolean delete(String realmId, String id);

    /** Schedules of every realm whose next slot has come by {@code now}, earliest first. */
    List<SignOutSchedule> due(Instant now);

    /**
     * Moves a schedule's next slot from {@code from} to {@code to}, in one UPDATE guarded by {@code from}: of nodes
     * advancing the same slot at once, exactly one gets true, and only it runs the slot.
     */
    boolean advance(String realmId, String id, Instant from, Instant to);
}
