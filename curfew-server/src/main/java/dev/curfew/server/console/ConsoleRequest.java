package dev.curfew.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.server.console.auth.AdminConsoleSession;
import dev.curfew.server.console.view.ConsoleAccess;
import dev.curfew.server.console.view.Frame;
import dev.curfew.server.console.view.Paths;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of a signed-in administrator: their tokens (refreshed when about to expire), the admin API
 * under their name, and the page layout for the realm in the path.
 */
public final class ConsoleRequest {
    /** Refresh a little before expiry, so a call never carries a token that dies on the way. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(20);

    private final Console console;
    private final Context ctx;
    private final AdminConsoleSession session;

    ConsoleRequest(Console console, Context ctx, AdminConsoleSession session) {
        this.console = console;
        this.ctx = ctx;
        this.session = session;
    }

    public Context ctx() {
        return ctx;
    }

    public Console console() {
        return console;
    }

    public AdminConsoleSession session() {
        return session;
    }

    /** The realm named in the path. */
    public String realm() {
        return ctx.pathParam("realm");
    }

    public ConsoleAccess access() {
        return new ConsoleAccess(realm(), tokens().privileges());
    }

    public AdminConsoleSession.Tokens tokens() {
        AdminConsoleSession.Tokens tokens = session.tokens().orElseThrow(NotSignedIn::new);
        if (tokens.accessExpiresAt()
                .minus(REFRESH_MARGIN)
                .isAfter(console.clock().instant())) {
            return tokens;
        }
        AdminConsoleSession.Tokens fresh = console.tokens().refresh(ctx, tokens).orElseThrow(NotSignedIn::new);
        session.tokens(fresh);
        return fresh;
    }

    public JsonNode get(String path) {
        return console.api().get(ctx, tokens().accessToken(), path);
    }

    public JsonNode post(String path, Object body) {
        return console.api().post(ctx, tokens().accessToken(), path, body);
    }

    public JsonNode put(String path, Object body) {
        return console.api().put(ctx, tokens().accessToken(), path, body);
    }

    public JsonNode delete(String path) {
        return console.api().delete(ctx, tokens().accessToken(), path);
    }

    /** The admin API path of the realm in the request, e.g. {@code api("/users")}. */
    public String api(String suffix) {
        return "/admin/realms/" + Paths.encode(realm()) + suffix;
    }

    /** The realms the administrator may see, for the switcher. */
    public List<String> realms() {
        List<String> names = new ArrayList<>();
        for (JsonNode realm : get("/admin/realms")) {
            names.add(realm.path("realm").asText());
        }
        return names;
    }

    public Frame frame(String title, String nav) {
        return frame(realm(), title, nav);
    }

    /** The layout for a page outside any realm's path (the realm list), with {@code realm}'s navigation. */
    public Frame frame(String realm, String title, String nav) {
        return new Frame(
                title,
                tokens().username(),
                session.csrf(),
                realms(),
                realm,
                nav,
                new ConsoleAccess(realm, tokens().privileges()),
                session.takeFlash());
    }

    public void render(String template, Frame frame, Map<String, Object> model) {
        render(200, template, frame, model);
    }

    public void render(int status, String template, Frame frame, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("frame", frame);
        console.pages().render(ctx, status, template, all);
    }

    /** POST-redirect-GET: 303 so the browser follows with a GET and a reload repeats nothing. */
    public void redirect(String path) {
        ctx.header("Cache-Control", "no-store").redirect(path, HttpStatus.SEE_OTHER);
    }

    public void flash(String message) {
        session.flash(message);
    }

    public String form(String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    public String query(String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }

    /** The administrator's console session has no working tokens any more: sign in again. */
    public static final class NotSignedIn extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotSignedIn() {
            super("not signed in to the console");
        }
    }
}
