package dev.curfew.server.admin.deliveries;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.delivery.Delivery;

/**
 * One notification in the outbox as the admin API shows it; times are epoch milliseconds. The payload is not
 * shown: it is what the receiver gets, not something an administrator needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRepresentation(
        String id,
        String kind,
        String destination,
        String clientId,
        String status,
        int attempts,
        String lastError,
        long createdAt,
        long nextAttemptAt,
        Long deliveredAt,
        String signOutId) {

    static DeliveryRepresentation of(Delivery d, String clientId) {
        return new DeliveryRepresentation(
                d.id(),
                d.kind(),
                d.destination(),
                clientId,
                d.status().name(),
                d.attempts(),
                d.lastError().orElse(null),
                d.createdAt().toEpochMilli(),
                d.nextAttemptAt().toEpochMilli(),
                d.deliveredAt().map(i -> i.toEpochMilli()).orElse(null),
                d.signOutId().orElse(null));
    }
}
