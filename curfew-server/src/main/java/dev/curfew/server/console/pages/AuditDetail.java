package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.engine.json.Json;
import dev.curfew.server.console.view.ConsoleAccess;
import dev.curfew.server.console.view.Frame;
import dev.curfew.server.console.view.When;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An audit entry's {@code detail} as labelled fields instead of JSON: nested objects are flattened, a sign-out's
 * scope (stored as JSON text inside the detail) is read out too, times are shown as the console shows them, and
 * a sign-out id links to that sign-out.
 */
public final class AuditDetail {
    /** Labels for the fields Curfew writes; others are spelled out from their camelCase names. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("signOutId", "Sign-out"),
            Map.entry("scope", "Scope"),
            Map.entry("sessionsEnded", "Sessions ended"),
            Map.entry("userId", "User id"),
            Map.entry("userIds", "User ids"),
            Map.entry("clientId", "Client"),
            Map.entry("sessionIds", "Sessions"),
            Map.entry("deliveryId", "Notification"),
            Map.entry("at", "At"));

    /** One labelled value; {@code link} blank when it links nowhere. */
    public record Field(String label, String value, String link) {}

    private final Frame frame;
    private final ConsoleAccess access;

    AuditDetail(Frame frame) {
        this.frame = frame;
        this.access = frame.access();
    }

    List<Field> fields(JsonNode detail) {
        List<Field> fields = new ArrayList<>();
        if (detail == null || detail.isMissingNode() || detail.isNull()) {
            return fields;
        }
        if (!detail.isObject()) {
            fields.add(new Field("Detail", text(detail), ""));
            return fields;
        }
        add(fields, "", detail);
        return fields;
    }

    private void add(List<Field> fields, String prefix, JsonNode object) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (name.equals("scopeDetail")) {
                // The scope as the sign-out stored it (an object; text in entries of older versions): its type is
                // the "scope" field already shown.
                JsonNode scope = value.isTextual() ? parse(value.asText()) : value.deepCopy();
                if (scope instanceof ObjectNode scopeObject) {
                    scopeObject.remove("type");
                    add(fields, prefix, scopeObject);
                    continue;
                }
            }
            if (value.isObject()) {
                add(fields, prefix + label(name) + ": ", value);
                continue;
            }
            fields.add(new Field(prefix + label(name), shown(name, value), link(name, value)));
        }
    }

    private String link(String name, JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return "";
        }
        return switch (name) {
            case "signOutId" -> access.history() ? frame.path("/sign-outs/" + value.asText()) : "";
            case "userId" -> access.viewUsers() ? frame.path("/users/" + value.asText()) : "";
            default -> "";
        };
    }

    private static String shown(String name, JsonNode value) {
        if (name.equals("at")
                || name.endsWith("At")
                || name.equals("createdAfter")
                || name.equals("createdBefore")
                || name.equals("lastActiveBefore")) {
            When when = When.iso(value.asText());
            if (!when.empty()) {
                return when.shown();
            }
        }
        return text(value);
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            return String.join(", ", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** {@code sessionsEnded} → "Sessions ended". */
    static String label(String name) {
        String known = LABELS.get(name);
        if (known != null) {
            return known;
        }
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
