package dev.curfew.server.oidc.userinfo;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.token.Scopes;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.engine.token.UserClaims;
import dev.curfew.engine.token.VerifiedAccessToken;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * OIDC Core §5.3: the claims of the user behind a valid access token. The token is checked against the
 * validity rule, so a signed-out session gets 401 at once, not when its token expires.
 */
public final class UserinfoEndpoint implements Handler {
    private final RealmResolver realms;
    private final TokenVerifier verifier;

    public UserinfoEndpoint(RealmResolver realms, TokenVerifier verifier) {
        this.realms = realms;
        this.verifier = verifier;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        String token =
                bearer(ctx).orElseThrow(() -> new OAuthError(401, "invalid_token", "An access token is required"));
        VerifiedAccessToken verified = verifier.verifyAccessToken(realm, token)
                .orElseThrow(() -> OAuthError.invalidToken("The access token is invalid, expired or revoked"));
        if (verified.user().isEmpty()) {
            throw OAuthError.invalidToken("The access token does not belong to a user");
        }
        Object scopeClaim = verified.claims().getClaim("scope");
        Scopes scopes = Scopes.granted(scopeClaim == null ? "" : scopeClaim.toString());
        if (!scopes.has(Scopes.OPENID)) {
            throw new OAuthError(403, "insufficient_scope", "The access token lacks the openid scope");
        }
        ctx.header("Cache-Control", "no-store")
                .json(UserClaims.of(verified.user().get(), scopes));
    }

    /** RFC 6750 §2.1 (header) and §2.2 (form body). */
    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).strip());
        }
        if (ctx.method().name().equals("POST")
                && ctx.contentType() != null
                && ctx.contentType().startsWith("application/x-www-form-urlencoded")) {
            return Optional.ofNullable(ctx.formParam("access_token"));
        }
        return Optional.empty();
    }
}
