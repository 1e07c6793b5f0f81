package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.MaintenanceWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How a maintenance window is told to someone who cannot sign in, and how long to wait (Retry-After). */
public final class MaintenanceNotice {
    /** Without an end, clients are told to come back in a minute. */
    static final Duration UNKNOWN_END = Duration.ofMinutes(1);

    private MaintenanceNotice() {}

    public static String text(MaintenanceWindow w) {
        return "Sign-in is paused for maintenance: " + w.message()
                + w.end()
                        .map(e -> " (until " + DateTimeFormatter.ISO_INSTANT.format(e.truncatedTo(ChronoUnit.SECONDS))
                                + ")")
                        .orElse("")
                + ".";
    }

    public static Duration retryAfter(MaintenanceWindow w, Clock clock) {
        return w.end().map(e -> Duration.between(clock.instant(), e)).orElse(UNKNOWN_END);
    }
}
