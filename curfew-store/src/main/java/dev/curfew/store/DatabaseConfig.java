package dev.curfew.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep to it. Validated on construction; which URLs are
 * supported is decided when the database is opened ({@link Database#open}).
 *
 * @param username empty when the database needs none (H2)
 * @param password empty when the database needs none (H2); never printed by {@link #toString()}
 * @param maxPoolSize the most connections open at once; default {@value #DEFAULT_MAX_POOL_SIZE}
 */
public record DatabaseConfig(String jdbcUrl, String username, String password, int maxPoolSize) {

    /**
     * Small on purpose: H2 serializes writes to its file anyway, and PostgreSQL's throughput peaks at
     * about twice its cores of busy connections (HikariCP wiki, "About Pool Sizing").
     */
    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    /** A database with the default pool size. */
    public static DatabaseConfig of(String jdbcUrl, String username, String password) {
        return new DatabaseConfig(jdbcUrl, username, password, DEFAULT_MAX_POOL_SIZE);
    }

    /** The embedded default: an H2 database in the files {@code <dataDir>/curfew.*}. */
    public static DatabaseConfig h2File(Path dataDir) {
        Path base = dataDir.toAbsolutePath().normalize().resolve("curfew");
        return of("jdbc:h2:file:" + base, "", "");
    }

    /** An H2 database that lives in this JVM's memory until it exits; for tests. */
    public static DatabaseConfig h2InMemory(String name) {
        return of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "", "");
    }

    public DatabaseConfig withMaxPoolSize(int newMaxPoolSize) {
        return new DatabaseConfig(jdbcUrl, username, password, newMaxPoolSize);
    }

    /** Prints without the password (and without one embedded in the URL), so a log line cannot leak it. */
    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + DatabaseUrl.redact(jdbcUrl) + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
