package dev.curfew.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure of the database's reachability — stopped, restarting, the network cut, no connection free within
 * the pool's timeout — from every other failure: the former passes by itself, and callers are told to retry.
 */
public final class DatabaseUnreachable {
    /** SQLSTATE class 08: connection exception (SQL standard; PostgreSQL Appendix A). */
    private static final String CONNECTION_EXCEPTION = "08";

    /**
     * PostgreSQL's 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or stopping) and
     * 57P05 idle_session_timeout (PostgreSQL Appendix A).
     */
    private static final String SHUTDOWN_PREFIX = "57P0";

    private DatabaseUnreachable() {}

    /** Whether {@code failure}, or anything that caused it, says the database cannot be reached now. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(SHUTDOWN_PREFIX)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
