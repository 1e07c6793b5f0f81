package dev.curfew.server.admin.ssf;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code DELETE /admin/realms/{realm}/ssf/streams/{id}} [STREAM_ADMINISTRATOR]: deletes a stream with its queue;
 * its receiver may create another.
 */
public final class AdminDeleteStreamEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public AdminDeleteStreamEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().require(ctx, Privilege.STREAM_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        String id = ctx.pathParam("id");
        if (!s.store().ssf().delete(realm.id(), id)) {
            throw Problem.notFound("The realm has no stream '" + id + "'");
        }
        s.ssf().transmitter().wake(id);
        Responses.noContent(ctx);
    }
}
