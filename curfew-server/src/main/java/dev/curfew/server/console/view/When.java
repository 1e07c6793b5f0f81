package dev.curfew.server.console.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A moment as the console shows it: ISO 8601 in UTC, to the second, for a {@code <time>} element. The date and
 * the clock time are separate so a narrow column breaks between them and nowhere else.
 *
 * @param iso for the {@code datetime} attribute; blank when there is no moment
 */
public record When(String iso, String date, String time) {
    public static final When NONE = new When("", "", "");

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public static When of(Instant instant) {
        return new When(instant.toString(), DATE.format(instant), TIME.format(instant));
    }

    /** Epoch milliseconds as the API sends them; 0 or less is no moment. */
    public static When millis(long epochMillis) {
        return epochMillis <= 0 ? NONE : of(Instant.ofEpochMilli(epochMillis));
    }

    /** An ISO-8601 instant as the API sends it; blank or unreadable is no moment. */
    public static When iso(String instant) {
        if (instant == null || instant.isBlank()) {
            return NONE;
        }
        try {
            return of(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    public boolean empty() {
        return iso.isEmpty();
    }

    /** In one line, as in sentences and labels: {@code 2026-12-04 06:00:30 UTC}. */
    public String shown() {
        return empty() ? "" : date + " " + time;
    }

    @Override
    public String toString() {
        return shown();
    }
}
