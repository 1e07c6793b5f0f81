package dev.curfew.store.testing;

import dev.curfew.store.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for tests: one embedded server (binaries from Maven) per JVM, started on first use and
 * stopped when the JVM exits, with a fresh, empty database for every {@link #create()} call.
 *
 * <p>Shared with other modules' tests through this module's test-jar.
 */
public final class PostgresTestDatabase {
    private static final String USER = "postgres";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PostgresTestDatabase() {}

    /** A new empty database on the shared server; opening it with {@code Database.open} migrates it. */
    public static DatabaseConfig create() {
        String name = "curfew_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedPostgres server = Server.INSTANCE;
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return DatabaseConfig.of(server.getJdbcUrl(USER, name), USER, "");
    }

    /** Holder idiom: the server starts when {@link #create()} is first called, once, thread-safely. */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                // Registers a shutdown hook that stops the server and removes its data directory.
                return EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
