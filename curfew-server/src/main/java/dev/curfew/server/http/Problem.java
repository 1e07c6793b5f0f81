package dev.curfew.server.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An admin API failure, answered as RFC 9457 problem details ({@code application/problem+json}).
 * {@code detail} is shown to the caller, so it never holds secrets or internals.
 *
 * @param invalidParams the request fields that were wrong, each with the reason
 */
public class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<Map<String, String>> invalidParams;
    private final String challenge;

    public Problem(int status, String title, String detail, List<Map<String, String>> invalidParams) {
        this(status, title, detail, invalidParams, null);
    }

    private Problem(
            int status, String title, String detail, List<Map<String, String>> invalidParams, String challenge) {
        super(detail);
        this.status = status;
        this.title = title;
        this.invalidParams = List.copyOf(invalidParams);
        this.challenge = challenge;
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
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

    public List<Map<String, String>> invalidParams() {
        return invalidParams;
    }

    /** The {@code WWW-Authenticate} challenge a 401 carries (RFC 9110 §11.6.1), if this is one. */
    public Optional<String> challenge() {
        return Optional.ofNullable(challenge);
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad Request", detail);
    }

    /** A 400 naming each invalid field: {@code invalid("email", "must contain @", ...)} in pairs. */
    public static Problem invalid(List<Map<String, String>> fields) {
        String detail = fields.size() == 1
                ? "Invalid field '" + fields.get(0).get("name") + "': "
                        + fields.get(0).get("reason")
                : "The request has " + fields.size() + " invalid fields";
        return new Problem(400, "Invalid request", detail, fields);
    }

    public static Map<String, String> field(String name, String reason) {
        // Ordered, so an answer reads name first, as RFC 9457 §3's example of invalid-params does.
        Map<String, String> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("reason", reason);
        return Collections.unmodifiableMap(field);
    }

    /** A 401 with the {@code WWW-Authenticate} challenge that says how to authenticate. */
    public static Problem unauthorized(String detail, String challenge) {
        return new Problem(401, "Unauthorized", detail, List.of(), challenge);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }
}
