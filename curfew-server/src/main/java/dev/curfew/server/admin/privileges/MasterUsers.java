package dev.curfew.server.admin.privileges;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/** Privileges belong to master-realm users only: admin tokens come from the master realm. */
final class MasterUsers {
    private MasterUsers() {}

    static User fromPath(Context ctx, Lookups lookups) {
        String realmName = ctx.pathParam("realm");
        if (!realmName.equals(Realm.MASTER)) {
            throw Problem.notFound("Privileges exist only for users of the master realm");
        }
        return lookups.user(lookups.realm(Realm.MASTER), ctx.pathParam("id"));
    }
}
