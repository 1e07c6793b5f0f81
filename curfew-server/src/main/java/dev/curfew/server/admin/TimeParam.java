package dev.curfew.server.admin.signout;

import dev.curfew.server.admin.FieldProblems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times in admin input: an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or epoch milliseconds. */
final class TimeParam {
    private TimeParam() {}

    static Optional<Instant> parse(String field, String value, FieldProblems problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
            }
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(field, "must be an ISO-8601 instant such as 2026-11-27T10:00:00Z, or epoch milliseconds");
            return Optional.empty();
        }
    }
}
