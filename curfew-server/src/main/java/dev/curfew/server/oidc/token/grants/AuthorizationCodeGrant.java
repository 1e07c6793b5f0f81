package dev.curfew.server.oidc.token.grants;

import dev.curfew.core.store.Store;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.CodeRedemption;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.session.SessionEnding;
import dev.curfew.engine.session.SessionService;
import dev.curfew.engine.token.IssuedTokens;
import dev.curfew.engine.token.Scopes;
import dev.curfew.engine.token.TokenIssuer;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.oidc.token.Grant;
import dev.curfew.server.oidc.token.TokenRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6): exchanges a one-time code for tokens. */
public final class AuthorizationCodeGrant implements Grant {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeGrant.class);
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final Store store;
    private final SessionService sessions;
    private final TokenIssuer issuer;
    private final Clock clock;

    public AuthorizationCodeGrant(Store store, SessionService sessions, TokenIssuer issuer, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "authorization_code";
    }

    @Override
    public IssuedTokens handle(TokenRequest request) {
        String code = request.params().require("code");
        String redirectUri = request.params().require("redirect_uri");
        // Redeemed before any check: a code is single-use even when the exchange fails.
        AuthorizationCode stored = switch (store.tokens().redeemCode(Secrets.sha256(code), clock.instant())) {
            case CodeRedemption.Redeemed r -> r.code();
            case CodeRedemption.Replayed r -> throw replayed(request, r.code());
            case CodeRedemption.Unknown u ->
                throw OAuthError.invalidGrant("The authorization code is invalid, expired or already used");
        };
        if (!stored.clientId().equals(request.client().id())
                || !stored.realmId().equals(request.realm().id())) {
            throw OAuthError.invalidGrant("The authorization code was issued to another client");
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw OAuthError.invalidGrant("The authorization code has expired");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request");
        }
        verifyPkce(stored, request.params().get("code_verifier"));
        SessionService.Active active = sessions.forIssuedToken(
                        request.realm(), request.client(), stored.sessionId(), stored.issuedAt(), stored.expiresAt())
                .orElseThrow(() -> OAuthError.invalidGrant("The session behind this code has ended"));
        User user = active.user();
        return issuer.issueForSession(new TokenIssuer.UserGrant(
                request.issuer(),
                request.realm(),
                request.client(),
                user,
                active.session(),
                Scopes.granted(stored.scope()),
                stored.nonce()));
    }

    /**
     * RFC 6749 §4.1.2: a code used more than once MUST be refused, and what it issued SHOULD be revoked. A second use
     * means the code leaked (RFC 9700 §4.5, code injection), and nothing tells which use was the legitimate client's,
     * so the session it was issued in ends — by policy ({@link SessionEnding.Cause.TokenReuse}), like refresh-token reuse. Revoking only
     * the first exchange's refresh token and access token id would leave its access tokens valid wherever they are
     * checked locally ({@code curfew-guard}, which learns of ended sessions, not of single tokens); ending the
     * session reaches every token it issued, everywhere, and notifies its relying parties.
     */
    private OAuthError replayed(TokenRequest request, AuthorizationCode code) {
        if (!code.realmId().equals(request.realm().id()) || !clock.instant().isBefore(code.expiresAt())) {
            return OAuthError.invalidGrant("The authorization code is invalid, expired or already used");
        }
        LOG.warn(
                "authorization code used again: ending session {} of user {}, which it was issued in",
                code.sessionId(),
                code.userId());
        sessions.end(request.realm(), code.sessionId(), new SessionEnding.Cause.TokenReuse());
        return OAuthError.invalidGrant(
                "The authorization code was already used; the session it was issued in has been ended");
    }

    /** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the challenge. */
    private static void verifyPkce(AuthorizationCode stored, Optional<String> verifier) {
        if (stored.codeChallenge().isEmpty()) {
            if (verifier.isPresent()) {
                throw OAuthError.invalidGrant(
                        "code_verifier sent, but the authorization request had no code_challenge");
            }
            return;
        }
        if (verifier.isEmpty() || !VERIFIER.matcher(verifier.get()).matches()) {
            throw OAuthError.invalidGrant("A valid code_verifier is required (PKCE)");
        }
        byte[] digest = Secrets.sha256Bytes(verifier.get().getBytes(StandardCharsets.US_ASCII));
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        if (!MessageDigest.isEqual(
                computed.getBytes(StandardCharsets.US_ASCII),
                stored.codeChallenge().get().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
    }
}
