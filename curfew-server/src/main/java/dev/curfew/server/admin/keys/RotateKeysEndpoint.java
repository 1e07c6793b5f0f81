package dev.curfew.server.admin.keys;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.keys.KeyRotation;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /admin/realms/{realm}/keys/rotations} [SYSTEM_ADMINISTRATOR, as every realm setting]: a new
 * signing key signs from now on. Without {@code retireOld} the old keys verify until the tokens they signed
 * have expired; with it they are retired at once, so every token they signed is refused — by Curfew at once,
 * by resource servers at their next fetch of the JWKS. Audited with the reason, in the same transaction.
 */
public final class RotateKeysEndpoint implements RealmHandler {
    private final KeyRotation rotation;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public RotateKeysEndpoint(KeyRotation rotation, RequestInfo requestInfo, Clock clock) {
        this.rotation = rotation;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    /** The answer: the new key and what became of the old ones. */
    public record RotationRepresentation(
            String realm, boolean retireOld, KeyRepresentation key, List<KeyRepresentation> oldKeys) {}

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        KeyRotationInput.Checked input =
                RequestBody.read(ctx, KeyRotationInput.class).check();
        KeyRotation.Rotated done = rotation.rotate(
                realm,
                input.retireOld(),
                input.reason(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo));
        Instant now = clock.instant();
        Responses.created(
                ctx,
                requestInfo,
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
