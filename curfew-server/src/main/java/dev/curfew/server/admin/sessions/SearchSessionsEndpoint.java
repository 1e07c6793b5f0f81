package dev.curfew.server.admin.sessions;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.signout.FilterInput;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/sessions} [SESSION_VIEWER]: every session of the realm matching the
 * filter parameters (those of {@link FilterInput}), newest first, with paging and the total — the same
 * filter a sign-out takes, so what an administrator sees is what they would sign out.
 */
public final class SearchSessionsEndpoint implements RealmHandler {
    private final Store store;
    private final SessionViews views;

    public SearchSessionsEndpoint(Store store, SessionViews views) {
        this.store = store;
        this.views = views;
    }

    /** One page of sessions and how many match in all. */
    public record PageOfSessions(long total, int first, int max, List<UserSessionRepresentation> sessions) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        FieldProblems problems = new FieldProblems();
        SessionFilter filter = FilterInput.fromQuery(ctx).toFilter(realm, store, "", problems);
        problems.throwIfAny();
        Page page = AdminPaging.from(ctx);
        SessionQuery query = new SessionQuery(realm.id(), filter, page);
        ctx.json(new PageOfSessions(
                store.sessions().count(query),
                page.first(),
                page.max(),
                views.valid(realm, store.sessions().find(query))));
    }
}
