package dev.curfew.server.welcome;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /docs/{file}}: one of the {@link Guide guides}, as the Markdown text it is written in (plain text,
 * readable in any browser). Only the listed guides are served, read once at start.
 */
public final class DocsEndpoint implements Handler {
    static final String PREFIX = "/docs/";

    private final Map<String, byte[]> guides;

    public DocsEndpoint() {
        this.guides = Guide.ALL.stream().collect(Collectors.toMap(Guide::file, g -> read(g.file())));
    }

    @Override
    public void handle(Context ctx) {
        byte[] text = guides.get(ctx.pathParam("file"));
        if (text == null) {
            ctx.status(HttpStatus.NOT_FOUND)
                    .contentType("text/plain; charset=utf-8")
                    .result("No such guide.");
            return;
        }
        ctx.contentType("text/plain; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600")
                .result(text);
    }

    private static byte[] read(String file) {
        String path = Guide.RESOURCE_DIRECTORY + file;
        try (InputStream in = DocsEndpoint.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + ": the build copies docs/ into the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
