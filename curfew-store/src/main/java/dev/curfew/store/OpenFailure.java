package dev.curfew.store;

import java.sql.SQLException;
import java.util.Optional;

/** Turns a failure to open a database into a message that tells the operator what to change. */
final class OpenFailure {
    /** H2's error code for a database file that another process holds open (ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private OpenFailure() {}

    static DatabaseException explain(DatabaseConfig config, DatabaseUrl url, Throwable failure) {
        String where = "'" + DatabaseUrl.redact(config.jdbcUrl()) + "'";
        Optional<SQLException> sql = sqlCause(failure);
        String reason = sql.map(Throwable::getMessage).orElse(String.valueOf(failure.getMessage()));
        String state = sql.map(SQLException::getSQLState).orElse("");
        String advice;
        if (url.isH2() && sql.map(SQLException::getErrorCode).orElse(0) == H2_DATABASE_ALREADY_OPEN) {
            advice = "another process has this database open: stop it, or give this one its own data directory";
        } else if (state.startsWith("28")) {
            // SQLSTATE class 28: invalid authorization specification.
            advice = "the database rejected user '" + config.username() + "': check the username and password";
        } else if (state.equals("3D000")) {
            // SQLSTATE 3D000: invalid catalog name, i.e. no such database.
            advice = "the database does not exist: create it (CREATE DATABASE) or correct its name in the URL";
        } else if (state.startsWith("08")) {
            // SQLSTATE class 08: connection exception.
            advice = "check that the database server is running and that the host and port in the URL are right";
        } else if (url.isH2()) {
            advice = "check that the directory exists and is writable, and that the URL is a valid H2 URL";
        } else {
            advice = "check the URL, the server and the credentials";
        }
        return new DatabaseException("cannot open database " + where + ": " + reason + ". Fix: " + advice, failure);
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
