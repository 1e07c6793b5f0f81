package dev.curfew.server.admin.realms;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmName;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.server.admin.AdminHandler;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code POST /admin/realms}: creates a realm with its first signing key. Needs SYSTEM_ADMINISTRATOR for
 * all realms, since a new realm is outside every narrower grant. Absent settings take Curfew's defaults;
 * unlike Keycloak, an absent {@code enabled} means enabled.
 */
public final class CreateRealmEndpoint implements AdminHandler {
    private final RealmService realms;
    private final RequestInfo requestInfo;

    public CreateRealmEndpoint(RealmService realms, RequestInfo requestInfo) {
        this.realms = realms;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, AdminPrincipal admin) {
        RealmRepresentation rep = RequestBody.read(ctx, RealmRepresentation.class);
        if (!RealmName.isValid(rep.realm())) {
            throw FieldProblems.single(
                    "realm", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        RealmSettings settings = RealmSettingsInput.apply(RealmSettings.DEFAULTS, rep);
        Realm realm;
        try {
            realm = realms.create(
                    rep.realm(),
                    rep.displayName() == null ? "" : rep.displayName(),
                    rep.enabled() == null || rep.enabled(),
                    settings);
        } catch (DuplicateException e) {
            throw Problem.conflict("A realm named '" + rep.realm() + "' already exists");
        }
        Responses.created(ctx, requestInfo, "/admin/realms/" + realm.name(), RealmRepresentation.of(realm));
    }
}
