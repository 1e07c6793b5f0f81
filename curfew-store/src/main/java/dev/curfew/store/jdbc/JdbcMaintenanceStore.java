package dev.curfew.store.jdbc;

import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.store.MaintenanceStore;
import java.util.Optional;

final class JdbcMaintenanceStore implements MaintenanceStore {
    private final Handles handles;

    JdbcMaintenanceStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public Optional<MaintenanceWindow> find(String realmId) {
        return handles.withHandle(h -> h.createQuery(
                        "SELECT realm_id, starts_at, ends_at, message, created_at FROM realm_maintenance"
                                + " WHERE realm_id = :realmId")
                .bind("realmId", realmId)
                .map((rs, ctx) -> new MaintenanceWindow(
                        rs.getString("realm_id"),
                        Columns.instant(rs, "starts_at"),
                        Columns.optionalInstant(rs, "ends_at"),
                        rs.getString("message"),
                        Columns.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public void set(MaintenanceWindow w) {
        handles.useHandle(h -> Duplicates.upsert(
                h,
                u -> u.createUpdate("UPDATE realm_maintenance SET starts_at = :start, ends_at = :end,"
                                + " message = :message, created_at = :createdAt WHERE realm_id = :realmId")
                        .bind("realmId", w.realmId())
                        .bind("start", w.start().toEpochMilli())
                        .bind("end", Columns.millis(w.end()))
                        .bind("message", w.message())
                        .bind("createdAt", w.createdAt().toEpochMilli())
                        .execute(),
                i -> i.createUpdate("INSERT INTO realm_maintenance (realm_id, starts_at, ends_at, message, created_at)"
                                + " VALUES (:realmId, :start, :end, :message, :createdAt)")
                        .bind("realmId", w.realmId())
                        .bind("start", w.start().toEpochMilli())
                        .bind("end", Columns.millis(w.end()))
                        .bind("message", w.message())
                        .bind("createdAt", w.createdAt().toEpochMilli())
                        .execute()));
    }

    @Override
    public boolean clear(String realmId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM realm_maintenance WHERE realm_id = :realmId")
                        .bind("realmId", realmId)
                        .execute())
                > 0;
    }
}
