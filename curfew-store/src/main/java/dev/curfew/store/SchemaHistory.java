package dev.curfew.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Flyway's schema history table ({@code flyway_schema_history}), read with one query: the migrations applied, by version.
 *
 * @param applied by version; a migration recorded as failed has no entry but makes {@code failed} true
 * @param failed whether some migration is recorded as failed
 */
record SchemaHistory(Map<String, BundledMigrations.Migration> applied, boolean failed) {
    /** Rows Flyway writes about itself, not migrations: the history table's and the schema's creation. */
    private static final Set<String> MARKERS = Set.of("TABLE", "SCHEMA");

    SchemaHistory {
        applied = Map.copyOf(applied);
    }

    /** The history, or empty when there is none yet (a new database) or it cannot be read. */
    static Optional<SchemaHistory> read(DataSource dataSource) {
        Map<String, BundledMigrations.Migration> applied = new HashMap<>();
        boolean failed = false;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT \"version\", \"description\", \"type\", \"checksum\","
                        + " \"success\" FROM \"flyway_schema_history\"")) {
            while (rows.next()) {
                String version = rows.getString(1);
                String type = rows.getString(3);
                int checksum = rows.getInt(4);
                OptionalInt recorded = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(checksum);
                if (!rows.getBoolean(5) || version == null && !MARKERS.contains(type)) {
                    failed = true;
                } else if (version != null && !MARKERS.contains(type)) {
                    applied.put(version, new BundledMigrations.Migration(rows.getString(2), type, recorded));
                }
            }
        } catch (SQLException noHistoryYet) {
            return Optional.empty();
        }
        return Optional.of(new SchemaHistory(applied, failed));
    }

    /**
     * Whether the history lists exactly the bundled migrations, each applied successfully with the description, type and
     * checksum of the one in the jar: then Flyway's validation would pass and it would have nothing to apply. Anything
     * else — a migration missing (the database is behind), one the jar does not have, a failed one, an altered file —
     * is for Flyway to migrate or report.
     */
    boolean isCurrent(BundledMigrations bundled) {
        return !failed && applied.equals(bundled.migrations());
    }

    /** The applied versions above the newest the jar has: a newer version of Curfew migrated this database. */
    Optional<String> newerThan(BundledMigrations bundled) {
        long newest = Long.parseLong(bundled.newestVersion());
        return applied.keySet().stream()
                .filter(version -> version.matches("\\d+") && Long.parseLong(version) > newest)
                .max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    }
}
