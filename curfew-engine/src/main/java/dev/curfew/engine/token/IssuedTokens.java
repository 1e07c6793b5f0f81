package dev.curfew.engine.token;

import java.util.Optional;

/** What the token endpoint returns (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
public record IssuedTokens(
        String accessToken, long expiresIn, Optional<String> idToken, Optional<String> refreshToken, String scope) {}
