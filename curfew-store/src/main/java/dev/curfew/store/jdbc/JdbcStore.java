package dev.curfew.store.jdbc;

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
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Store} on JDBC, for PostgreSQL and H2 in PostgreSQL mode (one schema and one set of queries
 * serve both; see the migrations in {@code db/migration}). Usually obtained from {@code Database.store()}.
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final Handles handles;
    private final RealmStore realms;
    private final UserStore users;
    private final GroupStore groups;
    private final MaintenanceStore maintenance;
    private final ClientStore clients;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final KeyStore keys;
    private final PrivilegeStore privileges;
    private final RevocationStore revocations;
    private final SignOutStore signOuts;
    private final SignOutScheduleStore signOutSchedules;
    private final AuditStore audit;
    private final OutboxStore outbox;
    private final SessionStatsStore sessionStats;
    private final SsfStore ssf;
    private final LoginFailureStore loginFailures;
    private final OtpStore otp;
    private final ConsoleSessionStore consoleSessions;

    /** A store whose calls each borrow a connection from {@code jdbi}. */
    public JdbcStore(Jdbi jdbi) {
        this(new Handles.Pooled(jdbi));
    }

    private JdbcStore(Handles handles) {
        this.handles = handles;
        this.realms = new JdbcRealmStore(handles);
        this.users = new JdbcUserStore(handles);
        this.groups = new JdbcGroupStore(handles);
        this.maintenance = new JdbcMaintenanceStore(handles);
        this.clients = new JdbcClientStore(handles);
        this.sessions = new JdbcSessionStore(handles);
        this.tokens = new JdbcTokenStore(handles);
        this.keys = new JdbcKeyStore(handles);
        this.privileges = new JdbcPrivilegeStore(handles);
        this.revocations = new JdbcRevocationStore(handles);
        this.signOuts = new JdbcSignOutStore(handles);
        this.signOutSchedules = new JdbcSignOutScheduleStore(handles);
        this.audit = new JdbcAuditStore(handles);
        this.outbox = new JdbcOutboxStore(handles);
        this.sessionStats = new JdbcSessionStatsStore(handles);
        this.ssf = new JdbcSsfStore(handles);
        this.loginFailures = new JdbcLoginFailureStore(handles);
        this.otp = new JdbcOtpStore(handles);
        this.consoleSessions = new JdbcConsoleSessionStore(handles);
    }

    @Override
    public RealmStore realms() {
        return realms;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public GroupStore groups() {
        return groups;
    }

    @Override
    public MaintenanceStore maintenance() {
        return maintenance;
    }

    @Override
    public ClientStore clients() {
        return clients;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public PrivilegeStore privileges() {
        return privileges;
    }

    @Override
    public RevocationStore revocations() {
        return revocations;
    }

    @Override
    public SignOutStore signOuts() {
        return signOuts;
    }

    @Override
    public SignOutScheduleStore signOutSchedules() {
        return signOutSchedules;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public SessionStatsStore sessionStats() {
        return sessionStats;
    }

    @Override
    public SsfStore ssf() {
        return ssf;
    }

    @Override
    public LoginFailureStore loginFailures() {
        return loginFailures;
    }

    @Override
    public OtpStore otp() {
        return otp;
    }

    @Override
    public ConsoleSessionStore consoleSessions() {
        return consoleSessions;
    }

    /**
     * Runs {@code work} on one connection in one transaction (READ COMMITTED, both databases' default);
     * it commits when {@code work} returns and rolls back when it throws. A nested call joins the running
     * transaction. So does any call of this store made by the same thread while {@code work} runs: JDBI
     * lends a thread's open handle to every call on that thread.
     *
     * <p>On PostgreSQL a failed statement aborts the whole transaction: a {@code DuplicateException}
     * thrown inside {@code work} must end it, not be caught and carried on from.
     */
    @Override
    public <T> T inTransaction(Function<Store, T> work) {
        return switch (handles) {
            case Handles.InTransaction running -> work.apply(this);
            case Handles.Pooled pooled ->
                pooled.jdbi().inTransaction(handle -> work.apply(new JdbcStore(new Handles.InTransaction(handle))));
        };
    }

    /** JDBI runs a handle's after-commit callbacks once its commit has returned, and drops them on rollback. */
    @Override
    public void afterCommit(Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an action after a committed transaction failed", e);
            }
        };
        switch (handles) {
            case Handles.InTransaction running -> running.handle().afterCommit(guarded);
            case Handles.Pooled pooled -> guarded.run();
        }
    }

    /**
     * Sends a PostgreSQL notification on {@code channel} from this store's transaction: PostgreSQL delivers it to
     * the channel's listeners when the transaction commits, and drops it on rollback (PostgreSQL, NOTIFY).
     */
    public void notifyListeners(String channel, String payload) {
        handles.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", channel)
                .bind("payload", payload)
                .mapTo(String.class)
                .one());
    }

    @Override
    public boolean isHealthy() {
        try {
            return handles.withHandle(
                    h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
