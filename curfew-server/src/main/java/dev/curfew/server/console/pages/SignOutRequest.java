package dev.curfew.server.console.pages;

import dev.curfew.server.console.ConsoleRequest;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the administrator asked to sign out, as carried from page to page in form fields: some sessions,
 * a user, a client (service), the whole realm, or every session matching a search. Becomes the {@code
 * scope} of {@code POST /admin/realms/{realm}/sign-outs}.
 */
public record SignOutRequest(String type, List<String> sessionIds, String userId, String client, SessionSearch search) {

    public static final List<String> TYPES = List.of("session", "user", "client", "realm", "filter");

    public static SignOutRequest from(ConsoleRequest r) {
        Context ctx = r.ctx();
        boolean post = ctx.method().name().equals("POST");
        String type = value(post ? ctx.formParam("scope") : ctx.queryParam("scope"));
        List<String> ids = (post ? ctx.formParams("sessionId") : ctx.queryParams("sessionId"))
                .stream().filter(v -> !v.isBlank()).distinct().toList();
        SessionSearch search = SessionSearch.from(ctx);
        if (type.equals("filter")) {
            search = search.resolve(r);
        }
        return new SignOutRequest(
                type,
                ids,
                value(post ? ctx.formParam("userId") : ctx.queryParam("userId")),
                value(post ? ctx.formParam("client") : ctx.queryParam("client")),
                search);
    }

    /** Why the request cannot be previewed, or empty when it can. */
    public String problem() {
        return switch (type) {
            case "session" -> sessionIds.isEmpty() ? "Select at least one session to sign out." : "";
            case "user" -> userId.isBlank() ? "No user was named." : "";
            case "client" -> client.isBlank() ? "No client was named." : "";
            case "realm" -> "";
            case "filter" ->
                search.problems().any()
                        ? "The search has a time Curfew cannot read; correct it on the sessions page."
                        : search.empty()
                                ? "Signing out all sessions needs at least one search condition; to sign out everyone, use "
                                        + "\"Sign out everyone\" in the realm settings."
                                : "";
            default -> "Choose what to sign out.";
        };
    }

    /** The API's {@code scope} object. */
    public Map<String, Object> apiScope() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("type", type);
        switch (type) {
            case "session" -> scope.put("sessionIds", sessionIds);
            case "user" -> scope.put("userId", userId);
            case "client" -> scope.put("clientId", client);
            case "filter" -> scope.put("filter", search.signOutFilter());
            default -> {}
        }
        return scope;
    }

    /** The form fields that carry this request into the confirmation form. */
    public Map<String, List<String>> fields() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("scope", List.of(type));
        switch (type) {
            case "session" -> f.put("sessionId", sessionIds);
            case "user" -> f.put("userId", List.of(userId));
            case "client" -> f.put("client", List.of(client));
            case "filter" -> search.fields().forEach((k, v) -> f.put(k, List.of(v)));
            default -> {}
        }
        return f;
    }

    private static String value(String v) {
        return v == null ? "" : v.strip();
    }
}
