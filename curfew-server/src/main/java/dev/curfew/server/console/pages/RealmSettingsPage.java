package dev.curfew.server.console.pages;

import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Realm settings: display name, enabled, token and session lifetimes (with the advice to keep access tokens
 * short, since a token a service validates locally works until it expires whatever happens to its session),
 * the way to sign out everyone in the realm, and to delete it.
 */
public final class RealmSettingsPage {

    public void show(ConsoleRequest r) {
        render(r, 200, RealmForm.of(r.get(r.api(""))), FieldErrors.NONE);
    }

    public void update(ConsoleRequest r) {
        RealmForm form = RealmForm.of(r);
        FieldErrors problems = form.problems();
        if (problems.any()) {
            render(r, 400, form, problems);
            return;
        }
        try {
            r.put(r.api(""), form.body(false));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, form, FieldErrors.refused(e, RealmForm::formField));
            return;
        }
        r.flash("Realm settings saved.");
        r.redirect(Paths.realm(r.realm()) + "/settings");
    }

    /** POST {@code .../settings/maintenance}. */
    public void startMaintenance(ConsoleRequest r) {
        MaintenancePanel.start(
                r,
                (req, status, form, errors) -> render(
                        req,
                        status,
                        RealmForm.of(req.get(req.api(""))),
                        FieldErrors.NONE,
                        MaintenancePanel.load(req, form, errors)));
    }

    /** POST {@code .../settings/maintenance/end}. */
    public void endMaintenance(ConsoleRequest r) {
        MaintenancePanel.end(r);
    }

    private static void render(ConsoleRequest r, int status, RealmForm form, FieldErrors errors) {
        render(r, status, form, errors, MaintenancePanel.load(r, MaintenancePanel.Form.BLANK, FieldErrors.NONE));
    }

    private static void render(
            ConsoleRequest r, int status, RealmForm form, FieldErrors errors, MaintenancePanel maintenance) {
        Map<String, Object> model = new HashMap<>();
        model.put("maintenance", maintenance);
        // The stored name and algorithm: a refused form does not carry them.
        RealmForm stored = RealmForm.of(r.get(r.api("")));
        model.put("realm", stored.realm());
        model.put("algorithm", stored.algorithm());
        model.put("form", form);
        model.put("errors", errors);
        model.put("keys", r.access().editRealm() ? KeyPages.list(r) : List.of());
        r.render(status, "console/settings.jte", r.frame("Realm settings", "settings"), model);
    }
}
