package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.signout.ScopeDetail;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.admin.sessions.SessionViews;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code POST /admin/realms/{realm}/sign-outs} [AUTH_ADMINISTRATOR]: signs out a session, a user, a
 * client, the realm, or every session matching a filter — or, with {@code dryRun}, says how many it would
 * and shows some. The answer comes once the sign-out is durable and in force; with {@code at}, once it is
 * planned (SCHEDULED) for that time.
 */
public final class CreateSignOutEndpoint implements RealmHandler {
    private final Store store;
    private final SignOutService signOuts;
    private final SessionViews views;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public CreateSignOutEndpoint(
            Store store, SignOutService signOuts, SessionViews views, RequestInfo requestInfo, Clock clock) {
        this.store = store;
        this.signOuts = signOuts;
        this.views = views;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        SignOutInput.Checked input = RequestBody.read(ctx, SignOutInput.class).check(realm, store, clock.instant());
        if (input.dryRun()) {
            SignOutService.Preview preview = signOuts.preview(realm, input.scope());
            ctx.json(new SignOutPreview(
                    true,
                    realm.name(),
                    ScopeView.of(ScopeDetail.json(input.scope(), store, realm)),
                    preview.affectedSessions(),
                    views.valid(realm, preview.sample())));
            return;
        }
        SignOut done;
        AuditLog.Actor actor = Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo);
        try {
            done = input.at().isPresent()
                    ? signOuts.schedule(
                            realm,
                            input.scope(),
                            input.reason(),
                            actor,
                            input.id(),
                            input.at().get())
                    : signOuts.signOut(realm, input.scope(), input.reason(), actor, input.id(), n -> {});
        } catch (DuplicateException e) {
            throw Problem.conflict("A sign-out with id '" + input.id().orElse("") + "' already exists");
        }
        Responses.created(
                ctx,
                requestInfo,
                "/admin/realms/" + realm.name() + "/sign-outs/" + done.id(),
                SignOutRepresentation.of(done, realm.name()));
    }
}
