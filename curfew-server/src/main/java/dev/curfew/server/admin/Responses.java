package dev.curfew.server.admin;

import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/** The success answers the admin API shares with Keycloak's. */
public final class Responses {
    private Responses() {}

    /**
     * 201 with the absolute {@code Location} of the new resource, as Keycloak answers a create. The body
     * repeats the resource (Keycloak sends none; its clients ignore one), so a generated secret can be
     * shown exactly once.
     */
    public static void created(Context ctx, RequestInfo requestInfo, String path, Object body) {
        ctx.status(201).header("Location", requestInfo.baseUrl(ctx) + path).json(body);
    }

    /** 204, as Keycloak answers updates and deletes. */
    public static void noContent(Context ctx) {
        ctx.status(204);
    }
}
