package dev.curfew.server.console.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time typed into a filter, read as UTC: the tables show {@code 2026-12-04 06:00:30 UTC}, so the filters take
 * the same form (seconds, {@code T} and the zone are optional), not the browser's local format of {@code
 * datetime-local}. A full ISO-8601 instant ({@code 2026-12-04T06:00:30Z}) is accepted as it is.
 */
public final class UtcInput {
    /** What the fields show as a placeholder and the hint repeats. */
    public static final String EXAMPLE = "2026-12-04 06:00";

    private static final Pattern FORM =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2})(:\\d{2}(?:\\.\\d{1,9})?)?)?\\s*(?:Z|UTC)?");

    private UtcInput() {}

    /** The instant, or empty when the text is blank or not a time in one of the accepted forms. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            if (m.group(2) == null) {
                return Optional.of(LocalDate.parse(m.group(1)).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            String seconds = m.group(3) == null ? ":00" : m.group(3);
            return Optional.of(
                    LocalDateTime.parse(m.group(1) + "T" + m.group(2) + seconds).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Why the text is not accepted, or empty when it is blank or readable. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank() || parse(text).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("Write the time in UTC as YYYY-MM-DD HH:MM (seconds optional), for example " + EXAMPLE);
    }

    /** The ISO-8601 instant for the admin API, or blank. */
    public static String api(String text) {
        return parse(text).map(Instant::toString).orElse("");
    }

    /** The text as the console shows times, {@code 2026-12-04 06:00:00 UTC}, or as typed when unreadable. */
    public static String shown(String text) {
        return parse(text).map(When::of).map(When::shown).orElse(text == null ? "" : text);
    }
}
