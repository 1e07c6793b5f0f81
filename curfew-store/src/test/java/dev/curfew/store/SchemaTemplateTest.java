package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new H2 file database starts as a copy of the empty database the build migrated, and is then the same as one the
 * migrations made; an existing file, another URL or other credentials are left to Flyway as before.
 */
@DisplayName("A first start copies the schema template instead of running every migration")
class SchemaTemplateTest {
    @TempDir
    Path directory;

    private DatabaseConfig plain(String name) {
        return DatabaseConfig.of(
                "jdbc:h2:file:" + directory.resolve(name), SchemaTemplate.USERNAME, SchemaTemplate.PASSWORD);
    }

    @Test
    @DisplayName("the build packaged the template with the classes")
    void templateIsOnTheClassPath() {
        assertThat(SchemaTemplateTest.class.getClassLoader().getResource(SchemaTemplate.RESOURCE))
                .isNotNull();
    }

    @Test
    @DisplayName("a new file at a plain path starts from the template, with the schema the migrations make")
    void newFileStartsFromTheTemplateWithTheMigratedSchema() throws SQLException {
        DatabaseConfig copied = plain("copied");
        // A setting in the URL keeps the template out: this one is made by Flyway.
        DatabaseConfig migrated = DatabaseConfig.of(
                "jdbc:h2:file:" + directory.resolve("migrated") + ";QUERY_CACHE_SIZE=64",
                SchemaTemplate.USERNAME,
                SchemaTemplate.PASSWORD);

        try (Database database = Database.open(copied)) {
            assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.NEW_FROM_TEMPLATE);
        }
        try (Database database = Database.open(migrated)) {
            assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.MIGRATED);
        }

        assertThat(schema(copied)).isNotEmpty().isEqualTo(schema(migrated));
        assertThat(history(copied)).isEqualTo(history(migrated));
        assertThat(directory.resolve("copied.mv.db.template")).doesNotExist();
    }

    @Test
    @DisplayName("an existing file is opened as it is, never replaced by the template")
    void existingFileIsKept() throws SQLException {
        DatabaseConfig config = plain("kept");
        Database.open(config).close();
        try (Connection connection = dataSource(config).getConnection()) {
            connection.createStatement().execute("CREATE TABLE kept_here (id INT)");
        }

        try (Database database = Database.open(config)) {
            assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.CURRENT);
        }
        assertThat(schema(config)).anyMatch(column -> column.startsWith("kept_here."));
    }

    @Test
    @DisplayName("other credentials, or settings of the operator's in the URL, are migrated by Flyway as before")
    void otherDatabasesAreMigrated() {
        DatabaseConfig otherUser = DatabaseConfig.of("jdbc:h2:file:" + directory.resolve("user"), "curfew", "pw");
        DatabaseConfig withSetting =
                DatabaseConfig.of("jdbc:h2:file:" + directory.resolve("set") + ";MAX_COMPACT_TIME=100", "sa", "");

        for (DatabaseConfig config : List.of(otherUser, withSetting)) {
            try (Database database = Database.open(config)) {
                assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.MIGRATED);
            }
        }
    }

    @Test
    @DisplayName("a copy left half-made by an interrupted start is replaced, and the database made whole")
    void leftoverPartialCopyIsReplaced() throws Exception {
        Files.writeString(directory.resolve("left.mv.db.template"), "half a copy");

        try (Database database = Database.open(plain("left"))) {
            assertThat(database.schemaCheck()).isEqualTo(SchemaCheck.NEW_FROM_TEMPLATE);
        }
        assertThat(directory.resolve("left.mv.db.template")).doesNotExist();
    }

    @Test
    @DisplayName("a start asks before opening whether the database is a new H2 file")
    void newH2FileIsKnownBeforeOpening() {
        DatabaseConfig config = plain("asked");
        assertThat(Database.isNewH2File(config.jdbcUrl())).isTrue();
        Database.open(config).close();
        assertThat(Database.isNewH2File(config.jdbcUrl())).isFalse();
        assertThat(Database.isNewH2File(config.jdbcUrl() + ";QUERY_CACHE_SIZE=8"))
                .isFalse();
        assertThat(Database.isNewH2File("jdbc:h2:mem:asked")).isFalse();
        assertThat(Database.isNewH2File("jdbc:postgresql://localhost/curfew")).isFalse();
    }

    /** Every column of every table of the schema (name, type, nullability, default) and every index's columns. */
    private static List<String> schema(DatabaseConfig config) throws SQLException {
        return rows(config, """
                SELECT c.table_name || '.' || c.column_name || ' ' || c.data_type || ' ' || c.is_nullable || ' '
                    || COALESCE(c.column_default, '-')
                FROM information_schema.columns c WHERE c.table_schema = 'public'
                UNION ALL
                SELECT 'index ' || i.table_name || '.' || i.index_name || ' ' || i.index_type_name || ' '
                    || ic.column_name || ' ' || ic.ordinal_position
                FROM information_schema.indexes i
                JOIN information_schema.index_columns ic
                    ON ic.index_schema = i.index_schema AND ic.index_name = i.index_name
                WHERE i.table_schema = 'public'
                UNION ALL
                SELECT 'constraint ' || table_name || '.' || constraint_name || ' ' || constraint_type
                FROM information_schema.table_constraints WHERE table_schema = 'public'
                ORDER BY 1
                """);
    }

    private static List<String> history(DatabaseConfig config) throws SQLException {
        return rows(
                config,
                "SELECT version || ' ' || description || ' ' || type || ' ' || COALESCE(CAST(checksum AS VARCHAR), '-')"
                        + " || ' ' || success FROM \"flyway_schema_history\" ORDER BY installed_rank");
    }

    private static List<String> rows(DatabaseConfig config, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource(config).getConnection();
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static DataSource dataSource(DatabaseConfig config) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(DatabaseUrl.parse(config.jdbcUrl()).effectiveUrl());
        dataSource.setUser(config.username());
        dataSource.setPassword(config.password());
        return dataSource;
    }
}
