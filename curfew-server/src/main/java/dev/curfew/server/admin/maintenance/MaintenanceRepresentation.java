package dev.curfew.server.admin.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.realm.MaintenanceWindow;
import java.time.Instant;

/** A realm's maintenance window as the API shows it: times in RFC 3339 (UTC), and whether it is in force now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaintenanceRepresentation(String start, String end, String message, boolean inForce) {
    static MaintenanceRepresentation of(MaintenanceWindow w, Instant now) {
        return new MaintenanceRepresentation(
                w.start().toString(), w.end().map(Instant::toString).orElse(null), w.message(), w.inForce(now));
    }
}
