package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.server.Services;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/** {@code GET /admin/realms/{realm}/sign-outs} [AUTH_ADMINISTRATOR or AUDITOR]: the history, newest first. */
public final class ListSignOutsEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ListSignOutsEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    /** One page of the history and the total. */
    public record PageOfSignOuts(long total, int first, int max, List<SignOutRepresentation> signOuts) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
        Realm realm = lookups.realm(realmName);
        Page page = AdminPaging.from(ctx);
        ctx.json(new PageOfSignOuts(
                s.store().signOuts().count(realm.id()),
                page.first(),
                page.max(),
                s.store().signOuts().list(realm.id(), page).stream()
                        .map(x -> SignOutRepresentation.of(x, realm.name()))
                        .toList()));
    }
}
