package dev.curfew.server.cli;

/** The exit codes of the admin commands, for scripts: each failure has its own. */
public final class ExitCode {
    public static final int OK = 0;
    /**
     * A check did not pass: the audit chain is broken, or the person at the terminal did not confirm a realm-wide
     * sign-out (typed another name than the realm's).
     */
    public static final int CHECK_FAILED = 1;
    /**
     * Wrong flags or arguments (picocli's own code for invalid input), and what the flags given cannot do where the
     * command runs: no password available, or a realm-wide sign-out without {@code --yes} and no terminal to
     * confirm it on — a script must say {@code --yes}, as it must give a password.
     */
    public static final int USAGE = 2;
    /** The server refused the credentials (401, or the token endpoint's invalid_grant). */
    public static final int AUTHENTICATION_FAILED = 3;
    /** The administrator lacks the privilege (403). */
    public static final int FORBIDDEN = 4;
    /** No such realm, user, session or sign-out (404). */
    public static final int NOT_FOUND = 5;
    /** Any other answer the API refused with (400, 409, 500...). */
    public static final int API_ERROR = 6;
    /** The server could not be reached. */
    public static final int CANNOT_CONNECT = 7;

    private ExitCode() {}
}
