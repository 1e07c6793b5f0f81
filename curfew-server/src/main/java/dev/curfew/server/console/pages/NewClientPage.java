package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.auth.AdminConsoleSession.Revealed;
import dev.curfew.server.console.view.FieldErrors;
import java.util.HashMap;
import java.util.Map;

/**
 * Registering a client: the same settings as a client's page, plus its clientId. A confidential client gets a
 * secret Curfew generates; its page shows it once.
 */
public final class NewClientPage {

    /** GET {@code .../clients/new}. */
    public void form(ConsoleRequest r) {
        render(r, 200, ClientForm.blank(), FieldErrors.NONE);
    }

    /** POST {@code .../clients}: creates the client, or the form again with the API's objections. */
    public void create(ConsoleRequest r) {
        ClientForm form = ClientForm.of(r);
        JsonNode created;
        try {
            created = r.post(r.api("/clients"), form.body(true));
        } catch (ApiException e) {
            if (e.status() == 409) {
                render(r, 409, form, FieldErrors.NONE.with("clientId", e.detail()));
                return;
            }
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, form, FieldErrors.refused(e, ClientForm::formField));
            return;
        }
        String id = created.path("id").asText();
        String secret = created.path("secret").asText("");
        if (!secret.isEmpty()) {
            r.session().reveal(new Revealed(id, secret));
        }
        r.flash("Client " + created.path("clientId").asText() + " created.");
        r.redirect(ClientPages.clientPage(r.realm(), id));
    }

    private static void render(ConsoleRequest r, int status, ClientForm form, FieldErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("errors", errors);
        r.render(status, "console/client-new.jte", r.frame("New client", "clients"), model);
    }
}
