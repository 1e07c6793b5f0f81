package dev.curfew.server.admin;

import dev.curfew.core.realm.Realm;
import io.javalin.http.Context;

/** An admin endpoint under {@code /admin/realms/{realm}}, called once the caller's privilege and the realm are known. */
@FunctionalInterface
public interface RealmHandler {
    void handle(Context ctx, Realm realm, AdminPrincipal admin) throws Exception;
}
