package dev.curfew.server.admin.sessions;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.server.Services;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.signout.FilterInput;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/sessions} [SESSION_VIEWER]: every session of the realm matching the
 * filter parameters (those of {@link FilterInput}), newest first, with paging and the total — the same
 * filter a sign-out takes, so what an administrator sees is what they would sign out.
 */
public final class SearchSessionsEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;
    private final SessionViews views;

    public SearchSessionsEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
        this.views = new SessionViews(services.store(), services.sessionValidity());
    }

    /** One page of sessions and how many match in all. */
    public record PageOfSessions(long total, int first, int max, List<UserSessionRepresentation> sessions) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        FieldProblems problems = new FieldProblems();
        SessionFilter filter = FilterInput.fromQuery(ctx).toFilter(realm, s.store(), "", problems);
        problems.throwIfAny();
        Page page = AdminPaging.from(ctx);
        SessionQuery query = new SessionQuery(realm.id(), filter, page);
        ctx.json(new PageOfSessions(
                s.store().sessions().count(query),
                page.first(),
                page.max(),
                views.valid(realm, s.store().sessions().find(query))));
    }
}
