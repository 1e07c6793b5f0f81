package dev.curfew.server.oidc.revoke;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.validity.AccessTokenRevocation;
import dev.curfew.server.oidc.ClientAuthenticator;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * RFC 7009 token revocation. A refresh token is retired; an access token's id is remembered until it
 * would have expired, so introspection and userinfo refuse it at once. A client can revoke only its own
 * tokens; an unknown or foreign token is answered 200 all the same (§2.2), so the endpoint reveals nothing.
 */
public final class RevocationEndpoint implements Handler {
    private final RealmResolver realms;
    private final ClientAuthenticator clientAuthenticator;
    private final TokenVerifier verifier;
    private final AccessTokenRevocation accessTokens;
    private final Store store;

    public RevocationEndpoint(
            RealmResolver realms,
            ClientAuthenticator clientAuthenticator,
            TokenVerifier verifier,
            AccessTokenRevocation accessTokens,
            Store store) {
        this.realms = realms;
        this.clientAuthenticator = clientAuthenticator;
        this.verifier = verifier;
        this.accessTokens = accessTokens;
        this.store = store;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        Params params = Params.form(ctx);
        Client client = clientAuthenticator.authenticate(ctx, realm, params, true);
        String token = params.require("token");
        String hash = Secrets.sha256(token);
        store.tokens()
                .findRefreshToken(hash)
                .filter(t -> t.realmId().equals(realm.id()) && t.clientId().equals(client.id()))
                .ifPresentOrElse(
                        t -> store.tokens().revokeRefreshToken(hash), () -> revokeAccessToken(realm, client, token));
        ctx.header("Cache-Control", "no-store").status(200);
    }

    private void revokeAccessToken(Realm realm, Client client, String token) {
        verifier.verifySignature(realm, token, new JOSEObjectType("at+jwt")).ifPresent(claims -> {
            if (Objects.equals(claim(claims, "client_id"), client.clientId())
                    && claims.getJWTID() != null
                    && claims.getExpirationTime() != null) {
                accessTokens.revoke(
                        realm, claims.getJWTID(), claims.getExpirationTime().toInstant());
            }
        });
    }

    private static Object claim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name);
    }
}
