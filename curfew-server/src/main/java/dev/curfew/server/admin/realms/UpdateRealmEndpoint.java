package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.realm.RealmService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code PUT /admin/realms/{realm}}: changes the display name, enabled flag and lifetimes; absent fields
 * stay as they are. A realm cannot be renamed (its name is in every issuer and token), and the master
 * realm cannot be disabled: that would lock every administrator out.
 */
public final class UpdateRealmEndpoint implements Handler {
    private final RealmService realms;
    private final Lookups lookups;
    private final AdminAuth auth;

    public UpdateRealmEndpoint(RealmService realms, Lookups lookups, AdminAuth auth) {
        this.realms = realms;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String name = ctx.pathParam("realm");
        auth.require(ctx, Privilege.SYSTEM_ADMINISTRATOR, name);
        Realm before = lookups.realm(name);
        RealmRepresentation rep = RequestBody.read(ctx, RealmRepresentation.class);
        FieldProblems problems = new FieldProblems();
        if (rep.realm() != null && !rep.realm().equals(name)) {
            problems.add("realm", "a realm cannot be renamed");
        }
        if (Boolean.FALSE.equals(rep.enabled()) && name.equals(Realm.MASTER)) {
            problems.add("enabled", "the master realm cannot be disabled: it holds the administrators");
        }
        problems.throwIfAny();
        Realm after = before.withSettings(RealmSettingsInput.apply(before.settings(), rep));
        if (rep.displayName() != null) {
            after = after.withDisplayName(rep.displayName());
        }
        if (rep.enabled() != null) {
            after = after.withEnabled(rep.enabled());
        }
        realms.update(before, after);
        Responses.noContent(ctx);
    }
}
