package dev.curfew.server.console.api;

import java.util.List;

/**
 * An admin API call the server refused, with its RFC 9457 problem: shown to the administrator as it is,
 * so the console never claims more (or less) than the server decided.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<String> invalidParams;

    public ApiException(int status, String title, String detail, List<String> invalidParams) {
        super(detail);
        this.status = status;
        this.title = title;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Each bad field as "name: reason". */
    public List<String> invalidParams() {
        return invalidParams;
    }
}
