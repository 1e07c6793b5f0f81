package dev.curfew.core.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification in the outbox: written in the same transaction as the sign-out that causes it, then
 * POSTed to {@code destination} by the dispatcher until it is delivered or dead.
 *
 * @param id the notification's {@code jti}: the idempotency key (queuing the same id twice keeps the first)
 * @param kind what the payload is, so the dispatcher knows how to render it (e.g. {@link #BACKCHANNEL_LOGOUT})
 * @param payload the notification's content as stored; the dispatcher renders the request body from it
 * @param contentType the content type of the HTTP request body
 * @param queuedAt start of the current delivery window: the maximum age counts from here (a retry resets it)
 * @param nextAttemptAt not tried before this time
 * @param attempts attempts made so far in this window
 * @param lastError why the last attempt failed
 * @param signOutId the sign-out that caused it, if any (an RP-initiated logout has none)
 * @param clientId internal id of the client it goes to
 */
public record Delivery(
        String id,
        String realmId,
        String kind,
        String destination,
        String payload,
        String contentType,
        Instant createdAt,
        Instant queuedAt,
        Instant nextAttemptAt,
        int attempts,
        Optional<String> lastError,
        Status status,
        Optional<String> signOutId,
        String clientId,
        Optional<Instant> deliveredAt) {

    /** Payload kind of an OpenID Connect Back-Channel Logout 1.0 logout token (claims JSON, signed when sent). */
    public static final String BACKCHANNEL_LOGOUT = "backchannel-logout";

    /**
     * Payload kind of a Security Event Token pushed to a Shared Signals receiver (RFC 8935): the stream id and the
     * SET's claims as JSON, signed when sent.
     */
    public static final String SSF_PUSH = "ssf-push";

    public enum Status {
        QUEUED,
        DELIVERED,
        DEAD
    }

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(signOutId, "signOutId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }

    /** A new notification, due at once. */
    public static Delivery queued(
            String id,
            String realmId,
            String kind,
            String destination,
            String payload,
            String contentType,
            Optional<String> signOutId,
            String clientId,
            Instant now) {
        return new Delivery(
                id,
                realmId,
                kind,
                destination,
                payload,
                contentType,
                now,
                now,
                now,
                0,
                Optional.empty(),
                Status.QUEUED,
                signOutId,
                clientId,
                Optional.empty());
    }
}
