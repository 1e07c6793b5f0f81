package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.client.BuiltInClients;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clients (services): the list, and a client's page with its settings (back-channel logout URI included,
 * the API's objections shown next to the field), its sessions, "sign out all active sessions" for it, and
 * the delivery status of the back-channel logout tokens sent to it, with "Retry" for dead ones. A built-in
 * client's settings are shown, never offered for editing: the admin API refuses every change to them.
 */
public final class ClientPages {
    static final int PAGE_SIZE = 50;
    static final String POST_LOGOUT = "post.logout.redirect.uris";
    static final String LIFESPAN = "access.token.lifespan";
    static final String BACKCHANNEL_URL = "backchannel.logout.url";
    static final String BACKCHANNEL_SESSION = "backchannel.logout.session.required";

    /** A client as the pages show it. */
    public record ClientView(
            String id,
            String clientId,
            String name,
            boolean enabled,
            boolean publicClient,
            List<String> redirectUris,
            List<String> postLogoutUris,
            String accessTokenLifespan,
            String backchannelLogoutUri,
            boolean backchannelSessionRequired,
            List<String> grants,
            boolean builtIn) {
        static ClientView of(JsonNode c, String realm) {
            List<String> redirects = new ArrayList<>();
            c.path("redirectUris").forEach(u -> redirects.add(u.asText()));
            JsonNode attributes = c.path("attributes");
            String postLogout = attributes.path(POST_LOGOUT).asText("");
            List<String> grants = new ArrayList<>();
            if (c.path("standardFlowEnabled").asBoolean()) {
                grants.add("authorization code");
            }
            if (c.path("directAccessGrantsEnabled").asBoolean()) {
                grants.add("password");
            }
            if (c.path("serviceAccountsEnabled").asBoolean()) {
                grants.add("client credentials");
            }
            return new ClientView(
                    c.path("id").asText(),
                    c.path("clientId").asText(),
                    c.path("name").asText(""),
                    c.path("enabled").asBoolean(),
                    c.path("publicClient").asBoolean(),
                    redirects,
                    postLogout.isBlank() ? List.of() : Arrays.asList(postLogout.split("##")),
                    attributes.path(LIFESPAN).asText(""),
                    attributes.path(BACKCHANNEL_URL).asText(""),
                    !attributes.path(BACKCHANNEL_SESSION).asText("true").equalsIgnoreCase("false"),
                    grants,
                    BuiltInClients.isBuiltIn(realm, c.path("clientId").asText()));
        }
    }

    /** What the settings form holds: the stored settings, or what the administrator sent when it was refused. */
    public record ClientForm(
            String name,
            boolean enabled,
            String redirectUris,
            String postLogoutUris,
            String accessTokenLifespan,
            String backchannelLogoutUri,
            boolean backchannelSessionRequired) {
        static ClientForm of(ClientView c) {
            return new ClientForm(
                    c.name(),
                    c.enabled(),
                    String.join("\n", c.redirectUris()),
                    String.join("\n", c.postLogoutUris()),
                    c.accessTokenLifespan(),
                    c.backchannelLogoutUri(),
                    c.backchannelSessionRequired());
        }

        static ClientForm of(ConsoleRequest r) {
            return new ClientForm(
                    r.form("name"),
                    r.form("enabled").equals("true"),
                    r.form("redirectUris"),
                    r.form("postLogoutUris"),
                    r.form("accessTokenLifespan"),
                    r.form("backchannelLogoutUri"),
                    r.form("backchannelSessionRequired").equals("true"));
        }
    }

    public void list(ConsoleRequest r) {
        Paging paging = Paging.from(r, PAGE_SIZE);
        List<ClientView> clients = new ArrayList<>();
        r.get(r.api("/clients") + "?first=" + paging.first() + "&max=" + (PAGE_SIZE + 1))
                .forEach(c -> clients.add(ClientView.of(c, r.realm())));
        // The list API has no count: one extra row says whether a next page exists.
        long total = paging.first() + clients.size();
        List<ClientView> shown = clients.subList(0, Math.min(PAGE_SIZE, clients.size()));
        Map<String, Object> model = new HashMap<>();
        model.put("clients", shown);
        model.put("paging", paging.withTotal(total, Map.of()));
        r.render("console/clients.jte", r.frame("Clients", "clients"), model);
    }

    public void show(ConsoleRequest r) {
        ClientView client = ClientView.of(r.get(clientApi(r)), r.realm());
        render(r, 200, client, ClientForm.of(client), FieldErrors.NONE);
    }

    /** Saves the settings; when the API refuses fields, the form comes back with the reasons next to them. */
    public void update(ConsoleRequest r) {
        ClientForm form = ClientForm.of(r);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", form.name());
        body.put("enabled", form.enabled());
        body.put("redirectUris", lines(form.redirectUris()));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(POST_LOGOUT, String.join("##", lines(form.postLogoutUris())));
        attributes.put(LIFESPAN, form.accessTokenLifespan());
        attributes.put(BACKCHANNEL_URL, form.backchannelLogoutUri());
        attributes.put(BACKCHANNEL_SESSION, Boolean.toString(form.backchannelSessionRequired()));
        body.put("attributes", attributes);
        try {
            r.put(clientApi(r), body);
        } catch (ApiException e) {
            if (e.status() != 400 || e.fields().isEmpty()) {
                throw e;
            }
            ClientView stored = ClientView.of(r.get(clientApi(r)), r.realm());
            render(r, 400, stored, form, FieldErrors.of(e.fields(), ClientPages::formField));
            return;
        }
        r.flash("Settings saved.");
        r.redirect(clientPage(r));
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
        r.redirect(clientPage(r) + "#notifications-heading");
    }

    private static void render(ConsoleRequest r, int status, ClientView client, ClientForm form, FieldErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("client", client);
        model.put("form", form);
        model.put("errors", errors);
        model.put(
                "sessions",
                r.access().sessionStats() ? SessionRow.all(r.get(clientApi(r) + "/user-sessions?max=50")) : List.of());
        model.put(
                "notifications",
                r.access().deliveries() ? ClientNotifications.of(r, client.clientId()) : ClientNotifications.NONE);
        r.render(status, "console/client.jte", r.frame("Client " + client.clientId(), "clients"), model);
    }

    /** The form field an API field name belongs to; blank for one the form does not have. */
    static String formField(String apiName) {
        if (apiName.startsWith("redirectUris")) {
            return "redirectUris";
        }
        return switch (apiName) {
            case "name" -> "name";
            case "enabled" -> "enabled";
            case "attributes." + POST_LOGOUT -> "postLogoutUris";
            case "attributes." + LIFESPAN -> "accessTokenLifespan";
            case "attributes." + BACKCHANNEL_URL -> "backchannelLogoutUri";
            case "attributes." + BACKCHANNEL_SESSION -> "backchannelSessionRequired";
            default -> "";
        };
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String clientApi(ConsoleRequest r) {
        return r.api("/clients/" + Paths.encode(r.ctx().pathParam("id")));
    }

    private static String clientPage(ConsoleRequest r) {
        return Paths.realm(r.realm()) + "/clients/" + Paths.encode(r.ctx().pathParam("id"));
    }
}
