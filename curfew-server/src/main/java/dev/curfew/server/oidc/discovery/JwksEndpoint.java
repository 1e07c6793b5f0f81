package dev.curfew.server.oidc.discovery;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** RFC 7517 JWK Set of the realm's public keys: the active one and those kept for tokens still in flight. */
public final class JwksEndpoint implements Handler {
    private final RealmResolver realms;
    private final RealmKeys keys;

    public JwksEndpoint(RealmResolver realms, RealmKeys keys) {
        this.realms = realms;
        this.keys = keys;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        ctx.header("Cache-Control", "public, max-age=60")
                .contentType("application/jwk-set+json")
                .result(keys.forRealm(realm.id()).publicJwks().toString(true));
    }
}
