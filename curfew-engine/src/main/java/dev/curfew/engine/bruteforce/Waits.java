package dev.curfew.engine.bruteforce;

import java.time.Duration;

/** A wait as people read it: "40 seconds", "1 minute", "15 minutes", "2 hours". */
public final class Waits {
    private Waits() {}

    public static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return plural(minutes, "minute");
        }
        return plural((minutes + 59) / 60, "hour");
    }

    /** Whole seconds, at least one, for a {@code Retry-After} header (RFC 9110 section 10.2.3). */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
