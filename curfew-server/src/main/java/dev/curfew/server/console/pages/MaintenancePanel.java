package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.UtcInput;
import dev.curfew.server.console.view.When;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The realm settings page's maintenance window ({@code /admin/realms/{realm}/maintenance}): the one in force or
 * planned, ending it, and opening one with a message for the users, an optional end, and a reason. New sign-ins are
 * refused while it holds, the realm's administrators excepted; existing sessions go on.
 *
 * @param present whether the realm has a window
 * @param inForce whether it holds now (it may also be planned for later)
 */
public record MaintenancePanel(
        boolean present, boolean inForce, String message, String start, String end, Form form, FieldErrors errors) {

    /** What was typed in the form to open one, kept when it is refused. */
    public record Form(String message, String end, String reason) {
        static final Form BLANK = new Form("", "", "");
    }

    static MaintenancePanel load(ConsoleRequest r, Form form, FieldErrors errors) {
        try {
            JsonNode w = r.get(r.api("/maintenance"));
            return new MaintenancePanel(
                    true,
                    w.path("inForce").asBoolean(),
                    w.path("message").asText(),
                    When.iso(w.path("start").asText()).shown(),
                    w.path("end").isMissingNode() || w.path("end").isNull()
                            ? ""
                            : When.iso(w.path("end").asText()).shown(),
                    form,
                    errors);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return new MaintenancePanel(false, false, "", "", "", form, errors);
        }
    }

    /** POST {@code .../settings/maintenance}: opens a window now, until the end given (or until it is ended). */
    static void start(ConsoleRequest r, Renderer settings) {
        Form form = new Form(r.form("message"), r.form("end"), r.form("reason"));
        FieldErrors errors = FieldErrors.NONE;
        if (form.message().isBlank()) {
            errors = errors.with("message", "Say what users are told while sign-ins are paused.");
        }
        if (form.reason().isBlank()) {
            errors = errors.with("reason", "Give a reason: it is recorded in the audit log.");
        }
        if (UtcInput.problem(form.end()).isPresent()) {
            errors = errors.with("end", UtcInput.problem(form.end()).get());
        }
        if (!errors.any()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", form.message());
            body.put("reason", form.reason());
            if (!form.end().isBlank()) {
                body.put("end", UtcInput.api(form.end()));
            }
            try {
                r.put(r.api("/maintenance"), body);
                r.flash("Maintenance window open: new sign-ins are paused.");
                r.redirect(Paths.realm(r.realm()) + "/settings");
                return;
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                errors = FieldErrors.refused(
                        e, f -> List.of("message", "end", "reason").contains(f) ? f : "");
            }
        }
        settings.render(r, 400, form, errors);
    }

    /** POST {@code .../settings/maintenance/end}: ends the window now, with the reason. */
    static void end(ConsoleRequest r) {
        String reason = r.form("reason").isBlank() ? "Maintenance over" : r.form("reason");
        r.delete(r.api("/maintenance?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8)));
        r.flash("Maintenance window ended: sign-ins are open again.");
        r.redirect(Paths.realm(r.realm()) + "/settings");
    }

    /** Renders the settings page with the maintenance form as it was sent. */
    interface Renderer {
        void render(ConsoleRequest r, int status, Form form, FieldErrors errors);
    }
}
