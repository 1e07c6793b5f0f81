package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.engine.signout.ScopeDetail;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.admin.sessions.SessionViews;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code POST /admin/realms/{realm}/sign-outs} [AUTH_ADMINISTRATOR]: signs out a session, a user, a
 * client, the realm, or every session matching a filter — or, with {@code dryRun}, says how many it would
 * and shows some. The answer comes once the sign-out is durable and in force.
 */
public final class CreateSignOutEndpoint implements RealmHandler {
    private final Services s;
    private final SessionViews views;

    public CreateSignOutEndpoint(Services services) {
        this.s = services;
        this.views = new SessionViews(services.store(), services.sessionValidity());
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        SignOutInput.Checked input = RequestBody.read(ctx, SignOutInput.class).check(realm, s.store());
        if (input.dryRun()) {
            SignOutService.Preview preview = s.signOuts().preview(realm, input.scope());
            ctx.json(new SignOutPreview(
                    true,
                    realm.name(),
                    ScopeView.of(ScopeDetail.json(input.scope(), s.store(), realm)),
                    preview.affectedSessions(),
                    views.valid(realm, preview.sample())));
            return;
        }
        SignOut done;
        try {
            done = s.signOuts()
                    .signOut(
                            realm,
                            input.scope(),
                            input.reason(),
                            Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), s.requestInfo()),
                            input.id(),
                            n -> {});
        } catch (DuplicateException e) {
            throw Problem.conflict("A sign-out with id '" + input.id().orElse("") + "' already exists");
        }
        Responses.created(
                ctx,
                s.requestInfo(),
                "/admin/realms/" + realm.name() + "/sign-outs/" + done.id(),
                SignOutRepresentation.of(done, realm.name()));
    }
}
