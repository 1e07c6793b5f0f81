package dev.curfew.server.admin.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.signout.SignOutSchedules;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /admin/realms/{realm}/sign-out-schedules} [AUTH_ADMINISTRATOR or AUDITOR]: the schedules, oldest first. */
public final class ListSignOutSchedulesEndpoint implements RealmHandler {
    private final SignOutSchedules schedules;

    public ListSignOutSchedulesEndpoint(SignOutSchedules schedules) {
        this.schedules = schedules;
    }

    /** The realm's schedules; a realm has few, so they come in one answer. */
    public record Schedules(List<SignOutScheduleRepresentation> schedules) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(new Schedules(schedules.list(realm).stream()
                .map(s -> SignOutScheduleRepresentation.of(s, realm.name()))
                .toList()));
    }
}
