package dev.curfew.server.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.ConsoleRequest;
import dev.curfew.server.console.api.AdminApiClient;
import dev.curfew.server.console.api.ApiException;
import dev.curfew.server.console.view.FieldErrors;
import dev.curfew.server.console.view.When;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The realm's groups ({@code /admin/realms/{realm}/groups}): the list with a form to create one, and a group's page
 * with its members (add by username, remove), its shorter token lifetimes when a high-risk period holds, a preview of
 * signing the group out, and deleting it. Every change goes through the admin API, which checks USER_ADMINISTRATOR
 * and audits it.
 */
public final class GroupPages {
    /** Groups and members shown at most on one page. */
    static final int MAX = 1000;

    /** A group in the list. */
    public record GroupRow(String id, String name) {}

    /** A member of the group. */
    public record Member(String id, String username) {}

    /** The group's shorter lifetimes (a high-risk period), in words. */
    public record Lifetimes(long accessTokenLifespan, long refreshTokenLifespan, String until, boolean active) {}

    public void list(ConsoleRequest r) {
        render(r, 200, "", FieldErrors.NONE);
    }

    /** POST {@code .../groups}: a new group by name. */
    public void create(ConsoleRequest r) {
        String name = r.form("name").strip();
        if (name.isEmpty()) {
            render(r, 400, name, FieldErrors.NONE.with("name", "Give the group a name."));
            return;
        }
        try {
            r.post(r.api("/groups"), Map.of("name", name));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            FieldErrors errors = e.status() == 409
                    ? FieldErrors.NONE.with("name", e.detail())
                    : FieldErrors.refused(e, f -> f.equals("name") ? "name" : "");
            render(r, 400, name, errors);
            return;
        }
        r.flash("Group " + name + " created.");
        r.redirect(r.frame("Groups", "groups").path("/groups"));
    }

    public void show(ConsoleRequest r) {
        renderGroup(r, 200, FieldErrors.NONE);
    }

    /** POST {@code .../groups/{id}/members}: adds the user with that username. */
    public void addMember(ConsoleRequest r) {
        String username = r.form("username").strip();
        JsonNode found = r.get(
                r.api("/users") + "?max=1&exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (username.isEmpty() || found.isEmpty()) {
            renderGroup(r, 400, FieldErrors.NONE.with("username", "No user named '" + username + "' in this realm."));
            return;
        }
        r.put(
                r.api("/users/" + AdminApiClient.segment(found.get(0).path("id").asText()) + "/groups/"
                        + AdminApiClient.segment(groupId(r))),
                Map.of());
        r.flash(username + " added to the group.");
        r.redirect(groupPath(r));
    }

    /** POST {@code .../groups/{id}/members/remove}: removes the member. */
    public void removeMember(ConsoleRequest r) {
        r.delete(r.api("/users/" + AdminApiClient.segment(r.form("userId")) + "/groups/"
                + AdminApiClient.segment(groupId(r))));
        r.flash("Removed from the group.");
        r.redirect(groupPath(r));
    }

    /** POST {@code .../groups/{id}/delete}: deletes the group; its members and their sessions stay. */
    public void delete(ConsoleRequest r) {
        JsonNode group = r.get(r.api("/groups/" + AdminApiClient.segment(groupId(r))));
        r.delete(r.api("/groups/" + AdminApiClient.segment(groupId(r))));
        r.flash("Group " + group.path("name").asText() + " deleted; its members keep their accounts and sessions.");
        r.redirect(r.frame("Groups", "groups").path("/groups"));
    }

    private static String groupId(ConsoleRequest r) {
        return r.ctx().pathParam("id");
    }

    private static String groupPath(ConsoleRequest r) {
        return r.frame("Groups", "groups").path("/groups/" + AdminApiClient.segment(groupId(r)));
    }

    private static void render(ConsoleRequest r, int status, String name, FieldErrors errors) {
        List<GroupRow> groups = new ArrayList<>();
        for (JsonNode g : r.get(r.api("/groups") + "?max=" + MAX)) {
            groups.add(new GroupRow(g.path("id").asText(), g.path("name").asText()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("groups", groups);
        model.put("name", name);
        model.put("errors", errors);
        r.render(status, "console/groups.jte", r.frame("Groups", "groups"), model);
    }

    private static void renderGroup(ConsoleRequest r, int status, FieldErrors errors) {
        String id = AdminApiClient.segment(groupId(r));
        JsonNode group = r.get(r.api("/groups/" + id));
        List<Member> members = new ArrayList<>();
        for (JsonNode m : r.get(r.api("/groups/" + id + "/members") + "?max=" + MAX)) {
            members.add(new Member(m.path("id").asText(), m.path("username").asText()));
        }
        Optional<Lifetimes> lifetimes;
        try {
            JsonNode l = r.get(r.api("/groups/" + id + "/lifetimes"));
            lifetimes = Optional.of(new Lifetimes(
                    l.path("accessTokenLifespan").asLong(),
                    l.path("refreshTokenLifespan").asLong(),
                    When.iso(l.path("until").asText()).shown(),
                    l.path("active").asBoolean()));
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            lifetimes = Optional.empty();
        }
        Map<String, Object> model = new HashMap<>();
        model.put("id", group.path("id").asText());
        model.put("name", group.path("name").asText());
        model.put("members", members);
        model.put("lifetimes", lifetimes);
        model.put("errors", errors);
        r.render(status, "console/group.jte", r.frame(group.path("name").asText(), "groups"), model);
    }
}
