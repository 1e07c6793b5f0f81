package dev.curfew.server.admin.keys;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /admin/realms/{realm}/keys/rotations} [SYSTEM_ADMINISTRATOR, as every realm setting]: a new
 * signing key signs from now on. Without {@code retireOld} the old keys verify until the tokens they signed
 * have expired; with it they are retired at once, so every token they signed is refused — by Curfew at once,
 * by resource servers at their next fetch of the JWKS. Audited with the reason, in the same transaction.
 */
public final class RotateKeysEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public RotateKeysEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    /** The answer: the new key and what became of the old ones. */
    public record RotationRepresentation(
            String realm, boolean retireOld, KeyRepresentation key, List<KeyRepresentation> oldKeys) {}

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        AdminPrincipal admin = s.adminAuth().require(ctx, Privilege.SYSTEM_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        KeyRotationInput.Checked input =
                RequestBody.read(ctx, KeyRotationInput.class).check();
        KeyRotation.Rotated done = s.keyRotation()
                .rotate(
                        realm,
                        input.retireOld(),
                        input.reason(),
                        Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realmName, s.requestInfo()));
        Instant now = s.clock().instant();
        Responses.created(
                ctx,
                s.requestInfo(),
                "/admin/realms/" + realm.name() + "/keys",
                new RotationRepresentation(
                        realm.name(),
                        input.retireOld(),
                        KeyRepresentation.of(done.key(), now),
                        done.oldKeys().stream()
                                .map(k -> KeyRepresentation.of(k, now))
                                .toList()));
    }
}
