package dev.curfew.store.change;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.store.cache.CachingStore;
import dev.curfew.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster tell each other what they committed through PostgreSQL's {@code LISTEN/NOTIFY}. A change
 * is sent with {@code pg_notify} inside the transaction that makes it, so PostgreSQL delivers it only once that
 * transaction commits, and never if it rolls back; this node's own listeners hear it right after the commit,
 * without the round trip.
 *
 * <p>Every node keeps one connection of its own for listening, opened with the driver outside the pool (a
 * listening connection cannot be lent to anyone else). When it is lost — PostgreSQL restarted, the network cut —
 * the listener opens a new one, listens again, and then tells its listeners {@link Change.Everything}: whatever was
 * sent meanwhile was lost for this node.
 */
public final class PostgresChangeFeed implements ChangeFeed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);

    /** The one channel every node listens on. */
    static final String CHANNEL = "curfew_changes";

    /** The listening connection's name in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "curfew-changes";

    /** How long one wait for notifications lasts before the connection is checked with a query. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    private final String url;
    private final Properties properties;
    private final String node = Secrets.newId();
    private final Listeners listeners = new Listeners();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;
    private final Clock clock = Clock.systemUTC();
    /** Null while listening and caught up; set when listening stops (and at start, before it begins). */
    private volatile Instant deafSince = clock.instant();

    private volatile Connection connection;

    /** Starts listening at once, on a thread of its own. */
    public PostgresChangeFeed(String url, String username, String password) {
        this.url = url;
        this.properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        this.thread = Thread.ofPlatform().name("curfew-changes").daemon().unstarted(this::run);
        thread.start();
    }

    @Override
    public void publish(Store tx, Change change) {
        JdbcStore jdbc = switch (tx) {
            case JdbcStore j -> j;
            case CachingStore c -> c.jdbc();
            default -> throw new IllegalArgumentException("not a store of this database: " + tx);
        };
        for (String payload : Payloads.encode(node, change)) {
            jdbc.notifyListeners(CHANNEL, payload);
        }
        tx.afterCommit(() -> listeners.deliver(change));
    }

    @Override
    public void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isListening() {
        return listening;
    }

    @Override
    public Optional<Instant> deafSince() {
        return Optional.ofNullable(deafSince);
    }

    /**
     * Waits until the feed listens, at most {@code timeout}: whatever a node reads from the database after this, a
     * change committed later reaches it. False when it does not listen in time (the node starts all the same, deaf and
     * not ready, and keeps trying).
     */
    public boolean awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening && System.nanoTime() < deadline) {
            if (!pause(Duration.ofMillis(10))) {
                return false;
            }
        }
        return listening;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        closeQuietly(connection);
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean heardBefore = false;
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                connection = c;
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (heardBefore) {
                    LOG.info("Listening to the other nodes' changes again; everything held in memory is reloaded");
                    listeners.deliver(new Change.Everything());
                }
                listening = true;
                deafSince = null;
                heardBefore = true;
                retry = FIRST_RETRY;
                hear(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (listening || !heardBefore) {
                    LOG.warn("Lost the connection that hears the other nodes' changes; trying again: {}", e.toString());
                }
                listening = false;
                if (!pause(retry)) {
                    break;
                }
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            } finally {
                listening = false;
                if (deafSince == null) {
                    deafSince = clock.instant();
                }
                connection = null;
            }
        }
    }

    /** Hears notifications until the connection fails or the feed closes. */
    private void hear(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] heard = pg.getNotifications((int) QUIET.toMillis());
            if (heard == null || heard.length == 0) {
                // A connection cut without a reset (a dead network) is noticed only when something is sent on it.
                try (Statement check = c.createStatement()) {
                    check.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification n : heard) {
                Payloads.decode(n.getParameter())
                        .filter(h -> !h.node().equals(node))
                        .ifPresent(h -> listeners.deliver(h.change()));
            }
        }
    }

    /** Waits before the next attempt; false when the feed was closed meanwhile. */
    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the listening connection", e);
        }
    }
}
