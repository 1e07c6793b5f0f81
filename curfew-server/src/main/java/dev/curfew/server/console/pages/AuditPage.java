package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Frame;
import dev.curfew.server.console.view.UtcInput;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The realm's audit log with its filters, and whether its hash chain verifies. */
public final class AuditPage {
    static final int PAGE_SIZE = 50;

    /** One entry of the log. */
    public record Row(
            long seq,
            When at,
            String actor,
            String privilege,
            String action,
            String reason,
            String affected,
            List<AuditDetail.Field> detail,
            String requestId) {
        static Row of(JsonNode e, AuditDetail details) {
            return new Row(
                    e.path("seq").asLong(),
                    When.iso(e.path("at").asText()),
                    e.path("actor").path("username").asText(),
                    e.path("privilege").asText(),
                    e.path("action").asText(),
                    e.path("reason").asText(""),
                    AuditPage.affected(e),
                    details.fields(e.path("detail")),
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
        FieldErrors errors = FieldErrors.NONE;
        for (String time : List.of("from", "to")) {
            Optional<String> problem = UtcInput.problem(filters.get(time));
            if (problem.isPresent()) {
                errors = errors.with(time, problem.get());
            }
        }
        Frame frame = r.frame("Audit log", "audit");
        ConsolePaging paging = ConsolePaging.from(r, PAGE_SIZE);
        List<Row> rows = new ArrayList<>();
        long total = 0;
        if (!errors.any()) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("actor", filters.get("actor"));
            query.put("action", filters.get("action"));
            query.put("from", UtcInput.api(filters.get("from")));
            query.put("to", UtcInput.api(filters.get("to")));
            query.put("first", Integer.toString(paging.first()));
            query.put("max", Integer.toString(PAGE_SIZE));
            JsonNode page = r.get(AdminApiClient.withQuery(r.api("/audit"), query));
            AuditDetail details = new AuditDetail(frame);
            page.path("entries").forEach(e -> rows.add(Row.of(e, details)));
            total = page.path("total").asLong();
        }
        JsonNode v = r.get(r.api("/audit/verification"));
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("errors", errors);
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
        model.put("paging", paging.withTotal(total, keep));
        r.render(errors.any() ? 400 : 200, "console/audit.jte", frame, model);
    }
}
