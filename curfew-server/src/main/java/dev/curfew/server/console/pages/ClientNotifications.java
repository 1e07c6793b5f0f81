package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery status of the notifications (back-channel logout tokens) to one client: how many are queued,
 * delivered and dead, and the dead and waiting ones with their last error.
 *
 * <p>The deliveries API lists a realm's notifications by status only; it cannot filter by client. So the
 * console reads each status list in pages of {@value #API_PAGE} and keeps this client's rows, reading at most
 * {@value #MAX_PAGES} pages per status: beyond that the counts are marked as counted among the newest rows
 * only ({@link #partial}). Delivered rows are removed by housekeeping after 7 days, so "delivered" counts
 * the recent ones.
 *
 * @param partial some status had more rows than were read: the counts are lower bounds
 * @param scanned rows read per status at most, for the note shown when {@code partial}
 */
public record ClientNotifications(
        boolean shown,
        long queued,
        long delivered,
        long dead,
        boolean partial,
        int scanned,
        List<Notice> deadOnes,
        List<Notice> waiting) {

    static final int API_PAGE = 1000;
    static final int MAX_PAGES = 5;
    /** Rows listed in each table; the counts cover all that were read. */
    static final int LISTED = 50;

    /** For an administrator who may not see deliveries: the section is left out. */
    public static final ClientNotifications NONE =
            new ClientNotifications(false, 0, 0, 0, false, 0, List.of(), List.of());

    /** One notification as a table row. */
    public record Notice(
            String id,
            String destination,
            int attempts,
            String lastError,
            String created,
            String nextAttempt,
            String signOutId) {
        static Notice of(JsonNode d) {
            return new Notice(
                    d.path("id").asText(),
                    d.path("destination").asText(),
                    d.path("attempts").asInt(),
                    d.path("lastError").asText(""),
                    Times.millis(d.path("createdAt").asLong()),
                    Times.millis(d.path("nextAttemptAt").asLong()),
                    d.path("signOutId").asText(""));
        }
    }

    static ClientNotifications of(ConsoleRequest r, String clientId) {
        Read queued = read(r, "QUEUED", clientId);
        Read delivered = read(r, "DELIVERED", clientId);
        Read dead = read(r, "DEAD", clientId);
        return new ClientNotifications(
                true,
                queued.rows().size(),
                delivered.rows().size(),
                dead.rows().size(),
                queued.partial() || delivered.partial() || dead.partial(),
                API_PAGE * MAX_PAGES,
                dead.rows().stream().limit(LISTED).map(Notice::of).toList(),
                queued.rows().stream().limit(LISTED).map(Notice::of).toList());
    }

    private record Read(List<JsonNode> rows, boolean partial) {}

    /** This client's rows of one status, newest first, from at most {@link #MAX_PAGES} pages of the realm's. */
    private static Read read(ConsoleRequest r, String status, String clientId) {
        List<JsonNode> rows = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
            query.put("first", Integer.toString(page * API_PAGE));
            query.put("max", Integer.toString(API_PAGE));
            JsonNode list = r.get(AdminApiClient.withQuery(r.api("/deliveries"), query));
            for (JsonNode d : list) {
                if (d.path("clientId").asText().equals(clientId)) {
                    rows.add(d);
                }
            }
            if (list.size() < API_PAGE) {
                return new Read(rows, false);
            }
        }
        return new Read(rows, true);
    }

    public boolean any() {
        return queued + delivered + dead > 0;
    }
}
