package dev.curfew.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The column conventions of the schema (see V1__schema.sql): times as epoch milliseconds, durations as
 * seconds, absent values as NULL, lists of strings joined with a line feed.
 */
final class Columns {
    private static final String LIST_SEPARATOR = "\n";

    private Columns() {}

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** The value to bind for an optional time: null when absent. */
    static Long millis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }

    static Long seconds(Optional<Duration> duration) {
        return duration.map(Duration::toSeconds).orElse(null);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Duration duration(ResultSet rs, String column) throws SQLException {
        return Duration.ofSeconds(rs.getLong(column));
    }

    static Optional<Duration> optionalDuration(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /**
     * Joins a list for storage. An element that is empty or holds a line feed would not read back as it
     * was written, so it is refused rather than silently changed.
     */
    static String lines(Collection<String> values) {
        for (String value : values) {
            if (value.isEmpty() || value.contains(LIST_SEPARATOR)) {
                throw new IllegalArgumentException("cannot store an empty value or one with a line feed in a list: '"
                        + value.replace(LIST_SEPARATOR, "\\n") + "'");
            }
        }
        return String.join(LIST_SEPARATOR, values);
    }

    static List<String> lines(ResultSet rs, String column) throws SQLException {
        String joined = rs.getString(column);
        return joined.isEmpty() ? List.of() : List.of(joined.split(LIST_SEPARATOR, -1));
    }
}
