package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.console.ConsoleErrors;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Frame;
import dev.curfew.server.console.view.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every realm the administrator holds a privilege in, and, for a system administrator of all realms, the form
 * that creates one. The page belongs to no realm; its navigation is that of the realm the administrator came
 * from ({@code ?realm=}).
 */
public final class RealmsPage {

    /** A realm in the list. */
    public record RealmRow(String name, String displayName, boolean enabled) {}

    /** GET {@code /admin/console/realms}. */
    public void list(ConsoleRequest r) {
        render(r, 200, RealmForm.blank(), FieldErrors.NONE);
    }

    /** POST {@code /admin/console/realms}: creates a realm and opens its settings. */
    public void create(ConsoleRequest r) {
        RealmForm form = RealmForm.of(r);
        FieldErrors problems = form.problems();
        if (problems.any()) {
            render(r, 400, form, problems);
            return;
        }
        try {
            r.post("/admin/realms", form.body(true));
        } catch (ApiException e) {
            if (e.status() == 409) {
                render(r, 409, form, FieldErrors.NONE.with("realm", e.detail()));
                return;
            }
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, form, FieldErrors.refused(e, RealmForm::formField));
            return;
        }
        r.flash("Realm " + form.realm() + " created. Add its clients and users next.");
        r.redirect(Paths.realm(form.realm()) + "/settings");
    }

    private static void render(ConsoleRequest r, int status, RealmForm form, FieldErrors errors) {
        List<RealmRow> rows = new ArrayList<>();
        for (JsonNode realm : r.get("/admin/realms")) {
            rows.add(new RealmRow(
                    realm.path("realm").asText(),
                    realm.path("displayName").asText(""),
                    realm.path("enabled").asBoolean()));
        }
        Optional<String> current = current(r.query("realm"), rows);
        if (current.isEmpty()) {
            ConsoleErrors.page(
                    r.console(),
                    r.ctx(),
                    403,
                    "No realms to administer",
                    "Your account holds no administrator privilege for any realm.");
            return;
        }
        Frame frame = r.frame(current.get(), "Realms", "realms");
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("form", form);
        model.put("errors", errors);
        r.render(status, "console/realms.jte", frame, model);
    }

    /** The realm named in the query when the administrator may see it, else the first one besides master. */
    private static Optional<String> current(String asked, List<RealmRow> rows) {
        List<String> names = rows.stream().map(RealmRow::name).toList();
        if (names.contains(asked)) {
            return Optional.of(asked);
        }
        return names.stream()
                .filter(n -> !n.equals(Realm.MASTER))
                .findFirst()
                .or(() -> names.stream().findFirst());
    }
}
