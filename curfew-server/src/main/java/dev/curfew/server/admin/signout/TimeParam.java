package dev.curfew.server.admin.signout;

import dev.curfew.server.admin.FieldProblems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times in admin input: an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or epoch milliseconds. Both are held
 * to the four-digit years of ISO 8601 ({@value #RANGE}): {@link Instant} reaches a billion years, but a time is
 * stored and compared as epoch milliseconds, which overflow long before that.
 */
public final class TimeParam {
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    static final String RANGE = "0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";

    private TimeParam() {}

    /** An ISO-8601 instant or epoch milliseconds; absent when blank; a problem of {@code field} when neither. */
    public static Optional<Instant> parse(String field, String value, FieldProblems problems) {
        return parse(field, value, true, problems);
    }

    /** An ISO-8601 instant only; absent when blank; a problem of {@code field} otherwise. */
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
            instant = millis && !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Instant.ofEpochMilli(Long.parseLong(v))
                    : Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(
                    field,
                    millis
                            ? "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z, or epoch milliseconds"
                            : "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
            return Optional.empty();
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            problems.add(field, "must be within " + RANGE);
            return Optional.empty();
        }
        return Optional.of(instant);
    }
}
