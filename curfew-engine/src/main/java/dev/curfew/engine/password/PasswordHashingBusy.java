package dev.curfew.engine.password;

import java.time.Duration;

/**
 * The password-hashing queue is full: the request is answered 503 with {@code Retry-After} (on the token endpoint
 * as RFC 6749's {@code temporarily_unavailable}) rather than waiting behind every hash already queued.
 */
public final class PasswordHashingBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The queue holds about a second of work, so one second is a fair time to come back. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public PasswordHashingBusy() {
        super("every password-hashing thread is busy and the queue is full", null, false, false);
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
