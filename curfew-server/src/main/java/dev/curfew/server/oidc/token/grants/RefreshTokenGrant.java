package dev.curfew.server.oidc.token.grants;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.Scopes;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.oidc.token.Grant;
import dev.curfew.server.oidc.token.TokenRequest;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2): every use returns a new refresh token and retires the
 * old one. Presenting a retired token again means two parties hold it — the session is ended, so the
 * thief and the victim both have to log in again and the theft is contained.
 */
public final class RefreshTokenGrant implements Grant {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenGrant.class);

    private final Store store;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final Clock clock;

    public RefreshTokenGrant(Store store, SessionService sessions, TokenIssuer issuer, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "refresh_token";
    }

    @Override
    public IssuedTokens handle(TokenRequest request) {
        String hash = Secrets.sha256(request.params().require("refresh_token"));
        RefreshToken token = store.tokens()
                .findRefreshToken(hash)
                .filter(t -> t.realmId().equals(request.realm().id()))
                .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is invalid"));
        if (!token.clientId().equals(request.client().id())) {
            throw OAuthError.invalidGrant("The refresh token was issued to another client");
        }
        if (token.status() == RefreshToken.Status.ROTATED) {
            throw endSessionOnReuse(request.realm(), token);
        }
        if (token.status() != RefreshToken.Status.ACTIVE || !clock.instant().isBefore(token.expiresAt())) {
            throw OAuthError.invalidGrant("The refresh token is no longer valid");
        }
        SessionService.Active active = sessions.forIssuedToken(
                        request.realm(), request.client(), token.sessionId(), token.issuedAt(), token.expiresAt())
                .orElseThrow(() -> OAuthError.invalidGrant("The session has ended"));
        Scopes granted = Scopes.granted(token.scope());
        Scopes scopes =
                request.params().get("scope").map(s -> narrowed(granted, s)).orElse(granted);
        try {
            // §6: the new refresh token keeps the scope of the one it replaces, even when this refresh narrowed.
            return issuer.rotate(
                    new TokenIssuer.UserGrant(
                            request.issuer(),
                            request.realm(),
                            request.client(),
                            active.user(),
                            active.session(),
                            scopes,
                            Optional.empty()),
                    granted,
                    hash);
        } catch (TokenIssuer.AlreadyRotatedException e) {
            // Lost the race against another use of the same token: that is reuse too.
            throw endSessionOnReuse(request.realm(), token);
        }
    }

    /** RFC 6749 §6: the requested scope must not include any scope not originally granted. */
    private static Scopes narrowed(Scopes granted, String requested) {
        Scopes asked = Scopes.granted(requested);
        if (!granted.values().containsAll(asked.values())) {
            throw OAuthError.invalidScope("The requested scope exceeds the scope originally granted");
        }
        return asked;
    }

    /** Ends the token's session; the answer to give. */
    private OAuthError endSessionOnReuse(Realm realm, RefreshToken token) {
        LOG.warn("refresh token reuse detected: ending session {} of user {}", token.sessionId(), token.userId());
        // RFC 9700 §4.14.2: reuse of a rotated token is a policy decision to end the session (CAEP: "policy").
        sessions.end(realm, token.sessionId(), new SessionEnding.Cause.TokenReuse());
        return OAuthError.invalidGrant("The refresh token was already used; the session has been ended");
    }
}
