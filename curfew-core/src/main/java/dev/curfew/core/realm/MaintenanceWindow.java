package dev.curfew.core.realm;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A realm's maintenance window: from {@code start} until {@code end} (open-ended without one), new sign-ins are
 * refused with {@code message}, except for the realm's administrators. Sessions and tokens issued before are not
 * affected.
 */
public record MaintenanceWindow(
        String realmId, Instant start, Optional<Instant> end, String message, Instant createdAt) {
    public static final int MAX_MESSAGE_LENGTH = 500;

    public MaintenanceWindow {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        if (end.filter(e -> !e.isAfter(start)).isPresent()) {
            throw new IllegalArgumentException("a maintenance window must end after it starts");
        }
    }

    /** Whether new sign-ins are refused at {@code now}: start ≤ now &lt; end. */
    public boolean inForce(Instant now) {
        return !now.isBefore(start) && end.map(now::isBefore).orElse(true);
    }
}
