package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;

/**
 * {@code PUT} (join) and {@code DELETE} (leave) {@code /admin/realms/{realm}/users/{id}/groups/{groupId}}: 204 either
 * way, also when the user already was, or was not, a member, as in Keycloak. Both the user and the group must be of
 * the realm in the path (404 otherwise). Joining a group grants nothing, so no privilege ceiling applies.
 */
public final class MembershipEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;
    private final boolean join;

    private MembershipEndpoint(Store store, Lookups lookups, boolean join) {
        this.store = store;
        this.lookups = lookups;
        this.join = join;
    }

    public static MembershipEndpoint join(Store store, Lookups lookups) {
        return new MembershipEndpoint(store, lookups, true);
    }

    public static MembershipEndpoint leave(Store store, Lookups lookups) {
        return new MembershipEndpoint(store, lookups, false);
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String userId = lookups.user(realm, ctx.pathParam("id")).id();
        String groupId = lookups.group(realm, ctx.pathParam("groupId")).id();
        if (join) {
            store.groups().addMember(groupId, userId);
        } else {
            store.groups().removeMember(groupId, userId);
        }
        Responses.noContent(ctx);
    }
}
