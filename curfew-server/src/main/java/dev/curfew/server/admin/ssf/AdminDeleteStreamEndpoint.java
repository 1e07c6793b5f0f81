package dev.curfew.server.admin.ssf;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/ssf/streams/{id}} [STREAM_ADMINISTRATOR]: deletes a stream with its queue;
 * its receiver may create another.
 */
public final class AdminDeleteStreamEndpoint implements RealmHandler {
    private final Store store;
    private final Transmitter transmitter;

    public AdminDeleteStreamEndpoint(Store store, Transmitter transmitter) {
        this.store = store;
        this.transmitter = transmitter;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        if (!store.ssf().delete(realm.id(), id)) {
            throw Problem.notFound("The realm has no stream '" + id + "'");
        }
        transmitter.wake(id);
        Responses.noContent(ctx);
    }
}
