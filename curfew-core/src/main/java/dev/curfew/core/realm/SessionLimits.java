package dev.curfew.core.realm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How many sessions a user of the realm may hold at once (the realm field {@code sessionLimits}), and what a sign-in
 * beyond that does. Only sessions within their idle and maximum lifetime count.
 *
 * @param maxPerUser the most active sessions a user may hold; 0 for no limit (the default)
 * @param maxPerUserPerClient the most active sessions a user may hold in which a given client signed in (has a
 *     client session); 0 for no limit (the default)
 * @param whenExceeded what a sign-in that would exceed a limit does
 */
public record SessionLimits(int maxPerUser, int maxPerUserPerClient, WhenExceeded whenExceeded) {

    /** No limit. */
    public static final SessionLimits NONE = new SessionLimits(0, 0, WhenExceeded.REFUSE);

    public SessionLimits {
        Objects.requireNonNull(whenExceeded, "whenExceeded");
        if (maxPerUser < 0 || maxPerUserPerClient < 0) {
            throw new IllegalArgumentException("session limits must be 0 (no limit) or positive");
        }
    }

    /** Limits per user only. */
    public SessionLimits(int maxPerUser, WhenExceeded whenExceeded) {
        this(maxPerUser, 0, whenExceeded);
    }

    public boolean limited() {
        return maxPerUser > 0 || maxPerUserPerClient > 0;
    }

    /** What a sign-in beyond the limit does. */
    public enum WhenExceeded {
        /** The sign-in fails; the user's sessions stay. */
        REFUSE("refuse"),
        /** The sign-in succeeds and the user's oldest sessions end, as a sign-out would end them. */
        END_OLDEST("end-oldest");

        private final String wireName;

        WhenExceeded(String wireName) {
            this.wireName = wireName;
        }

        /** The value of the realm representation's {@code sessionLimits.whenExceeded} field. */
        public String wireName() {
            return wireName;
        }

        public static Optional<WhenExceeded> fromWireName(String value) {
            return Arrays.stream(values()).filter(w -> w.wireName.equals(value)).findFirst();
        }

        public static List<String> wireNames() {
            return Arrays.stream(values()).map(WhenExceeded::wireName).toList();
        }
    }
}
