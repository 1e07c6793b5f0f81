package dev.curfew.e2e.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 18 (the embedded binaries from Maven that curfew-store's tests use) on a data directory and a
 * port of its own, which a test can stop and start again in the middle of a run: the next start finds the data
 * directory initialised (its {@code postgresql.conf}) and only starts the server, on the same port, so clients
 * reconnect to the same address and find every committed row. The embedded library runs {@code initdb} and
 * {@code postgres} under {@code unshare -U} when it runs as root, which PostgreSQL otherwise refuses; stopping is
 * {@code pg_ctl stop -m fast} (sessions are cut, committed transactions are on disk). Run as an operator must
 * run it under Curfew: {@code synchronous_commit} and {@code fsync} on, which the library turns off by default.
 */
public final class RestartablePostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String DATABASE = "curfew";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Initialises {@code dataDirectory}, starts the server on a free port, and creates the database {@value #DATABASE}. */
    public static RestartablePostgres start(Path dataDirectory) {
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory, FreePort.pick());
        postgres.start();
        try (Connection connection = postgres.server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            postgres.close();
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
        return postgres;
    }

    /** Starts the server again on the same data directory and port (after {@link #stop()}). */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL already runs on port " + port);
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data stays), keeping its data directory. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Curfew's database, as {@code --db-url} takes it (user {@value #USER}, no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Curfew's database, for a test that reads or writes rows itself; only while the server runs. */
    public synchronized DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return server.getDatabase(USER, DATABASE);
    }

    @Override
    public void close() {
        stop();
    }
}
