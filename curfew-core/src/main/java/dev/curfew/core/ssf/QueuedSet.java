package dev.curfew.core.ssf;

import java.time.Instant;
import java.util.Objects;

/**
 * A Security Event Token waiting in a stream's queue: for a poll stream until the receiver acknowledges it
 * (RFC 8936 §2.4), for a paused push stream until the stream is enabled again and the SET moves to the outbox.
 *
 * @param jti the SET's {@code jti}, unique in its stream
 * @param claims the SET's claims as JSON; it is signed when it is sent
 */
public record QueuedSet(String streamId, String jti, String claims, Instant createdAt) {
    public QueuedSet {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
