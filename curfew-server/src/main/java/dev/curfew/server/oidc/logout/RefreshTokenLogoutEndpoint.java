package dev.curfew.server.oidc.logout;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.session.SessionService;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.oidc.ClientAuthenticator;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Keycloak's logout for applications without a browser (its command line, scripts, back-ends): {@code POST} to the
 * logout endpoint with {@code refresh_token} and the client's authentication ends the session that token belongs
 * to and answers {@code 204}. Nothing is asked: unlike an {@code id_token_hint}, which any page can make a browser
 * send, the refresh token is a secret only its client holds. An unknown token, or one of another client or realm,
 * is {@code invalid_grant}.
 */
public final class RefreshTokenLogoutEndpoint implements Handler {
    /** The form field that selects this endpoint over {@link EndSessionEndpoint} on a {@code POST}. */
    public static final String FIELD = "refresh_token";

    private final RealmResolver realms;
    private final ClientAuthenticator clientAuthenticator;
    private final Store store;
    private final SessionService sessions;

    public RefreshTokenLogoutEndpoint(
            RealmResolver realms, ClientAuthenticator clientAuthenticator, Store store, SessionService sessions) {
        this.realms = realms;
        this.clientAuthenticator = clientAuthenticator;
        this.store = store;
        this.sessions = sessions;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        Params params = Params.form(ctx);
        Client client = clientAuthenticator.authenticate(ctx, realm, params, true);
        RefreshToken token = store.tokens()
                .findRefreshToken(Secrets.sha256(params.require(FIELD)))
                .filter(t -> t.realmId().equals(realm.id()) && t.clientId().equals(client.id()))
                .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is invalid or its session has ended"));
        sessions.end(realm, token.sessionId());
        ctx.header("Cache-Control", "no-store").status(204);
    }
}
