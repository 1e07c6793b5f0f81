package dev.curfew.core.validity;

import java.time.Instant;
import java.util.Optional;

/**
 * The not-before cut-offs ("epochs") that apply to one session or token, in epoch milliseconds; 0
 * where none is set. A sign-out of a realm, a client or a user sets that level's cut-off to "now".
 */
public record CutOffs(long realm, long client, long user) {
    public static final CutOffs NONE = new CutOffs(0, 0, 0);

    public static CutOffs of(Optional<Instant> realm, Optional<Instant> client, Optional<Instant> user) {
        return new CutOffs(millis(realm), millis(client), millis(user));
    }

    private static long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The latest of the three. Each level can only narrow validity, never widen it, so the combination
     * is the maximum — taking the minimum would let a client cut-off undo a realm sign-out.
     */
    public long latest() {
        return Math.max(realm, Math.max(client, user));
    }
}
