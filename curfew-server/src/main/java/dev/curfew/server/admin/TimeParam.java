package dev.curfew.server.admin;

import dev.curfew.core.util.AsciiNumbers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times in admin input: an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or, where allowed, epoch
 * milliseconds, between {@link #EARLIEST} and {@link #LATEST}. Times are stored as epoch milliseconds, and
 * {@link Instant} accepts years far beyond what a {@code long} of milliseconds holds, so without the range a
 * time such as {@code -1000000000-01-01T00:00:00Z} overflowed when it reached the database — after the
 * sign-out carrying it was recorded, and again at every start that resumed it.
 */
public final class TimeParam {
    /** The earliest time accepted: the Unix epoch, before which no session or audit entry exists. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest time accepted: the last millisecond of year 9999, the last four-digit ISO-8601 year. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final String RANGE = "between " + EARLIEST + " and " + LATEST;

    private TimeParam() {}

    /** An ISO-8601 instant or epoch milliseconds; empty when absent or blank, else a problem when invalid. */
    public static Optional<Instant> parse(String field, String value, FieldProblems problems) {
        return parse(field, value, true, problems);
    }

    /** An ISO-8601 instant; empty when absent or blank, else a problem when invalid. */
    public static Optional<Instant> parseIso(String field, String value, FieldProblems problems) {
        return parse(field, value, false, problems);
    }

    private static Optional<Instant> parse(String field, String value, boolean millis, FieldProblems problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        Instant instant;
        try {
            instant = millis && v.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Instant.ofEpochMilli(AsciiNumbers.parseLong(v))
                    : Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(
                    field,
                    "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z"
                            + (millis ? ", or epoch milliseconds" : "") + ", " + RANGE);
            return Optional.empty();
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            problems.add(field, "must be " + RANGE + ", was " + v);
            return Optional.empty();
        }
        return Optional.of(instant);
    }
}
