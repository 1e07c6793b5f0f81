package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery status of the notifications (back-channel logout tokens) to one client: how many are queued,
 * delivered and dead, and the newest dead and waiting ones with their last error. Delivered rows are removed
 * by housekeeping after 7 days, so "delivered" counts the recent ones.
 */
public record ClientNotifications(
        boolean shown, long queued, long delivered, long dead, List<Notice> deadOnes, List<Notice> waiting) {

    /** Rows listed in each table. */
    static final int LISTED = 50;

    /** For an administrator who may not see deliveries: the section is left out. */
    public static final ClientNotifications NONE = new ClientNotifications(false, 0, 0, 0, List.of(), List.of());

    /** One notification as a table row. */
    public record Notice(
            String id,
            String destination,
            int attempts,
            String lastError,
            When created,
            When nextAttempt,
            String signOutId) {
        static Notice of(JsonNode d) {
            return new Notice(
                    d.path("id").asText(),
                    d.path("destination").asText(),
                    d.path("attempts").asInt(),
                    d.path("lastError").asText(""),
                    When.millis(d.path("createdAt").asLong()),
                    When.millis(d.path("nextAttemptAt").asLong()),
                    d.path("signOutId").asText(""));
        }
    }

    static ClientNotifications of(ConsoleRequest r, String clientId) {
        JsonNode counts = r.get(AdminApiClient.withQuery(r.api("/deliveries/counts"), Map.of("clientId", clientId)));
        return new ClientNotifications(
                true,
                counts.path("queued").asLong(),
                counts.path("delivered").asLong(),
                counts.path("dead").asLong(),
                newest(r, "DEAD", clientId),
                newest(r, "QUEUED", clientId));
    }

    /** This client's newest {@link #LISTED} rows of one status. */
    private static List<Notice> newest(ConsoleRequest r, String status, String clientId) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("clientId", clientId);
        query.put("max", Integer.toString(LISTED));
        List<Notice> rows = new ArrayList<>();
        for (JsonNode d : r.get(AdminApiClient.withQuery(r.api("/deliveries"), query))) {
            rows.add(Notice.of(d));
        }
        return rows;
    }

    public boolean any() {
        return queued + delivered + dead > 0;
    }
}
