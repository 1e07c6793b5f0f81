package dev.curfew.server.oidc.token;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.ClientAuthenticator;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The token endpoint (RFC 6749 §3.2): authenticates the client, then hands the request to its grant. */
public final class TokenEndpoint implements Handler {
    private final RealmResolver realms;
    private final ClientAuthenticator clientAuthenticator;
    private final RequestInfo requestInfo;
    private final Map<String, Grant> grants;

    public TokenEndpoint(
            RealmResolver realms,
            ClientAuthenticator clientAuthenticator,
            RequestInfo requestInfo,
            List<Grant> grants) {
        this.realms = realms;
        this.clientAuthenticator = clientAuthenticator;
        this.requestInfo = requestInfo;
        this.grants = grants.stream().collect(Collectors.toUnmodifiableMap(Grant::type, Function.identity()));
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        Params params = Params.form(ctx);
        String grantType = params.require("grant_type");
        Grant grant = grants.get(grantType);
        if (grant == null) {
            throw OAuthError.unsupportedGrantType("Unsupported grant_type: " + grantType);
        }
        Client client = clientAuthenticator.authenticate(ctx, realm, params, true);
        IssuedTokens tokens;
        try {
            tokens = grant.handle(new TokenRequest(ctx, realm, client, params, requestInfo.issuer(ctx, realm.name())));
        } catch (TokenIssuer.SessionEndedException e) {
            // Signed out between the grant's checks and the issue: RFC 6749 §5.2 invalid_grant, as a moment later.
            throw OAuthError.invalidGrant("The session has ended");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.expiresIn());
        tokens.refreshToken().ifPresent(t -> body.put("refresh_token", t));
        tokens.idToken().ifPresent(t -> body.put("id_token", t));
        body.put("scope", tokens.scope());
        // RFC 6749 §5.1: responses carrying tokens must not be cached.
        ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache").json(body);
    }
}
