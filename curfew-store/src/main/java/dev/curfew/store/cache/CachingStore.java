package dev.curfew.store.cache;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.store.AuditStore;
import dev.curfew.core.store.ClientStore;
import dev.curfew.core.store.ConsoleSessionStore;
import dev.curfew.core.store.GroupStore;
import dev.curfew.core.store.KeyStore;
import dev.curfew.core.store.LoginFailureStore;
import dev.curfew.core.store.MaintenanceStore;
import dev.curfew.core.store.OtpStore;
import dev.curfew.core.store.OutboxStore;
import dev.curfew.core.store.PrivilegeStore;
import dev.curfew.core.store.RealmStore;
import dev.curfew.core.store.RevocationStore;
import dev.curfew.core.store.SessionStatsStore;
import dev.curfew.core.store.SessionStore;
import dev.curfew.core.store.SignOutScheduleStore;
import dev.curfew.core.store.SignOutStore;
import dev.curfew.core.store.SsfStore;
import dev.curfew.core.store.Store;
import dev.curfew.core.store.TokenStore;
import dev.curfew.core.store.UserStore;
import dev.curfew.store.jdbc.JdbcStore;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link JdbcStore} with the realms, clients and users that every token check and every protocol request reads
 * served from memory ({@link Entities}), so checking a token reads no row for them ({@code docs/architecture.md},
 * "One source of truth for validity"); so is whether any group's lifetimes are in force ({@link CachedGroups}).
 *
 * <p>Every write of a realm, client, user or group's lifetimes announces itself on the change feed in the transaction that makes it, so
 * this node and every other one drop what they hold once it commits. Inside a transaction nothing is read from memory:
 * a transaction sees its own writes and locks what it reads.
 */
public final class CachingStore implements Store {
    private final JdbcStore jdbc;
    private final Entities entities;
    private final ChangeFeed changes;
    private final boolean inTransaction;

    /** Listens to {@code changes} at once: from now on, what any node commits reaches this store's memory. */
    public CachingStore(JdbcStore jdbc, ChangeFeed changes) {
        this(jdbc, new Entities(), changes, false);
        changes.listen(entities);
    }

    private CachingStore(JdbcStore jdbc, Entities entities, ChangeFeed changes, boolean inTransaction) {
        this.jdbc = jdbc;
        this.entities = entities;
        this.changes = changes;
        this.inTransaction = inTransaction;
    }

    /** The database store underneath: for the change feed, which sends its notifications in the same transaction. */
    public JdbcStore jdbc() {
        return jdbc;
    }

    @Override
    public RealmStore realms() {
        return new CachedRealms(jdbc.realms(), reads(), writes());
    }

    @Override
    public ClientStore clients() {
        return new CachedClients(jdbc.clients(), reads(), writes());
    }

    @Override
    public UserStore users() {
        return new CachedUsers(jdbc.users(), reads(), writes());
    }

    /** Inside a transaction reads go to the database; outside, through memory. */
    private Reads reads() {
        return inTransaction ? Reads.DATABASE : entities::get;
    }

    /** Runs a write and announces its change in one transaction: the one running, or a new one. */
    private Writes writes() {
        return new Writes() {
            @Override
            public <T> T write(Function<Store, T> write, List<Change> announced) {
                return jdbc.inTransaction(tx -> {
                    T result = write.apply(tx);
                    announced.forEach(change -> changes.publish(tx, change));
                    return result;
                });
            }
        };
    }

    @Override
    public SessionStore sessions() {
        return jdbc.sessions();
    }

    @Override
    public TokenStore tokens() {
        return jdbc.tokens();
    }

    @Override
    public KeyStore keys() {
        return jdbc.keys();
    }

    @Override
    public PrivilegeStore privileges() {
        return jdbc.privileges();
    }

    @Override
    public RevocationStore revocations() {
        return jdbc.revocations();
    }

    @Override
    public SignOutStore signOuts() {
        return jdbc.signOuts();
    }

    @Override
    public GroupStore groups() {
        return new CachedGroups(jdbc.groups(), reads(), writes());
    }

    /** Read at each sign-in only, not cached: every node sees a window the moment it is committed. */
    @Override
    public MaintenanceStore maintenance() {
        return jdbc.maintenance();
    }

    @Override
    public SignOutScheduleStore signOutSchedules() {
        return jdbc.signOutSchedules();
    }

    @Override
    public AuditStore audit() {
        return jdbc.audit();
    }

    @Override
    public OutboxStore outbox() {
        return jdbc.outbox();
    }

    @Override
    public SessionStatsStore sessionStats() {
        return jdbc.sessionStats();
    }

    @Override
    public SsfStore ssf() {
        return jdbc.ssf();
    }

    @Override
    public LoginFailureStore loginFailures() {
        return jdbc.loginFailures();
    }

    @Override
    public ConsoleSessionStore consoleSessions() {
        return jdbc.consoleSessions();
    }

    /** Not cached: a code is accepted by a conditional update of the database, so that it is accepted once. */
    @Override
    public OtpStore otp() {
        return jdbc.otp();
    }

    @Override
    public <T> T inTransaction(Function<Store, T> work) {
        return jdbc.inTransaction(tx -> work.apply(new CachingStore((JdbcStore) tx, entities, changes, true)));
    }

    @Override
    public void afterCommit(Runnable action) {
        jdbc.afterCommit(action);
    }

    @Override
    public boolean isHealthy() {
        return jdbc.isHealthy();
    }

    /** Where the cached sub-stores read an entity: through memory, or straight from the database. */
    @FunctionalInterface
    interface Reads {
        Reads DATABASE = new Reads() {
            @Override
            public <T> java.util.Optional<T> get(
                    Entities.Kind kind,
                    String realmId,
                    String key,
                    java.util.function.Supplier<java.util.Optional<T>> load) {
                return load.get();
            }
        };

        <T> java.util.Optional<T> get(
                Entities.Kind kind,
                String realmId,
                String key,
                java.util.function.Supplier<java.util.Optional<T>> load);
    }

    /**
     * How the cached sub-stores write: the write and the announcement of what it changed commit together. A write that
     * may move a cut-off announces the cut-off too, so the validity state in memory hears of every cut-off however it
     * was written ({@code RevocationState} and the rows keep the later of two, so announcing one already in force
     * changes nothing).
     */
    interface Writes {
        <T> T write(Function<Store, T> write, List<Change> announced);

        default void run(Consumer<Store> write, List<Change> announced) {
            write(
                    tx -> {
                        write.accept(tx);
                        return null;
                    },
                    announced);
        }
    }
}
