package dev.curfew.server.admin.maintenance;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.realm.Maintenance;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/maintenance?reason=…}: ends the window at once; sign-ins work again. Audited
 * ({@code maintenance.cleared}); 404 when the realm has none.
 */
public final class ClearMaintenanceEndpoint implements RealmHandler {
    private final Maintenance maintenance;
    private final RequestInfo requestInfo;

    public ClearMaintenanceEndpoint(Maintenance maintenance, RequestInfo requestInfo) {
        this.maintenance = maintenance;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String reason = ctx.queryParam("reason");
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(reason, problems);
        problems.throwIfAny();
        if (!maintenance.clear(
                realm,
                reason.strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo))) {
            throw Problem.notFound("Realm '" + realm.name() + "' has no maintenance window");
        }
        Responses.noContent(ctx);
    }
}
