package dev.curfew.engine.session;

import dev.curfew.core.realm.SessionLimits;

/**
 * A sign-in refused because the user holds as many sessions as the realm allows ({@code sessionLimits} with
 * {@code whenExceeded = refuse}); nothing was changed.
 */
public final class SessionLimitReached extends RuntimeException {
    public SessionLimitReached(SessionLimits limits) {
        super("You are signed in on as many devices as this realm allows (" + describe(limits)
                + "). Sign out on another device and try again.");
    }

    private static String describe(SessionLimits limits) {
        String perUser = limits.maxPerUser() > 0 ? "at most " + limits.maxPerUser() + " in all" : "";
        String perClient =
                limits.maxPerUserPerClient() > 0 ? "at most " + limits.maxPerUserPerClient() + " per application" : "";
        return perUser.isEmpty() ? perClient : perClient.isEmpty() ? perUser : perUser + ", " + perClient;
    }
}
