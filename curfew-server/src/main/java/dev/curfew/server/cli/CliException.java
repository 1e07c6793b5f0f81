package dev.curfew.server.cli;

import java.util.List;

/**
 * A failure the command line reports on stderr and turns into an exit code: a message for people and,
 * from an RFC 9457 problem, each invalid field on its own line.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> details;

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    CliException(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> details() {
        return details;
    }
}
