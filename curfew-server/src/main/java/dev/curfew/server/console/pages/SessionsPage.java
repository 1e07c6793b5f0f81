package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.SessionRow;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session search: every filter of {@code GET /admin/realms/{realm}/sessions}, paged. An administrator
 * who may sign out selects sessions (or takes all that match) and goes on to the sign-out preview.
 */
public final class SessionsPage {
    static final int PAGE_SIZE = 25;

    public void show(ConsoleRequest r) {
        SessionSearch search = SessionSearch.from(r.ctx());
        FieldErrors errors = search.problems();
        ConsolePaging paging = ConsolePaging.from(r, PAGE_SIZE);
        Map<String, Object> model = new HashMap<>();
        model.put("errors", errors);
        if (errors.any()) {
            model.put("search", search);
            model.put("sessions", List.of());
            model.put("total", 0L);
            model.put("paging", paging.withTotal(0, Map.of()));
            model.put("sharing", SharingPanel.OFF);
            r.render(400, "console/sessions.jte", r.frame("Sessions", "sessions"), model);
            return;
        }
        search = search.resolve(r);
        Map<String, Object> query = new LinkedHashMap<>(search.apiQuery());
        query.put("first", Integer.toString(paging.first()));
        query.put("max", Integer.toString(PAGE_SIZE));
        JsonNode page = r.get(AdminApiClient.withQuery(r.api("/sessions"), query));
        model.put("search", search);
        model.put("sessions", SessionRow.all(page.path("sessions")));
        model.put("total", page.path("total").asLong());
        model.put("paging", paging.withTotal(page.path("total").asLong(), search.fields()));
        model.put("sharing", paging.first() == 0 ? SharingPanel.load(r) : SharingPanel.OFF);
        r.render("console/sessions.jte", r.frame("Sessions", "sessions"), model);
    }
}
