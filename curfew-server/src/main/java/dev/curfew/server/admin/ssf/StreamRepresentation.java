package dev.curfew.server.admin.ssf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.curfew.core.ssf.Stream;

/**
 * A Shared Signals stream as the admin API shows it; times are epoch milliseconds. {@code queued} counts the SETs
 * waiting in the stream's queue (a poll stream's not yet acknowledged, a paused push stream's held). The push
 * stream's authorization header is never shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamRepresentation(
        String id,
        String clientId,
        String client,
        String deliveryMethod,
        String endpointUrl,
        String status,
        String reason,
        String description,
        long queued,
        long createdAt,
        long lastSeenAt,
        long inactivityTimeout) {

    static StreamRepresentation of(Stream s, String clientId, long queued) {
        return new StreamRepresentation(
                s.id(),
                clientId,
                s.clientId(),
                s.method().urn(),
                s.endpointUrl().orElse(null),
                s.status().wire(),
                s.reason().orElse(null),
                s.description().orElse(null),
                queued,
                s.createdAt().toEpochMilli(),
                s.lastSeenAt().toEpochMilli(),
                s.inactivityTimeout().toSeconds());
    }
}
