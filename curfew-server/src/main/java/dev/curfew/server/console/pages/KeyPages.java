package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.When;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm's signing keys on its settings page, and their rotation: a confirmation page with a mandatory reason,
 * the choice to retire the old keys at once, and a tick to confirm; then the API rotates, with its own privilege
 * check (SYSTEM_ADMINISTRATOR for the realm).
 */
public final class KeyPages {

    /** One key as the console lists it. */
    public record KeyRow(String kid, String algorithm, String status, When verifyUntil, When created) {
        static List<KeyRow> all(JsonNode keys) {
            List<KeyRow> rows = new ArrayList<>();
            for (JsonNode k : keys) {
                rows.add(new KeyRow(
                        k.path("kid").asText(),
                        k.path("algorithm").asText(),
                        k.path("status").asText(),
                        When.iso(k.path("verifyUntil").asText("")),
                        When.iso(k.path("created").asText(""))));
            }
            return rows;
        }
    }

    /** The realm's keys, newest first, for the settings page. */
    static List<KeyRow> list(ConsoleRequest r) {
        return KeyRow.all(r.get(r.api("/keys")));
    }

    /** GET {@code .../keys/rotate}: the keys as they are, and the confirmation form. */
    public void confirm(ConsoleRequest r) {
        render(r, 200, "", "", false);
    }

    /** POST {@code .../keys/rotations}: checks the reason and the confirmation, rotates, back to the settings. */
    public void rotate(ConsoleRequest r) {
        String reason = r.form("reason");
        boolean retireOld = r.form("retireOld").equals("yes");
        String error = "";
        if (reason.isBlank()) {
            error = "Give a reason: it is recorded in the audit log.";
        } else if (!r.form("confirm").equals("yes")) {
            error = "Tick the confirmation to rotate the signing key.";
        }
        if (!error.isEmpty()) {
            render(r, 400, error, reason, retireOld);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("retireOld", retireOld);
        JsonNode done = r.post(r.api("/keys/rotations"), body);
        int old = done.path("oldKeys").size();
        r.flash("New signing key " + done.path("key").path("kid").asText() + " signs from now on; "
                + (old == 0
                        ? "there were no old keys."
                        : retireOld
                                ? "the old " + (old == 1 ? "key is" : "keys are") + " retired."
                                : "the old " + (old == 1 ? "key verifies" : "keys verify")
                                        + " the tokens it signed until they expire."));
        r.redirect(Paths.realm(r.realm()) + "/settings#keys-heading");
    }

    private static void render(ConsoleRequest r, int status, String error, String reason, boolean retireOld) {
        Map<String, Object> model = new HashMap<>();
        model.put("keys", list(r));
        // The rotation makes a key of the realm's algorithm, which may differ from the current key's.
        model.put("algorithm", RealmForm.of(r.get(r.api(""))).algorithm());
        model.put("error", error);
        model.put("reason", reason);
        model.put("retireOld", retireOld);
        r.render(status, "console/keys-rotate.jte", r.frame("Rotate signing key", "settings"), model);
    }
}
