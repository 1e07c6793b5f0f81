package dev.curfew.store;

/**
 * The database cannot be used: unsupported URL, unreachable server, rejected credentials, failed
 * migration. The message says what is wrong and how to fix it, so that it can be shown to an operator
 * as it is.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
