package dev.curfew.core.store;

import java.util.function.Function;

/**
 * Everything Curfew keeps. Each sub-store answers the questions an administrator and the protocol
 * endpoints ask; implementations must make every single call atomic, and {@link #inTransaction} makes a
 * group of calls atomic.
 */
public interface Store {
    RealmStore realms();

    UserStore users();

    ClientStore clients();

    SessionStore sessions();

    TokenStore tokens();

    KeyStore keys();

    PrivilegeStore privileges();

    RevocationStore revocations();

    SignOutStore signOuts();

    AuditStore audit();

    /** Notifications to deliver (back-channel logout tokens), written in the transaction that causes them. */
    OutboxStore outbox();

    /** The number of active sessions over time, per realm, recorded by housekeeping. */
    SessionStatsStore sessionStats();

    /** Shared Signals streams, their excluded subjects and their queues of SETs. */
    SsfStore ssf();

    /** Users' failed sign-ins, for brute-force protection. */
    LoginFailureStore loginFailures();

    /**
     * Runs {@code work} in one transaction: all its writes happen, or none do. Calls made on this thread
     * inside {@code work} join the transaction, whichever store they go through. On PostgreSQL a failed
     * statement (e.g. a {@link DuplicateException}) aborts the transaction: let it propagate.
     */
    <T> T inTransaction(Function<Store, T> work);

    /** True when the database answers; for the readiness endpoint. */
    boolean isHealthy();
}
