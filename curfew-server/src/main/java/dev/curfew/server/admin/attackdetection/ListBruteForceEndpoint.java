package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/realms/{realm}/attack-detection/brute-force/users} [USER_ADMINISTRATOR] (Curfew's own; Keycloak
 * has only the {@code DELETE} at this path): the users with failed sign-ins since their last successful one, the
 * latest failure first; {@code locked=true} for only those who cannot sign in now; paging.
 */
public final class ListBruteForceEndpoint implements RealmHandler {
    private final BruteForceProtection bruteForce;

    public ListBruteForceEndpoint(BruteForceProtection bruteForce) {
        this.bruteForce = bruteForce;
    }

    public record PageOfUsers(long total, int first, int max, List<LockedUserRepresentation> users) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        boolean lockedOnly = locked(ctx);
        Page page = AdminPaging.from(ctx);
        boolean on = realm.settings().bruteForce().enabled();
        Instant now = bruteForce.now();
        ctx.json(new PageOfUsers(
                bruteForce.count(realm, lockedOnly),
                page.first(),
                page.max(),
                bruteForce.list(realm, lockedOnly, page).stream()
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
