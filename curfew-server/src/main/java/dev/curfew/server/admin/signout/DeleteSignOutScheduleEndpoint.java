package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/sign-out-schedules/{id}} [AUTH_ADMINISTRATOR]: no more runs; the runs so far
 * stay in the history. A run already recorded as SCHEDULED can still be cancelled on its own.
 */
public final class DeleteSignOutScheduleEndpoint implements RealmHandler {
    private final SignOutSchedules schedules;
    private final RequestInfo requestInfo;

    public DeleteSignOutScheduleEndpoint(SignOutSchedules schedules, RequestInfo requestInfo) {
        this.schedules = schedules;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        if (!schedules.delete(
                realm, id, Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo))) {
            throw Problem.notFound("No sign-out schedule with id '" + id + "' in realm '" + realm.name() + "'");
        }
        Responses.noContent(ctx);
    }
}
