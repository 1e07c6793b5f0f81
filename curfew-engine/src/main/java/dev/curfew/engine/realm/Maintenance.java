package dev.curfew.engine.realm;

import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Realms' maintenance windows: set and cleared by administrators (audited), and asked at every new sign-in, which
 * a window in force refuses — except the realm's administrators', so that they can still sign in to finish the
 * work. Sessions and tokens that exist are not affected; sign them out too when they must stop.
 */
public final class Maintenance {
    public static final String AUDIT_SET = "maintenance.set";
    public static final String AUDIT_CLEARED = "maintenance.cleared";

    private final Store store;
    private final AuditLog audit;
    private final Clock clock;

    public Maintenance(Store store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit log records of a window. */
    record Detail(Instant start, Optional<Instant> end, String message) {}

    public Optional<MaintenanceWindow> find(Realm realm) {
        return store.maintenance().find(realm.id());
    }

    /** The window refusing this user's new sign-in now, if any: none for the realm's administrators. */
    public Optional<MaintenanceWindow> refusing(Realm realm, String userId) {
        return store.maintenance()
                .find(realm.id())
                .filter(w -> w.inForce(clock.instant()))
                .filter(w -> !RealmAdministrators.isAdministrator(store, realm, userId));
    }

    /**
     * Sets the realm's window, replacing any earlier one. @throws IllegalArgumentException when it ends before it
     * starts
     */
    public MaintenanceWindow set(
            Realm realm,
            Optional<Instant> start,
            Optional<Instant> end,
            String message,
            String reason,
            AuditLog.Actor actor) {
        Instant now = clock.instant();
        MaintenanceWindow window = new MaintenanceWindow(realm.id(), start.orElse(now), end, message, now);
        store.inTransaction(tx -> {
            tx.maintenance().set(window);
            audit.record(tx, realm.id(), actor, AUDIT_SET, reason, new Detail(window.start(), end, message), 0);
            return null;
        });
        return window;
    }

    /** @return false when the realm had no window */
    public boolean clear(Realm realm, String reason, AuditLog.Actor actor) {
        return store.inTransaction(tx -> {
            Optional<MaintenanceWindow> was = tx.maintenance().find(realm.id());
            if (was.isEmpty() || !tx.maintenance().clear(realm.id())) {
                return false;
            }
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    AUDIT_CLEARED,
                    reason,
                    new Detail(was.get().start(), was.get().end(), was.get().message()),
                    0);
            return true;
        });
    }
}
