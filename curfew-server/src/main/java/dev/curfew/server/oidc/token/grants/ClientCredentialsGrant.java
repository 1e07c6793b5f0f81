package dev.curfew.server.oidc.token.grants;

import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.Scopes;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.oidc.token.Grant;
import dev.curfew.server.oidc.token.TokenRequest;

/**
 * RFC 6749 §4.4: a confidential client acting on its own behalf. No refresh token (§4.4.3) and no
 * session: the client's and the realm's cut-offs still apply to its tokens.
 */
public final class ClientCredentialsGrant implements Grant {
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public String type() {
        return "client_credentials";
    }

    @Override
    public IssuedTokens handle(TokenRequest request) {
        if (request.client().publicClient() || !request.client().serviceAccounts()) {
            throw OAuthError.unauthorizedClient("This client may not use the client_credentials grant");
        }
        Scopes scopes = Scopes.granted(request.params().get("scope").orElse(""));
        return issuer.issueForClient(request.issuer(), request.realm(), request.client(), scopes);
    }
}
