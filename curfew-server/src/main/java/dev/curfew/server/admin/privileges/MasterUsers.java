package dev.curfew.server.admin.privileges;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/** Privileges belong to master-realm users only: admin tokens come from the master realm. */
final class MasterUsers {
    private MasterUsers() {}

    /** The user the path names in {@code realm}, or a 404 problem when that is not the master realm. */
    static User fromPath(Context ctx, Realm realm, Lookups lookups) {
        if (!realm.name().equals(Realm.MASTER)) {
            throw Problem.notFound("Privileges exist only for users of the master realm");
        }
        return lookups.user(realm, ctx.pathParam("id"));
    }
}
