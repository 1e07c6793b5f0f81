package dev.curfew.server.console.view;

import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.api.ApiException.InvalidParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's objections to a form, by form field, so each reason is shown next to its field (and the field
 * marked invalid for assistive technology); objections to fields the form does not have are listed above it.
 */
public record FieldErrors(Map<String, List<String>> byField, List<String> other) {
    public static final FieldErrors NONE = new FieldErrors(Map.of(), List.of());

    /** {@code redirectUris[1]}: the second entry of a list the form shows one per line. */
    private static final Pattern INDEXED = Pattern.compile(".*\\[(\\d+)]$");

    public FieldErrors {
        byField = Map.copyOf(byField);
        other = List.copyOf(other);
    }

    /** @param formField the form field of an API field name; blank when the form has none */
    public static FieldErrors of(List<InvalidParam> params, UnaryOperator<String> formField) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (InvalidParam p : params) {
            String field = formField.apply(p.name());
            if (field.isBlank()) {
                other.add(p.name() + ": " + p.reason());
                continue;
            }
            Matcher indexed = INDEXED.matcher(p.name());
            String reason = indexed.matches()
                    ? "entry " + (Integer.parseInt(indexed.group(1)) + 1) + ": " + p.reason()
                    : p.reason();
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(reason);
        }
        return new FieldErrors(byField, other);
    }

    /**
     * The API's refusal of a form: its {@code invalid-params} by field, and its {@code detail} above the form
     * when no field is named (say, "You cannot delete your own administrator account").
     */
    public static FieldErrors refused(ApiException refusal, UnaryOperator<String> formField) {
        FieldErrors errors = of(refusal.fields(), formField);
        if (refusal.fields().isEmpty()) {
            return new FieldErrors(errors.byField(), List.of(refusal.detail()));
        }
        return errors;
    }

    /** This, with one more reason for {@code field}: for what the console checks before calling the API. */
    public FieldErrors with(String field, String reason) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        byField.forEach((f, reasons) -> all.put(f, new ArrayList<>(reasons)));
        all.computeIfAbsent(field, f -> new ArrayList<>()).add(reason);
        return new FieldErrors(all, other);
    }

    public boolean any() {
        return !byField.isEmpty() || !other.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The reasons for one field, joined; blank when it has none. */
    public String of(String field) {
        return String.join("; ", byField.getOrDefault(field, List.of()));
    }

    /** For {@code aria-invalid}: "true", or null so the attribute is left out. */
    public String invalid(String field) {
        return has(field) ? "true" : null;
    }

    /** For {@code aria-describedby}: the error's id (and the field's hint, if any), or the hint alone. */
    public String describedBy(String field, String errorId, String hintId) {
        if (has(field)) {
            return hintId == null ? errorId : errorId + " " + hintId;
        }
        return hintId;
    }
}
