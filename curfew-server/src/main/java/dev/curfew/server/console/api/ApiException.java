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
    private final transient List<InvalidParam> invalidParams;

    /** One bad field of the request, as the problem's {@code invalid-params} names it (e.g. {@code redirectUris[1]}). */
    public record InvalidParam(String name, String reason) {}

    public ApiException(int status, String title, String detail, List<InvalidParam> invalidParams) {
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
        return invalidParams.stream().map(p -> p.name() + ": " + p.reason()).toList();
    }

    /** Each bad field, by name, for forms that show the reason next to the field. */
    public List<InvalidParam> fields() {
        return invalidParams;
    }
}
