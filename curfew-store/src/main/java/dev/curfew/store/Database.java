package dev.curfew.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.store.Store;
import dev.curfew.store.cache.CachingStore;
import dev.curfew.store.change.InProcessChangeFeed;
import dev.curfew.store.change.PostgresChangeFeed;
import dev.curfew.store.jdbc.JdbcStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open database: a connection pool on a schema that {@link #open} has brought up to date. One per
 * process; {@link #close()} on shutdown.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /**
     * How long a caller waits for a free connection before failing. A request (or a readiness probe)
     * is better answered with an error within seconds than left hanging for Hikari's default 30.
     */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private static final String MIGRATIONS = "classpath:" + BundledMigrations.LOCATION;
    private static final java.time.Duration FIRST_LISTEN = java.time.Duration.ofSeconds(10);

    private final HikariDataSource dataSource;
    private final Store store;
    private final List<String> durabilityWarnings;
    private final ChangeFeed changes;
    private final SchemaCheck schemaCheck;

    private Database(
            HikariDataSource dataSource, SchemaCheck schemaCheck, List<String> durabilityWarnings, ChangeFeed changes) {
        this.dataSource = dataSource;
        this.schemaCheck = schemaCheck;
        this.durabilityWarnings = List.copyOf(durabilityWarnings);
        this.changes = changes;
        this.store = new CachingStore(new JdbcStore(Jdbi.create(dataSource)), changes);
    }

    /**
     * Connects and migrates the schema.
     *
     * @throws DatabaseException when the URL is not supported, the database cannot be reached or opened,
     *     or its schema cannot be migrated; the message tells the operator what to do
     */
    public static Database open(DatabaseConfig config) {
        return open(config, true);
    }

    /** {@link #open(DatabaseConfig)}; a new H2 file starts from {@link SchemaTemplate} only if {@code template}. */
    static Database open(DatabaseConfig config, boolean template) {
        DatabaseUrl url = DatabaseUrl.parse(config.jdbcUrl());
        boolean copied = template
                && url.kind() == DatabaseUrl.Kind.H2_FILE
                && SchemaTemplate.copyIfNew(config, Database.class.getClassLoader());
        HikariDataSource dataSource = connect(config, url);
        List<String> warnings;
        SchemaCheck schemaCheck;
        try {
            schemaCheck = migrate(dataSource, url);
            if (copied && schemaCheck == SchemaCheck.CURRENT) {
                schemaCheck = SchemaCheck.NEW_FROM_TEMPLATE;
            }
            warnings = url.isH2() ? List.of() : PostgresDurability.warnings(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info(
                "Opened {} database {} ({})",
                url.isH2() ? "H2" : "PostgreSQL",
                DatabaseUrl.redact(config.jdbcUrl()),
                switch (schemaCheck) {
                    case CURRENT -> "schema current";
                    case MIGRATED -> "schema checked and migrated";
                    case NEW_FROM_TEMPLATE -> "new, from the schema template";
                });
        warnings.forEach(LOG::warn);
        // H2 serves one process; on PostgreSQL every node listens to the others on a connection of its own.
        ChangeFeed changes = url.isH2()
                ? new InProcessChangeFeed()
                : new PostgresChangeFeed(url.effectiveUrl(), config.username(), config.password());
        Database database = new Database(dataSource, schemaCheck, warnings, changes);
        // Listen first, then read: whatever this node reads from now on, a change another node commits later reaches
        // it. A node that cannot listen yet starts all the same, not ready, and its validity check's fail-safe counts.
        if (changes instanceof PostgresChangeFeed feed && !feed.awaitListening(FIRST_LISTEN)) {
            LOG.warn(
                    "Not hearing the other nodes' changes after {} s; starting anyway, not ready until it does",
                    FIRST_LISTEN.toSeconds());
        }
        return database;
    }

    /**
     * Whether opening {@code jdbcUrl} would create a new database: an H2 file database whose file does not exist yet.
     * A start asks before it opens the database, to prepare what a first start needs ({@code SpareKeys}).
     */
    public static boolean isNewH2File(String jdbcUrl) {
        return DatabaseUrl.h2File(jdbcUrl).filter(file -> !Files.exists(file)).isPresent();
    }

    public Store store() {
        return store;
    }

    /** How what a transaction changed reaches every node's memory ({@code docs/architecture.md}). */
    public ChangeFeed changes() {
        return changes;
    }

    /** Whether opening found the schema current, ran Flyway on it, or made a new database from the template. */
    public SchemaCheck schemaCheck() {
        return schemaCheck;
    }

    /**
     * Settings of the database under which a crash can lose writes Curfew has acknowledged (PostgreSQL's
     * {@code synchronous_commit} or {@code fsync} off), one message each, logged as warnings when it opened.
     */
    public List<String> durabilityWarnings() {
        return durabilityWarnings;
    }

    @Override
    public void close() {
        if (changes instanceof PostgresChangeFeed listening) {
            listening.close();
        }
        dataSource.close();
    }

    private static HikariDataSource connect(DatabaseConfig config, DatabaseUrl url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("curfew");
        hikari.setJdbcUrl(url.effectiveUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        try {
            // Hikari opens a first connection here, so a wrong URL or password fails now, not on first use.
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw OpenFailure.explain(config, url, e);
        }
    }

    /**
     * Brings the schema up to date. A restart on a schema already current reads the history with one query and skips
     * Flyway, whose class-path scan and validation were a third of a restart's database time ({@code bench/README.md},
     * "Start-up"); a database a newer version migrated is refused; any other history goes through Flyway, which
     * migrates it or refuses it.
     */
    private static SchemaCheck migrate(HikariDataSource dataSource, DatabaseUrl url) {
        ClassLoader loader = Database.class.getClassLoader();
        Optional<BundledMigrations> bundled = BundledMigrations.read(loader);
        Optional<SchemaHistory> history = SchemaHistory.read(dataSource);
        if (bundled.isPresent() && history.isPresent()) {
            if (history.get().isCurrent(bundled.get())) {
                return SchemaCheck.CURRENT;
            }
            // Flyway only warns about such "future" migrations; this version may misread what they changed.
            Optional<String> newer = history.get().newerThan(bundled.get());
            if (newer.isPresent()) {
                throw new DatabaseException(cannotMigrate(
                        url,
                        "it is at version " + newer.get() + " and this version of Curfew knows migrations up to "
                                + bundled.get().newestVersion()));
            }
        }
        try {
            Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return SchemaCheck.MIGRATED;
        } catch (FlywayException e) {
            throw new DatabaseException(cannotMigrate(url, e.getMessage()), e);
        }
    }

    private static String cannotMigrate(DatabaseUrl url, String reason) {
        return "cannot bring the schema of database '" + DatabaseUrl.redact(url.effectiveUrl()) + "' up to date: "
                + reason + ". If a newer Curfew version wrote to this database, run that version or restore a backup.";
    }
}
