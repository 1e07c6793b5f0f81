package dev.curfew.core.store;

import dev.curfew.core.realm.MaintenanceWindow;
import java.util.Optional;

/** Each realm's maintenance window, at most one. */
public interface MaintenanceStore {
    Optional<MaintenanceWindow> find(String realmId);

    /** Sets the realm's window, replacing any earlier one. */
    void set(MaintenanceWindow window);

    /** @return false when the realm had none */
    boolean clear(String realmId);
}
