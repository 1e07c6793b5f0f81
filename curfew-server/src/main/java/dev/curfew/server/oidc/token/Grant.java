package dev.curfew.server.oidc.token;

import dev.curfew.engine.token.IssuedTokens;

/** One grant type of the token endpoint (RFC 6749 §4). */
public interface Grant {
    /** The {@code grant_type} value this grant answers. */
    String type();

    /** The tokens, or an {@link dev.curfew.server.http.OAuthError}. */
    IssuedTokens handle(TokenRequest request);
}
