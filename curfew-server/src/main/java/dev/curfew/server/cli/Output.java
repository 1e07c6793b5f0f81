package dev.curfew.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How the admin commands show what the API answers: JSON as it came, or aligned tables for people. */
final class Output {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Output() {}

    /** The API's JSON, indented. */
    static void json(PrintWriter out, JsonNode node) {
        try {
            out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
        out.flush();
    }

    /** Epoch milliseconds (Keycloak's session times) in UTC, to the second. */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** An ISO-8601 instant from the API in the same form as {@link #time(long)}; blank stays blank. */
    static String time(JsonNode isoInstant) {
        if (!isoInstant.isTextual() || isoInstant.asText().isBlank()) {
            return "";
        }
        return TIME.format(Instant.parse(isoInstant.asText()));
    }

    /** Sessions as the API shows them ({@code UserSessionRepresentation}), one row each. */
    static Table sessions(JsonNode sessions) {
        Table table = new Table("ID", "USER", "IP", "USER AGENT", "STARTED", "LAST ACTIVE", "CLIENTS");
        for (JsonNode s : sessions) {
            List<String> clients = new ArrayList<>();
            s.path("clients").forEach(c -> clients.add(c.asText()));
            table.row(
                    s.path("id").asText(),
                    s.path("username").asText(),
                    s.path("ipAddress").asText(),
                    Table.truncate(s.path("userAgent").asText(), 40),
                    time(s.path("start").asLong()),
                    time(s.path("lastAccess").asLong()),
                    String.join(",", clients));
        }
        return table;
    }

    /**
     * A sign-out's scope in a few words: {@code user bob}, {@code client my-app},
     * {@code sessions matching users bob; ip 203.0.113.0/24}.
     */
    static String scope(JsonNode scope) {
        String type = scope.path("type").asText();
        return switch (type) {
            case "user" ->
                "user " + scope.path("username").asText(scope.path("userId").asText());
            case "client" ->
                "client " + scope.path("clientId").asText(scope.path("id").asText());
            case "session" ->
                scope.path("sessionIds").size() == 1
                        ? "session " + scope.path("sessionIds").get(0).asText()
                        : scope.path("sessionIds").size() + " sessions";
            case "filter" -> "sessions matching " + filter(scope.path("filter"));
            case "realm" -> "every session";
            default -> type;
        };
    }

    /**
     * A filter as the administrator wrote it: each condition with its value, users by username where the API
     * names them (else by id), a client by its clientId, not the internal ids that go with them.
     */
    static String filter(JsonNode filter) {
        List<String> parts = new ArrayList<>();
        filter.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "userIds" -> {
                    List<String> users = new ArrayList<>();
                    value.forEach(id ->
                            users.add(filter.path("usernames").path(id.asText()).asText(id.asText())));
                    parts.add((users.size() == 1 ? "user " : "users ") + String.join(", ", users));
                }
                case "usernames", "id", "ipRange" -> {}
                default -> {
                    List<String> values = new ArrayList<>();
                    if (value.isArray()) {
                        value.forEach(v -> values.add(v.asText()));
                    } else {
                        values.add(value.asText());
                    }
                    parts.add(name + " " + String.join(", ", values));
                }
            }
        });
        return String.join("; ", parts);
    }

    /** "1 session", "2 sessions". */
    static String sessionsCount(long n) {
        return count(n, "session", "sessions");
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
