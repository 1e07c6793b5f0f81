package dev.curfew.server.admin.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /admin/realms/{realm}/sign-outs} [AUTH_ADMINISTRATOR or AUDITOR]: the history, newest first. */
public final class ListSignOutsEndpoint implements RealmHandler {
    private final Store store;

    public ListSignOutsEndpoint(Store store) {
        this.store = store;
    }

    /** One page of the history and the total. */
    public record PageOfSignOuts(long total, int first, int max, List<SignOutRepresentation> signOuts) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Page page = AdminPaging.from(ctx);
        ctx.json(new PageOfSignOuts(
                store.signOuts().count(realm.id()),
                page.first(),
                page.max(),
                store.signOuts().list(realm.id(), page).stream()
                        .map(x -> SignOutRepresentation.of(x, realm.name()))
                        .toList()));
    }
}
