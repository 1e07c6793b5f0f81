package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sign-out in the console takes the same three steps: a preview (a dry run: how many sessions, and
 * some of them), a confirmation form with a mandatory reason and a confirmation naming the scope (for the
 * whole realm, its name typed out), then the result, which is the sign-out's entry in the history.
 */
public final class SignOutPages {
    static final String DRY_RUN_REASON = "Preview in the admin console";

    /**
     * A history entry as a table row; {@code error} blank unless it FAILED, {@code runAt} empty unless it was
     * planned.
     */
    public record Entry(
            String id,
            When at,
            String scope,
            String reason,
            long affected,
            String status,
            String actor,
            String privilege,
            When completedAt,
            String requestId,
            String error,
            When runAt) {

        /** Still waiting for its time: it can be cancelled. */
        public boolean scheduled() {
            return status.equals("SCHEDULED");
        }

        static Entry of(JsonNode s) {
            return new Entry(
                    s.path("id").asText(),
                    When.iso(s.path("createdAt").asText()),
                    describeScope(s.path("scope")),
                    s.path("reason").asText(),
                    s.path("affectedSessions").asLong(),
                    s.path("status").asText(),
                    s.path("actor").path("username").asText(),
                    s.path("privilege").asText(),
                    When.iso(s.path("completedAt").asText("")),
                    s.path("requestId").asText(),
                    s.path("error").asText(""),
                    When.iso(s.path("runAt").asText("")));
        }
    }

    /** One receiver's line of a sign-out's back-channel logout tokens. */
    public record DestinationLine(
            String destination,
            String clientId,
            String clientPageId,
            long queued,
            long delivered,
            long dead,
            String lastError) {
        /** @param clientPageId the client's internal id for a link to its page; blank for no link */
        static DestinationLine of(JsonNode d, String clientPageId) {
            return new DestinationLine(
                    d.path("destination").asText(),
                    d.path("clientId").asText(),
                    clientPageId,
                    d.path("queued").asLong(),
                    d.path("delivered").asLong(),
                    d.path("dead").asLong(),
                    d.path("lastError").asText(""));
        }
    }

    /** GET {@code .../sign-outs/new}: the dry run and the confirmation form. */
    public void preview(ConsoleRequest r) {
        SignOutRequest request = SignOutRequest.from(r);
        renderPreview(r, request, 200, "", "");
    }

