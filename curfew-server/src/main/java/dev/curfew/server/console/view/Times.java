package dev.curfew.server.console.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: UTC, to the second, the same everywhere (audit entries are compared). */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String millis(long epochMillis) {
        return epochMillis <= 0 ? "" : FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** An ISO-8601 instant as the API sends it, or blank. */
    public static String iso(String instant) {
        if (instant == null || instant.isBlank()) {
            return "";
        }
        try {
            return FORMAT.format(Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** For {@code datetime} attributes of {@code <time>}. */
    public static String machine(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
