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

    /** Each realm's maintenance window. */
    MaintenanceStore maintenance();

    /** Groups of users, and their members. */
    GroupStore groups();

    ClientStore clients();

    SessionStore sessions();

    TokenStore tokens();

    KeyStore keys();

    PrivilegeStore privileges();

    RevocationStore revocations();

    SignOutStore signOuts();

    SignOutScheduleStore signOutSchedules();

    AuditStore audit();

    /** Notifications to deliver (back-channel logout tokens), written in the transaction that causes them. */
    OutboxStore outbox();

    /** The number of active sessions over time, per realm, recorded by housekeeping. */
    SessionStatsStore sessionStats();

    /** Shared Signals streams, their excluded subjects and their queues of SETs. */
    SsfStore ssf();

    /** Users' failed sign-ins, for brute-force protection. */
    LoginFailureStore loginFailures();

    /** Users' TOTP authenticators and recovery codes (two-factor authentication). */
    OtpStore otp();

    /** The consoles' sessions and sign-ins in progress, so that any node serves any browser. */
    ConsoleSessionStore consoleSessions();

    /**
     * Runs {@code work} in one transaction: all its writes happen, or none do. Calls made on this thread
     * inside {@code work} join the transaction, whichever store they go through. On PostgreSQL a failed
     * statement (e.g. a {@link DuplicateException}) aborts the transaction: let it propagate.
     */
    <T> T inTransaction(Function<Store, T> work);

    /**
     * Runs {@code action} once the transaction this store belongs to has committed, and never if it rolls back:
     * how what a transaction changed reaches what lives outside the database (waking the delivery dispatcher and
     * Shared Signals long polls, the in-memory revocation state) without anyone hearing of a change that did not
     * happen. Call it on the store {@link #inTransaction} hands its work. Outside a transaction every call has
     * already committed, so {@code action} runs at once. An action that throws is logged and does not undo the
     * commit nor stop the actions registered after it.
     */
    void afterCommit(Runnable action);

    /** True when the database answers; for the readiness endpoint. */
    boolean isHealthy();
}