    /** POST {@code .../sign-outs}: checks the confirmation, signs out, and shows the result (PRG). */
    public void create(ConsoleRequest r) {
        SignOutRequest request = SignOutRequest.from(r);
        String reason = r.form("reason");
        String error = "";
        if (request.type().equals("realm")) {
            if (!r.form("confirmRealm").equals(r.realm())) {
                error = "Type the realm name, " + r.realm() + ", to confirm signing out everyone.";
            }
        } else if (!r.form("confirm").equals("yes")) {
            error = "Tick the confirmation to sign out these sessions.";
        }
        if (error.isEmpty() && reason.isBlank()) {
            error = "Give a reason: it is recorded in the sign-out history and the audit log.";
        }
        if (!error.isEmpty() || !request.problem().isEmpty()) {
            renderPreview(r, request, 400, error, reason);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", request.apiScope());
        body.put("reason", reason);
        JsonNode done = r.post(r.api("/sign-outs"), body);
        long affected = done.path("affectedSessions").asLong();
        if (done.path("status").asText().equals("RUNNING")) {
            // Realm, client and user sign-outs are in force at once (a cut-off); the sessions they ended are
            // removed afterwards, and the count grows until the sign-out is COMPLETED.
            r.flash("Signed out " + describeScope(done.path("scope"))
                    + ": in force now. The sessions are being removed; reload for the final count.");
        } else {
            r.flash("Signed out " + affected + (affected == 1 ? " session" : " sessions") + " ("
                    + describeScope(done.path("scope")) + ").");
        }
        r.redirect(Paths.realm(r.realm()) + "/sign-outs/"
                + Paths.encode(done.path("id").asText()));
    }

    /** GET {@code .../sign-outs/{id}}: one sign-out, as the history records it. */
    public void result(ConsoleRequest r) {
        JsonNode s = r.get(r.api("/sign-outs/" + Paths.encode(r.ctx().pathParam("id"))));
        Map<String, Object> model = new HashMap<>();
        model.put("entry", Entry.of(s));
        model.put("cutOff", When.iso(s.path("cutOff").asText("")));
        List<DestinationLine> deliveries = new ArrayList<>();
        if (r.access().deliveries()) {
            for (JsonNode d :
                    r.get(r.api("/sign-outs/" + Paths.encode(s.path("id").asText()) + "/deliveries"))) {
                deliveries.add(
                        DestinationLine.of(d, clientPageId(r, d.path("clientId").asText())));
            }
        }
        model.put("showDeliveries", r.access().deliveries());
        model.put("deliveries", deliveries);
        r.render(
                "console/signout-result.jte", r.frame("Sign-out " + s.path("id").asText(), "history"), model);
    }

    /** The internal id of the client with this {@code clientId}, for a link; blank when it cannot be shown. */
    private static String clientPageId(ConsoleRequest r, String clientId) {
        return r.access().viewClients() ? ClientPages.internalId(r, clientId).orElse("") : "";
    }

    /**
     * POST {@code .../sign-outs/{id}/cancel}: cancels a planned sign-out and goes back to the history (PRG). One
     * that started meanwhile is the API's 409, shown as an error page.
     */
    public void cancel(ConsoleRequest r) {
        String id = r.ctx().pathParam("id");
        JsonNode cancelled = r.post(r.api("/sign-outs/" + Paths.encode(id) + "/cancel"), Map.of());
        r.flash("Cancelled the sign-out of " + describeScope(cancelled.path("scope")) + " planned for "
                + When.iso(cancelled.path("runAt").asText("")).shown() + ": it will not run.");
        r.redirect(Paths.realm(r.realm()) + "/sign-outs");
    }

    /** GET {@code .../sign-outs}: the history, newest first. */
    public void history(ConsoleRequest r) {
        ConsolePaging paging = ConsolePaging.from(r, 25);
        JsonNode page = r.get(r.api("/sign-outs") + "?first=" + paging.first() + "&max=" + paging.max());
        List<Entry> entries = new ArrayList<>();
        page.path("signOuts").forEach(s -> entries.add(Entry.of(s)));
        Map<String, Object> model = new HashMap<>();
        model.put("entries", entries);
        model.put("paging", paging.withTotal(page.path("total").asLong(), Map.of()));
        r.render("console/history.jte", r.frame("Sign-out history", "history"), model);
    }

    private static void renderPreview(
            ConsoleRequest r, SignOutRequest request, int status, String error, String reason) {
        Map<String, Object> model = new HashMap<>();
        model.put("request", request);
        model.put("error", error);
        model.put("reason", reason);
        model.put("problem", request.problem());
        model.put("count", 0L);
        model.put("sample", List.of());
        model.put("scopeText", "");
        if (request.problem().isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scope", request.apiScope());
            body.put("reason", DRY_RUN_REASON);
            body.put("dryRun", true);
            JsonNode preview = r.post(r.api("/sign-outs"), body);
            model.put("count", preview.path("affectedSessions").asLong());
            model.put("sample", SessionRow.all(preview.path("sample")));
            String scopeText = request.type().equals("filter")
                    ? "all sessions matching " + request.search().describe()
                    : describeScope(preview.path("scope"));
            model.put("scopeText", scopeText);
        }
        r.render(status, "console/signout-preview.jte", r.frame("Sign out", "sessions"), model);
    }

    /** A scope as the history records it, in words. */
    static String describeScope(JsonNode scope) {
        return switch (scope.path("type").asText()) {
            case "realm" -> "everyone in realm " + scope.path("realm").asText();
            case "user" ->
                "all sessions of user "
                        + scope.path("username").asText(scope.path("userId").asText());
            case "client" ->
                "all sessions of client "
                        + scope.path("clientId").asText(scope.path("id").asText());
            case "session" -> {
                int n = scope.path("sessionIds").size();
                yield n == 1 ? "1 selected session" : n + " selected sessions";
            }
            case "filter" -> "sessions matching " + filterWords(scope.path("filter"));
            default -> scope.path("type").asText();
        };
    }

    private static String filterWords(JsonNode filter) {
        List<String> parts = new ArrayList<>();
        filter.fieldNames().forEachRemaining(name -> {
            if (name.equals("id") || name.equals("usernames")) {
                return;
            }
            JsonNode v = filter.path(name);
            if (name.equals("userIds")) {
                List<String> users = new ArrayList<>();
                v.forEach(id ->
                        users.add(filter.path("usernames").path(id.asText()).asText(id.asText())));
                parts.add("users " + String.join(", ", users));
                return;
            }
            parts.add(name + " " + (v.isArray() ? String.join(", ", texts(v)) : v.asText()));
        });
        return String.join("; ", parts);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
