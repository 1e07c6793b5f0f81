package dev.curfew.bench.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away database for one benchmark run: an H2 file database in a temporary directory, or a
 * database on an embedded PostgreSQL 18 (the binaries the store tests use) on a free localhost port.
 * {@link #close()} removes everything it created.
 */
public abstract class BenchDatabase implements AutoCloseable {
    /** {@code h2} or {@code pg}. */
    public abstract String name();

    /** The URL Curfew is configured with ({@code db-url}). */
    public abstract String curfewUrl();

    public abstract String username();

    /** A connection of the benchmark's own, next to the server's pool, for seeding and sizes. */
    public abstract Connection connect() throws SQLException;

    /** Bytes the database takes for its sessions (tables and indexes), as far as it can tell. */
    public abstract long sessionBytes() throws SQLException;

    /** Settings that matter for write latency, to print with the figures. */
    public abstract Map<String, String> facts() throws SQLException;

    /** The database server's main process when it is not this JVM (for {@link CpuMeter}). */
    public Optional<ProcessHandle> serverProcess() {
        return Optional.empty();
    }

    @Override
    public abstract void close();

    public static BenchDatabase open(String kind) throws IOException {
        return switch (kind) {
            case "h2" -> new H2();
            case "pg" -> new Postgres();
            default -> throw new IllegalArgumentException("unknown database '" + kind + "': use h2 or pg");
        };
    }

    /** H2 in a file, in PostgreSQL mode, as Curfew runs it by default (embedded, in the server's JVM). */
    static final class H2 extends BenchDatabase {
        /** The settings Curfew adds to an H2 URL (DatabaseUrl); the same here so both open one database. */
        private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

        private final Path dir;
        private final String url;

        H2() throws IOException {
            dir = Files.createTempDirectory("curfew-signout-bench-h2-");
            deleteOnExit(dir);
            url = "jdbc:h2:file:" + dir.resolve("curfew");
        }

        @Override
        public String name() {
            return "h2";
        }

        @Override
        public String curfewUrl() {
            return url;
        }

        @Override
        public String username() {
            return "sa";
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url + SETTINGS, "sa", "");
        }

        /** The size of the database file: H2 reuses freed pages, so this is an upper bound of live data. */
        @Override
        public long sessionBytes() throws SQLException {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            try {
                return Files.size(dir.resolve("curfew.mv.db"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> facts() throws SQLException {
            Map<String, String> facts = new LinkedHashMap<>();
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                    + " WHERE SETTING_NAME IN ('CACHE_SIZE', 'info.CACHE_MAX_SIZE', 'WRITE_DELAY', 'info.VERSION')")) {
                while (rs.next()) {
                    facts.put(rs.getString(1), rs.getString(2));
                }
            }
            return facts;
        }

        /** Closes the database (the server has let go of it) before removing its files. */
        @Override
        public void close() {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                System.err.println("could not shut H2 down cleanly: " + e.getMessage());
            }
            deleteTree(dir);
        }
    }

    /** A fresh database on an embedded PostgreSQL server started for this run. */
    static final class Postgres extends BenchDatabase {
        private static final String DATABASE = "curfew_bench";
        private final EmbeddedPostgres server;

        Postgres() throws IOException {
            server = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            } catch (SQLException e) {
                server.close();
                throw new IllegalStateException("cannot create the benchmark database", e);
            }
        }

        @Override
        public String name() {
            return "pg";
        }

        @Override
        public String curfewUrl() {
            return server.getJdbcUrl("postgres", DATABASE);
        }

        @Override
        public String username() {
            return "postgres";
        }

        @Override
        public Connection connect() throws SQLException {
            // Lets the driver send a batch of inserts as multi-row INSERTs.
            return DriverManager.getConnection(curfewUrl() + "&reWriteBatchedInserts=true", "postgres", "");
        }

        /** The postmaster, by the PID in its data directory's postmaster.pid (pg_ctl started it detached). */
        @Override
        public Optional<ProcessHandle> serverProcess() {
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                String pid = Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid"))
                        .get(0)
                        .strip();
                return ProcessHandle.of(Long.parseLong(pid));
            } catch (SQLException | IOException | RuntimeException e) {
                System.err.println("cannot find PostgreSQL's process, its CPU time is not counted: " + e);
                return Optional.empty();
            }
        }

        @Override
        public long sessionBytes() throws SQLException {
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('user_sessions')"
                            + " + pg_total_relation_size('client_sessions')")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public Map<String, String> facts() throws SQLException {
            Map<String, String> facts = new LinkedHashMap<>();
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                for (String setting :
                        new String[] {"server_version", "fsync", "synchronous_commit", "shared_buffers", "work_mem"}) {
                    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                        rs.next();
                        facts.put(setting, rs.getString(1));
                    }
                }
            }
            return facts;
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("could not stop the embedded PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }

    /** Removes {@code dir} when the JVM exits, also when the run is interrupted (Ctrl-C, time-out). */
    public static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "curfew-bench-cleanup"));
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
