package dev.curfew.server.admin;

import dev.curfew.server.http.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what is wrong with a request, field by field, so one answer names every bad field (RFC 9457
 * {@code invalid-params}) instead of making the caller fix them one round trip at a time.
 */
public final class FieldProblems {
    private final List<Map<String, String>> fields = new ArrayList<>();

    public FieldProblems add(String field, String reason) {
        fields.add(Problem.field(field, reason));
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @throws Problem a 400 naming every collected field, if there is any */
    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw Problem.invalid(fields);
        }
    }

    /** A 400 naming one field. */
    public static Problem single(String field, String reason) {
        return Problem.invalid(List.of(Problem.field(field, reason)));
    }
}
