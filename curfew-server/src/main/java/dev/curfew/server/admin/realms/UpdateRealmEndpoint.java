package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code PUT /admin/realms/{realm}}: changes the display name, enabled flag, lifetimes and brute-force protection;
 * absent fields stay as they are. A realm cannot be renamed (its name is in every issuer and token), and the master
 * realm cannot be disabled, nor given a permanent lockout: either would let anyone lock every administrator out.
 */
public final class UpdateRealmEndpoint implements RealmHandler {
    private final RealmService realms;
    private final SignOutService signOuts;
    private final RequestInfo requestInfo;

    public UpdateRealmEndpoint(RealmService realms, SignOutService signOuts, RequestInfo requestInfo) {
        this.realms = realms;
        this.signOuts = signOuts;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm before, AdminPrincipal admin) {
        RealmRepresentation rep = RequestBody.read(ctx, RealmRepresentation.class);
        FieldProblems problems = new FieldProblems();
        if (rep.realm() != null && !rep.realm().equals(before.name())) {
            problems.add("realm", "a realm cannot be renamed");
        }
        if (Boolean.FALSE.equals(rep.enabled()) && before.name().equals(Realm.MASTER)) {
            problems.add("enabled", "the master realm cannot be disabled: it holds the administrators");
        }
        if (Boolean.TRUE.equals(rep.permanentLockout()) && before.name().equals(Realm.MASTER)) {
            problems.add(
                    "permanentLockout",
                    "the master realm cannot lock out permanently: anyone could disable every administrator by"
                            + " guessing their passwords wrong");
        }
        long currentNotBefore = before.notBefore().map(Instant::getEpochSecond).orElse(0L);
        boolean signOut = rep.notBefore() != null && rep.notBefore() != currentNotBefore;
        if (signOut && rep.notBefore() < currentNotBefore) {
            problems.add("notBefore", "a cut-off cannot be moved back: that would bring signed-out sessions back");
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
        if (signOut) {
            // Keycloak's "Revocation > Set to now" writes notBefore: here that is a realm sign-out, with the
            // cut-off at the moment of the call, audited and in the history.
            signOuts.signOut(
                    after,
                    new SignOutScope.Realm(),
                    "notBefore set through the realm representation",
                    Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, before.name(), requestInfo),
                    Optional.empty(),
                    n -> {});
        }
        Responses.noContent(ctx);
    }
}
