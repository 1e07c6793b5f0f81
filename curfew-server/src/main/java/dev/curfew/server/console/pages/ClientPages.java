package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.auth.AdminConsoleSession.Revealed;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clients (services): the list, and a client's page with its settings (type, grants, redirect URIs, back-channel
 * logout URI..., the API's objections shown next to the field), its secret (a new one shown once), its
 * sessions, "sign out all active sessions" for it, and the delivery status of the back-channel logout tokens
 * sent to it, with "Retry" for dead ones.
 */
public final class ClientPages {
    static final int PAGE_SIZE = 50;

    public void list(ConsoleRequest r) {
        ConsolePaging paging = ConsolePaging.from(r, PAGE_SIZE);
        List<ClientView> clients = new ArrayList<>();
        r.get(r.api("/clients") + "?first=" + paging.first() + "&max=" + (PAGE_SIZE + 1))
                .forEach(c -> clients.add(ClientView.of(c)));
        // The list API has no count: one extra row says whether a next page exists.
        long total = paging.first() + clients.size();
        List<ClientView> shown = clients.subList(0, Math.min(PAGE_SIZE, clients.size()));
        Map<String, Object> model = new HashMap<>();
        model.put("clients", shown);
        model.put("paging", paging.withTotal(total, Map.of()));
        r.render("console/clients.jte", r.frame("Clients", "clients"), model);
    }

    public void show(ConsoleRequest r) {
        ClientView client = ClientView.of(r.get(clientApi(r)));
        render(r, 200, client, ClientForm.of(client), FieldErrors.NONE);
    }

    /**
     * Saves the settings; when the API refuses fields, the form comes back with the reasons next to them. A
     * public client made confidential needs a secret in the same request: the console issues it, and the
     * client's page shows it once.
     */
    public void update(ConsoleRequest r) {
        ClientForm form = ClientForm.of(r);
        ClientView stored = ClientView.of(r.get(clientApi(r)));
        Map<String, Object> body = form.body(false);
        Optional<String> secret =
                stored.publicClient() && !form.publicClient() ? Optional.of(Secrets.newSecret()) : Optional.empty();
        secret.ifPresent(s -> body.put("secret", s));
        try {
            r.put(clientApi(r), body);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            render(r, 400, stored, form, FieldErrors.refused(e, ClientForm::formField));
            return;
        }
        secret.ifPresent(s -> r.session().reveal(new Revealed(stored.id(), s)));
        r.flash(
                secret.isPresent()
                        ? "Settings saved; the client is confidential now, with the secret below."
                        : "Settings saved.");
        r.redirect(clientPage(r.realm(), stored.id()));
    }

    /** POST {@code .../clients/{id}/deliveries/{delivery}/retry}: a dead notification back in the queue. */
    public void retry(ConsoleRequest r) {
        String delivery = r.ctx().pathParam("delivery");
        try {
            r.post(r.api("/deliveries/" + Paths.encode(delivery) + "/retry"), null);
            r.flash("Notification " + delivery + " is queued again and is sent at once.");
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            // Retried in another tab or by another administrator: say so instead of an error page.
            r.flash("Notification " + delivery + " is no longer in the dead-letter list; nothing was changed.");
        }
        r.redirect(clientPage(r.realm(), r.ctx().pathParam("id")) + "#notifications-heading");
    }

    /**
     * POST {@code .../clients/{id}/secret}: a new secret, shown once on the client's page; the old one stops
     * working at once, so the form asks for a confirmation first.
     */
    public void regenerateSecret(ConsoleRequest r) {
        ClientView client = ClientView.of(r.get(clientApi(r)));
        if (!r.form("confirmSecret").equals("yes")) {
            r.flash("Tick the confirmation to issue a new secret; the current one still works.");
            r.redirect(clientPage(r.realm(), client.id()) + "#secret-heading");
            return;
        }
        JsonNode issued = r.post(clientApi(r) + "/client-secret", null);
        r.session().reveal(new Revealed(client.id(), issued.path("value").asText()));
        r.flash("New secret issued: the previous one no longer works.");
        r.redirect(clientPage(r.realm(), client.id()));
    }

    static void render(ConsoleRequest r, int status, ClientView client, ClientForm form, FieldErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("client", client);
        model.put("form", form);
        model.put("errors", errors);
        model.put("secret", r.session().takeRevealed(client.id()).orElse(""));
        model.put(
                "sessions",
                r.access().sessionStats()
                        ? SessionRow.all(
                                r.get(r.api("/clients/" + Paths.encode(client.id()) + "/user-sessions?max=50")))
                        : List.of());
        model.put(
                "notifications",
                r.access().deliveries() ? ClientNotifications.of(r, client.clientId()) : ClientNotifications.NONE);
        r.render(status, "console/client.jte", r.frame("Client " + client.clientId(), "clients"), model);
    }

    /** The internal id of the client with this public {@code clientId}, for a link to its page. */
    static Optional<String> internalId(ConsoleRequest r, String clientId) {
        JsonNode found = r.get(AdminApiClient.withQuery(r.api("/clients"), Map.of("clientId", clientId)));
        for (JsonNode c : found) {
            if (c.path("clientId").asText().equals(clientId)) {
                return Optional.of(c.path("id").asText());
            }
        }
        return Optional.empty();
    }

    static String clientApi(ConsoleRequest r) {
        return r.api("/clients/" + Paths.encode(r.ctx().pathParam("id")));
    }

    static String clientPage(String realm, String id) {
        return Paths.realm(realm) + "/clients/" + Paths.encode(id);
    }
}
