package dev.curfew.server.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Server-rendered pages from precompiled JTE templates ({@code src/main/jte}), HTML-escaped by default. */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public void render(Context ctx, int status, String template, Map<String, Object> model) {
        StringOutput output = new StringOutput();
        engine.render(template, model, output);
        ctx.status(status).header("Cache-Control", "no-store").html(output.toString());
    }

    /** The error page shown when Curfew must not redirect (unknown client, bad redirect URI...). */
    public void error(Context ctx, int status, String title, String message) {
        render(ctx, status, "error.jte", Map.of("title", title, "message", message));
    }
}
