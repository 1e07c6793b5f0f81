package dev.curfew.core.store;

/** A create would break a uniqueness rule (realm name, username, clientId...). */
public class DuplicateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateException(String message, Throwable cause) {
        super(message, cause);
    }

    public DuplicateException(String message) {
        super(message);
    }
}
