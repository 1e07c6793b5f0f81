package dev.curfew.core.delivery;

import java.util.Objects;
import java.util.Optional;

/** Where one sign-out's notifications to one destination stand. */
public record DestinationSummary(
        String destination, String clientId, long queued, long delivered, long dead, Optional<String> lastError) {
    public DestinationSummary {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(lastError, "lastError");
    }
}
