package dev.curfew.store.jdbc;

import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOutSchedule;
import dev.curfew.core.store.SignOutScheduleStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcSignOutScheduleStore implements SignOutScheduleStore {
    private static final String SELECT = """
            SELECT id, realm_id, scope_type, scope_detail, reason, actor_id, actor_username, privilege, request_id,
                source_ip, day_of_week, minute_of_day, next_run_at, created_at
            FROM sign_out_schedules
            """;

    private static final RowMapper<SignOutSchedule> SCHEDULE = (rs, ctx) -> new SignOutSchedule(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("scope_type"),
            rs.getString("scope_detail"),
            rs.getString("reason"),
            rs.getString("actor_id"),
            rs.getString("actor_username"),
            rs.getString("privilege"),
            rs.getString("request_id"),
            rs.getString("source_ip"),
            new Recurrence(
                    Columns.optionalString(rs, "day_of_week").map(DayOfWeek::valueOf),
                    LocalTime.ofSecondOfDay(rs.getInt("minute_of_day") * 60L)),
            Columns.instant(rs, "next_run_at"),
            Columns.instant(rs, "created_at"));

    private final Handles handles;

    JdbcSignOutScheduleStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(SignOutSchedule s) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate("""
                                INSERT INTO sign_out_schedules (id, realm_id, scope_type, scope_detail, reason, actor_id,
                                    actor_username, privilege, request_id, source_ip, day_of_week, minute_of_day,
                                    next_run_at, created_at)
                                VALUES (:id, :realmId, :scopeType, :scopeDetail, :reason, :actorId, :actorUsername,
                                    :privilege, :requestId, :sourceIp, :dayOfWeek, :minuteOfDay, :nextRunAt, :createdAt)
                                """)
                        .bind("id", s.id())
                        .bind("realmId", s.realmId())
                        .bind("scopeType", s.scopeType())
                        .bind("scopeDetail", s.scopeDetail())
                        .bind("reason", s.reason())
                        .bind("actorId", s.actorId())
                        .bind("actorUsername", s.actorUsername())
                        .bind("privilege", s.privilege())
                        .bind("requestId", s.requestId())
                        .bind("sourceIp", s.sourceIp())
                        .bind(
                                "dayOfWeek",
                                s.recurrence().dayOfWeek().map(DayOfWeek::name).orElse(null))
                        .bind("minuteOfDay", s.recurrence().time().toSecondOfDay() / 60)
                        .bind("nextRunAt", s.nextRunAt().toEpochMilli())
                        .bind("createdAt", s.createdAt().toEpochMilli())
                        .execute()),
                "a sign-out schedule with id '" + s.id() + "' already exists");
    }

    @Override
    public Optional<SignOutSchedule> find(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(SCHEDULE)
                .findOne());
    }

    @Override
    public List<SignOutSchedule> list(String realmId) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId ORDER BY created_at, id")
                .bind("realmId", realmId)
                .map(SCHEDULE)
                .list());
    }

    @Override
    public boolean delete(String realmId, String id) {
        return handles.withHandle(
                        h -> h.createUpdate("DELETE FROM sign_out_schedules WHERE realm_id = :realmId AND id = :id")
                                .bind("realmId", realmId)
                                .bind("id", id)
                                .execute())
                > 0;
    }

    @Override
    public List<SignOutSchedule> due(Instant now) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE next_run_at <= :now ORDER BY next_run_at, id")
                .bind("now", now.toEpochMilli())
                .map(SCHEDULE)
                .list());
    }

    /** One UPDATE guarded by the slot read: of nodes advancing the same slot at once, exactly one changes the row. */
    @Override
    public boolean advance(String realmId, String id, Instant from, Instant to) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE sign_out_schedules SET next_run_at = :to
                                WHERE realm_id = :realmId AND id = :id AND next_run_at = :from
                                """)
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .bind("from", from.toEpochMilli())
                        .bind("to", to.toEpochMilli())
                        .execute())
                > 0;
    }
}
