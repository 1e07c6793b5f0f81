package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutSchedule;
import dev.curfew.core.store.Store;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code POST /admin/realms/{realm}/sign-out-schedules} [AUTH_ADMINISTRATOR]: a sign-out of a scope, run every day
 * or every week at a time of day (UTC), each run an ordinary sign-out linked back to the schedule.
 */
public final class CreateSignOutScheduleEndpoint implements RealmHandler {
    private final Store store;
    private final SignOutSchedules schedules;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public CreateSignOutScheduleEndpoint(
            Store store, SignOutSchedules schedules, RequestInfo requestInfo, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ScheduleInput.Checked input = RequestBody.read(ctx, ScheduleInput.class).check(realm, store, clock.instant());
        SignOutSchedule created = schedules.create(
                realm,
                input.scope(),
                input.reason(),
                Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                input.recurrence());
        Responses.created(
                ctx,
                requestInfo,
                "/admin/realms/" + realm.name() + "/sign-out-schedules/" + created.id(),
                SignOutScheduleRepresentation.of(created, realm.name()));
    }
}
