package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realm settings: token and session lifetimes (with the advice to keep access tokens short, since a token a
 * service validates locally works until it expires whatever happens to its session), and the way to sign
 * out everyone in the realm.
 */
public final class RealmSettingsPage {

    /** The realm's settings as the form shows them. */
    public record Settings(
            String realm,
            String displayName,
            int accessTokenLifespan,
            int ssoSessionIdleTimeout,
            int ssoSessionMaxLifespan,
            int accessCodeLifespan,
            String algorithm) {
        static Settings of(JsonNode n) {
            return new Settings(
                    n.path("realm").asText(),
                    n.path("displayName").asText(""),
                    n.path("accessTokenLifespan").asInt(),
                    n.path("ssoSessionIdleTimeout").asInt(),
                    n.path("ssoSessionMaxLifespan").asInt(),
                    n.path("accessCodeLifespan").asInt(),
                    n.path("defaultSignatureAlgorithm").asText());
        }
    }

    public void show(ConsoleRequest r) {
        Map<String, Object> model = new HashMap<>();
        model.put("settings", Settings.of(r.get(r.api(""))));
        r.render("console/settings.jte", r.frame("Realm settings", "settings"), model);
    }

    public void update(ConsoleRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", r.form("displayName"));
        for (String field : new String[] {
            "accessTokenLifespan", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "accessCodeLifespan"
        }) {
            String value = r.form(field);
            // A number is sent as one; anything else as typed, so the API names the field that is wrong.
            body.put(field, value.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(value) : value);
        }
        r.put(r.api(""), body);
        r.flash("Realm settings saved.");
        r.redirect(Paths.realm(r.realm()) + "/settings");
    }
}
