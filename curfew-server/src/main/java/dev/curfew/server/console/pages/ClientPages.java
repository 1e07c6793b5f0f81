package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.view.Paths;
import dev.curfew.server.console.view.SessionRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clients (services): the list, and a client's page with its settings, its sessions and "sign out all
 * active sessions" for it. A back-channel logout URI is not shown: the admin API has no such setting yet.
 */
public final class ClientPages {
    static final int PAGE_SIZE = 50;
    static final String POST_LOGOUT = "post.logout.redirect.uris";
    static final String LIFESPAN = "access.token.lifespan";

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
            List<String> grants) {
        static ClientView of(JsonNode c) {
            List<String> redirects = new ArrayList<>();
            c.path("redirectUris").forEach(u -> redirects.add(u.asText()));
            String postLogout = c.path("attributes").path(POST_LOGOUT).asText("");
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
                    c.path("attributes").path(LIFESPAN).asText(""),
                    grants);
        }
    }

    public void list(ConsoleRequest r) {
        Paging paging = Paging.from(r, PAGE_SIZE);
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
        Map<String, Object> model = new HashMap<>();
        model.put("client", client);
        model.put(
                "sessions",
                r.access().sessionStats() ? SessionRow.all(r.get(clientApi(r) + "/user-sessions?max=50")) : List.of());
        r.render("console/client.jte", r.frame("Client " + client.clientId(), "clients"), model);
    }

    public void update(ConsoleRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", r.form("name"));
        body.put("enabled", r.form("enabled").equals("true"));
        body.put("redirectUris", lines(r.form("redirectUris")));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(POST_LOGOUT, String.join("##", lines(r.form("postLogoutUris"))));
        attributes.put(LIFESPAN, r.form("accessTokenLifespan"));
        body.put("attributes", attributes);
        r.put(clientApi(r), body);
        r.flash("Settings saved.");
        r.redirect(Paths.realm(r.realm()) + "/clients/" + Paths.encode(r.ctx().pathParam("id")));
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String clientApi(ConsoleRequest r) {
        return r.api("/clients/" + Paths.encode(r.ctx().pathParam("id")));
    }
}
