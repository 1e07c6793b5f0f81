package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.store.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Opening a database whose schema history already lists exactly the migrations in the jar skips Flyway's scan and
 * validation; any other history (behind, newer, altered) goes through Flyway as before.
 */
@DisplayName("Schema check at open: current schemas skip Flyway, others are migrated or refused as before")
class SchemaCheckTest {
    private static DatabaseConfig h2() {
        return DatabaseConfig.h2InMemory("schema-check-" + UUID.randomUUID());
    }

    @Test
    @DisplayName("the first open migrates an empty database; the next finds it current without running Flyway")
    void secondOpenFindsTheSchemaCurrent() {
        DatabaseConfig config = h2();
        try (Database first = Database.open(config)) {
            assertThat(first.schemaCheck()).isEqualTo(SchemaCheck.MIGRATED);
        }
        try (Database second = Database.open(config)) {
            assertThat(second.schemaCheck()).isEqualTo(SchemaCheck.CURRENT);
        }
    }

    @Test
    @DisplayName("on PostgreSQL too, the second open finds the schema current")
    void secondOpenFindsThePostgresSchemaCurrent() {
        DatabaseConfig config = PostgresTestDatabase.create();
        Database.open(config).close();
        try (Database second = Database.open(config)) {
            assertThat(second.schemaCheck()).isEqualTo(SchemaCheck.CURRENT);
        }
    }

    @Test
    @DisplayName("a database behind the jar (migrated by an earlier version) is brought up to the newest migration")
    void databaseBehindIsMigrated() throws SQLException {
        DatabaseConfig config = h2();
        BundledMigrations bundled =
                BundledMigrations.read(SchemaCheckTest.class.getClassLoader()).orElseThrow();
        Flyway.configure(SchemaCheckTest.class.getClassLoader())
                .dataSource(DatabaseUrl.parse(config.jdbcUrl()).effectiveUrl(), config.username(), config.password())
                .locations("classpath:db/migration")
                .target("13")
                .load()
                .migrate();

        try (Database database = Database.open(config)) {
            assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.MIGRATED);
        }
        assertThat(applied(config)).isEqualTo(bundled.migrations());
    }

    @Test
    @DisplayName("a database a newer version migrated further than this jar knows is refused, not opened")
    void databaseNewerThanTheJarIsRefused() throws SQLException {
        DatabaseConfig config = h2();
        Database.open(config).close();
        execute(
                config,
                "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                        + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") VALUES (1000,"
                        + " '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'sa', 1, TRUE)");

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot bring the schema of database")
                .hasMessageContaining("999")
                .hasMessageContaining("If a newer Curfew version wrote to this database");
    }

    @Test
    @DisplayName("a migration recorded as failed is not taken for current: Flyway reports it")
    void failedMigrationIsReported() throws SQLException {
        DatabaseConfig config = h2();
        Database.open(config).close();
        String newest = BundledMigrations.read(SchemaCheckTest.class.getClassLoader())
                .orElseThrow()
                .newestVersion();
        execute(
                config,
                "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '" + newest + "'");

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot bring the schema of database");
    }

    @Test
    @DisplayName("the versions, descriptions, types and checksums read from the jar's migrations are those Flyway"
            + " recorded when it applied them, Java migrations included")
    void checksumsAreFlywaysOwn() throws SQLException {
        DatabaseConfig config = h2();
        Database.open(config).close();

        BundledMigrations bundled =
                BundledMigrations.read(SchemaCheckTest.class.getClassLoader()).orElseThrow();
        assertThat(bundled.migrations()).isEqualTo(applied(config)).hasSizeGreaterThanOrEqualTo(13);
    }

    private static Map<String, BundledMigrations.Migration> applied(DatabaseConfig config) throws SQLException {
        Map<String, BundledMigrations.Migration> applied = new HashMap<>();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.username(), config.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT \"version\", \"description\", \"type\", \"checksum\""
                        + " FROM \"flyway_schema_history\""
                        + " WHERE \"version\" IS NOT NULL")) {
            while (rows.next()) {
                int checksum = rows.getInt(4);
                OptionalInt recorded = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(checksum);
                applied.put(
                        rows.getString(1),
                        new BundledMigrations.Migration(rows.getString(2), rows.getString(3), recorded));
            }
        }
        return applied;
    }

    private static void execute(DatabaseConfig config, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.username(), config.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
