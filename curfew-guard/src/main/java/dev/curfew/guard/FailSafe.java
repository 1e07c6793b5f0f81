package dev.curfew.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * What the guard does with tokens while it cannot confirm it has every sign-out, that is while its
 * revocation feed is failing (Curfew unreachable, the receiver client refused, ...) or before the first
 * sync.
 *
 * <p>The reasoning behind {@link #refuseAfter(Duration)}: Curfew only issues a token for a session that is
 * valid at that moment, so a token cannot have been signed out by a sign-out older than the token itself.
 * A token the guard accepts can only have missed a sign-out that happened after both its {@code iat} and
 * the guard's last confirmed sync. Accepting a token only while the later of those two instants is within
 * the window bounds that blind spot by the window, for every token — and a client answered 401 gets a
 * fresh token from Curfew (if Curfew is up, it refuses to refresh a signed-out session), which passes
 * again.
 */
public final class FailSafe {
    /** The default: {@code refuseAfter(Duration.ofSeconds(30))}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    private static final FailSafe KEEP_SERVING = new FailSafe(-1);
    private static final FailSafe DEFAULT = new FailSafe(DEFAULT_WINDOW.toMillis());

    private final long windowMillis;

    private FailSafe(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /**
     * While the feed is failing, accept a token only if its {@code iat} or the last confirmed sync is at most
     * {@code window} ago; refuse it otherwise. So once the feed has been down for longer than the window,
     * tokens issued more than {@code window} ago are refused, fresher ones still pass. The default, with a
     * window of 30 seconds.
     *
     * @param window positive; how long a sign-out may go unseen at most
     */
    public static FailSafe refuseAfter(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the fail-safe window must be positive, was " + window);
        }
        return window.equals(DEFAULT_WINDOW) ? DEFAULT : new FailSafe(window.toMillis());
    }

    /** Accept tokens on signature, issuer, audience and expiry alone while the feed is failing. */
    public static FailSafe keepServing() {
        return KEEP_SERVING;
    }

    static FailSafe defaults() {
        return DEFAULT;
    }

    /** Whether this fail-safe keeps serving whatever the feed's state. */
    public boolean keepsServing() {
        return windowMillis < 0;
    }

    /**
     * The decision, on primitives (it runs on every check).
     *
     * @param feedInSync whether the feed has every event up to now (last poll answered, or one held open)
     * @param lastSyncMillis when the guard last knew it had every event ({@link Long#MIN_VALUE} if never)
     */
    boolean accepts(long nowMillis, long issuedAtMillis, boolean feedInSync, long lastSyncMillis) {
        if (feedInSync || windowMillis < 0) {
            return true;
        }
        return Math.max(issuedAtMillis, lastSyncMillis) >= nowMillis - windowMillis;
    }

    /** Whether a failing feed last in sync at {@code lastSyncMillis} is refusing some tokens by now. */
    boolean refusing(long nowMillis, long lastSyncMillis) {
        return windowMillis >= 0 && lastSyncMillis < nowMillis - windowMillis;
    }

    @Override
    public String toString() {
        return windowMillis < 0
                ? "FailSafe.keepServing()"
                : "FailSafe.refuseAfter(" + Duration.ofMillis(windowMillis) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailSafe other && other.windowMillis == windowMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(windowMillis);
    }
}
