package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The realm's audit log with its filters, and whether its hash chain verifies. */
public final class AuditPage {
    static final int PAGE_SIZE = 50;

    /** One entry of the log. */
    public record Row(
            long seq,
            String at,
            String actor,
            String privilege,
            String action,
            String reason,
            String affected,
            String detail,
            String requestId) {
        static Row of(JsonNode e) {
            return new Row(
                    e.path("seq").asLong(),
                    Times.iso(e.path("at").asText()),
                    e.path("actor").path("username").asText(),
                    e.path("privilege").asText(),
                    e.path("action").asText(),
                    e.path("reason").asText(""),
                    AuditPage.affected(e),
                    e.path("detail").isMissingNode() ? "" : e.path("detail").toString(),
                    e.path("requestId").asText(""));
        }
    }

    /**
     * A realm, client or user sign-out is audited before its sessions are counted: its row shows the sign-out's
     * count as it stands now, or "pending" while it runs.
     */
    static String affected(JsonNode entry) {
        JsonNode signOut = entry.path("signOut");
        if (signOut.isObject()) {
            return "RUNNING".equals(signOut.path("status").asText())
                    ? "pending"
                    : Long.toString(signOut.path("affectedSessions").asLong());
        }
        return Long.toString(entry.path("affected").asLong());
    }

    /** The chain verification, as shown. */
    public record Verification(boolean intact, long checked, String problem) {}

    public void show(ConsoleRequest r) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("actor", r.query("actor"));
        filters.put("action", r.query("action"));
        filters.put("from", r.query("from"));
        filters.put("to", r.query("to"));
        Paging paging = Paging.from(r, PAGE_SIZE);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("actor", filters.get("actor"));
        query.put("action", filters.get("action"));
        query.put("from", SessionSearch.instant(filters.get("from")));
        query.put("to", SessionSearch.instant(filters.get("to")));
        query.put("first", Integer.toString(paging.first()));
        query.put("max", Integer.toString(PAGE_SIZE));
        JsonNode page = r.get(AdminApiClient.withQuery(r.api("/audit"), query));
        List<Row> rows = new ArrayList<>();
        page.path("entries").forEach(e -> rows.add(Row.of(e)));
        JsonNode v = r.get(r.api("/audit/verification"));
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("rows", rows);
        model.put(
                "verification",
                new Verification(
                        v.path("intact").asBoolean(),
                        v.path("entriesChecked").asLong(),
                        v.path("intact").asBoolean()
                                ? ""
                                : "Entry " + v.path("firstBrokenSeq").asText() + ": "
                                        + v.path("problem").asText()));
        Map<String, String> keep = new LinkedHashMap<>();
        filters.forEach((k, val) -> {
            if (!val.isBlank()) {
                keep.put(k, val);
            }
        });
        model.put("paging", paging.withTotal(page.path("total").asLong(), keep));
        r.render("console/audit.jte", r.frame("Audit log", "audit"), model);
    }
}
