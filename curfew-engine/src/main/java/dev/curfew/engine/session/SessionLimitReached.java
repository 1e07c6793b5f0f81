package dev.curfew.engine.session;

/**
 * A sign-in refused because the user holds as many sessions as the realm allows ({@code sessionLimits} with
 * {@code whenExceeded = refuse}); nothing was changed.
 */
public final class SessionLimitReached extends RuntimeException {
    private final int maxPerUser;

    public SessionLimitReached(int maxPerUser) {
        super("You are signed in on " + maxPerUser + (maxPerUser == 1 ? " device" : " devices")
                + " already, the most this realm allows. Sign out on another device and try again.");
        this.maxPerUser = maxPerUser;
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
