package dev.curfew.core.ssf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenID Shared Signals Framework 1.0 event stream (§8.1.1): what one receiver — a confidential client of the
 * realm marked as a Shared Signals receiver — gets told, and how.
 *
 * @param id the {@code stream_id}, chosen by Curfew
 * @param clientId internal id of the receiver client
 * @param issuer the realm's issuer URL as the receiver saw it when creating the stream: the {@code iss} of its SETs
 * @param endpointUrl push: where SETs are POSTed; poll: empty (the poll URL is derived from the stream id)
 * @param authorizationHeader push: the {@code Authorization} header value sent with every SET, stored as the
 *     receiver gave it (it must be sent, so it cannot be hashed); never shown again
 * @param eventsRequested the event types the receiver asked for; empty means it did not ask (all are delivered)
 * @param reason why the status was last changed, when the receiver said
 * @param inactivityTimeout housekeeping deletes the stream when its receiver has not used it for this long
 * @param lastSeenAt the last time the receiver called an endpoint about this stream
 */
public record Stream(
        String id,
        String realmId,
        String clientId,
        String issuer,
        DeliveryMethod method,
        Optional<String> endpointUrl,
        Optional<String> authorizationHeader,
        Optional<List<String>> eventsRequested,
        Optional<String> description,
        Status status,
        Optional<String> reason,
        Duration inactivityTimeout,
        Instant createdAt,
        Instant updatedAt,
        Instant lastSeenAt) {

    /** SSF 1.0 §6.1 delivery methods. */
    public enum DeliveryMethod {
        /** RFC 8935: Curfew POSTs each SET to the receiver. */
        PUSH("urn:ietf:rfc:8935"),
        /** RFC 8936: the receiver polls Curfew. */
        POLL("urn:ietf:rfc:8936");

        private final String urn;

        DeliveryMethod(String urn) {
            this.urn = urn;
        }

        public String urn() {
            return urn;
        }

        public static Optional<DeliveryMethod> ofUrn(String urn) {
            for (DeliveryMethod m : values()) {
                if (m.urn.equals(urn)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** SSF 1.0 §8.1.2: enabled delivers, paused queues and holds, disabled drops. */
    public enum Status {
        ENABLED,
        PAUSED,
        DISABLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Status> ofWire(String value) {
            for (Status s : values()) {
                if (s.wire().equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public Stream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpointUrl, "endpointUrl");
        Objects.requireNonNull(authorizationHeader, "authorizationHeader");
        eventsRequested = eventsRequested.map(List::copyOf);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (method == DeliveryMethod.PUSH && endpointUrl.isEmpty()) {
            throw new IllegalArgumentException("a push stream needs an endpoint URL");
        }
    }

    public Stream withStatus(Status newStatus, Optional<String> newReason, Instant now) {
        return new Stream(
                id,
                realmId,
                clientId,
                issuer,
                method,
                endpointUrl,
                authorizationHeader,
                eventsRequested,
                description,
                newStatus,
                newReason,
                inactivityTimeout,
                createdAt,
                now,
                now);
    }

    /** The receiver-supplied part replaced (SSF 1.0 §8.1.1.3 and §8.1.1.4). */
    public Stream withConfiguration(
            DeliveryMethod newMethod,
            Optional<String> newEndpointUrl,
            Optional<String> newAuthorizationHeader,
            Optional<List<String>> newEventsRequested,
            Optional<String> newDescription,
            Instant now) {
        return new Stream(
                id,
                realmId,
                clientId,
                issuer,
                newMethod,
                newEndpointUrl,
                newAuthorizationHeader,
                newEventsRequested,
                newDescription,
                status,
                reason,
                inactivityTimeout,
                createdAt,
                now,
                now);
    }
}
