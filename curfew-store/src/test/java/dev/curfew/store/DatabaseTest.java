package dev.curfew.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.store.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final Realm REALM = new Realm(
            "r-1",
            "acme",
            "ACME",
            true,
            RealmSettings.DEFAULTS,
            Optional.empty(),
            Instant.parse("2026-03-01T10:00:00Z"));

    @TempDir
    Path dataDir;

    @Test
    void h2FileDatabaseCreatesItsDirectoryAndKeepsItsDataAcrossRestarts() {
        Path notYetCreated = dataDir.resolve("data");
        DatabaseConfig config = DatabaseConfig.h2File(notYetCreated);
        try (Database database = Database.open(config)) {
            database.store().realms().create(REALM);
        }

        try (Database reopened = Database.open(config)) {
            assertThat(reopened.store().realms().findByName("acme")).contains(REALM);
        }
        assertThat(notYetCreated.resolve("curfew.mv.db")).exists();
    }

    @Test
    void postgresDatabaseOpensMigratedAndEmpty() {
        try (Database database = Database.open(PostgresTestDatabase.create())) {
            assertThat(database.store().isHealthy()).isTrue();
            assertThat(database.store().realms().list()).isEmpty();
        }
    }

    @Test
    @DisplayName("PostgreSQL with synchronous_commit off: opening it warns that acknowledged writes can be lost")
    void postgresWithSynchronousCommitOffIsReported() throws SQLException {
        DatabaseConfig lax = PostgresTestDatabase.create();
        DatabaseConfig strict = PostgresTestDatabase.create();
        alterDatabase(lax, "SET synchronous_commit = off");
        alterDatabase(strict, "SET synchronous_commit = on");

        try (Database database = Database.open(lax)) {
            assertThat(database.durabilityWarnings())
                    .anySatisfy(w -> assertThat(w).contains("synchronous_commit is off"));
        }
        try (Database database = Database.open(strict)) {
            assertThat(database.durabilityWarnings())
                    .noneSatisfy(w -> assertThat(w).contains("synchronous_commit"));
            boolean fsyncOn = setting(strict, "fsync").equals("on");
            assertThat(database.durabilityWarnings())
                    .as("a warning about fsync exactly when the server runs without it")
                    .hasSize(fsyncOn ? 0 : 1);
        }
    }

    @Test
    void h2DatabaseHasNoDurabilityWarnings() {
        try (Database database = Database.open(DatabaseConfig.h2File(dataDir))) {
            assertThat(database.durabilityWarnings()).isEmpty();
        }
    }

    private static void alterDatabase(DatabaseConfig config, String change) throws SQLException {
        String name = config.jdbcUrl().replaceFirst(".*/([a-z0-9_]+).*", "$1");
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " " + change);
        }
    }

    private static String setting(DatabaseConfig config, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.username(), "");
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void unsupportedUrlIsRefusedWithTheSupportedForms() {
        assertThatThrownBy(() -> Database.open(DatabaseConfig.of("jdbc:mysql://db.example.com/curfew", "u", "p")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("unsupported database URL 'jdbc:mysql://db.example.com/curfew'")
                .hasMessageContaining("jdbc:h2:file:<path>")
                .hasMessageContaining("jdbc:postgresql://<host>:<port>/<database>");
    }

    @Test
    void unnamedInMemoryDatabaseIsRefused() {
        assertThatThrownBy(() -> Database.open(DatabaseConfig.of("jdbc:h2:mem:", "", "")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("jdbc:h2:mem:<name>");
    }

    @Test
    void unreachablePostgresIsReportedWithWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/curfew?password=hunter2";

        assertThatThrownBy(() -> Database.open(DatabaseConfig.of(url, "curfew", "hunter2")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot open database 'jdbc:postgresql://127.0.0.1:" + closedPort)
                .hasMessageContaining("check that the database server is running")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void missingPostgresDatabaseIsReportedWithWhatToDo() {
        DatabaseConfig existing = PostgresTestDatabase.create();
        String url = existing.jdbcUrl().replaceFirst("/curfew_test_[0-9_]+", "/no_such_database");

        assertThatThrownBy(() -> Database.open(DatabaseConfig.of(url, existing.username(), "")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("no_such_database")
                .hasMessageContaining("create it (CREATE DATABASE)");
    }

    @Test
    void wrongCredentialsAreReportedWithWhatToCheck() {
        DatabaseConfig config = DatabaseConfig.h2File(dataDir);
        Database.open(config).close();

        assertThatThrownBy(() -> Database.open(DatabaseConfig.of(config.jdbcUrl(), "intruder", "guess")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot open database 'jdbc:h2:file:" + dataDir)
                .hasMessageContaining("rejected user 'intruder': check the username and password");
    }

    @Test
    void schemaThatDoesNotMatchTheMigrationsIsReported() throws SQLException {
        DatabaseConfig config = DatabaseConfig.h2InMemory("tampered-" + UUID.randomUUID());
        Database.open(config).close();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        }

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot bring the schema of database")
                .hasMessageContaining("checksum");
    }
}
