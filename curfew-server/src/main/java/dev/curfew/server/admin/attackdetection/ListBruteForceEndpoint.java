package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.server.Services;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/attack-detection/brute-force/users} [USER_ADMINISTRATOR] (Curfew's own; Keycloak
 * has only the {@code DELETE} at this path): the users with failed sign-ins since their last successful one, the
 * latest failure first; {@code locked=true} for only those who cannot sign in now; paging.
 */
public final class ListBruteForceEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ListBruteForceEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    public record PageOfUsers(long total, int first, int max, List<LockedUserRepresentation> users) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().require(ctx, Privilege.USER_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        boolean lockedOnly = locked(ctx);
        Page page = AdminPaging.from(ctx);
        boolean on = realm.settings().bruteForce().enabled();
        Instant now = s.bruteForce().now();
        ctx.json(new PageOfUsers(
                s.bruteForce().count(realm, lockedOnly),
                page.first(),
                page.max(),
                s.bruteForce().list(realm, lockedOnly, page).stream()
                        .map(f -> LockedUserRepresentation.of(f, now, on))
                        .toList()));
    }

    private static boolean locked(Context ctx) {
        String value = ctx.queryParam("locked");
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw FieldProblems.single("locked", "must be true or false");
    }
}
