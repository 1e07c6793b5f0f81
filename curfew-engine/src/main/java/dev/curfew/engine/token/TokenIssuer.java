package dev.curfew.engine.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.client.Client;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.SessionExpiry;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.keys.RealmKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mints tokens. Access tokens are JWTs per RFC 9068 ({@code typ: at+jwt}); ID tokens per OIDC Core §2;
 * refresh tokens are opaque 256-bit secrets stored as their SHA-256. Every token of a user carries the
 * session id ({@code sid}), the issue time and a unique {@code jti}, so any of them can be traced back to
 * the session an administrator signs out.
 */
public final class TokenIssuer {
    /** Claim carrying an administrator's privileges in master-realm access tokens: {@code PRIVILEGE@realm}. */
    public static final String PRIVILEGES_CLAIM = "curfew_privileges";

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final Store store;
    private final RealmKeys keys;
    private final Clock clock;

    public TokenIssuer(Store store, RealmKeys keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** The session was ended (signed out) while its tokens were being issued. */
    public static final class SessionEndedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionEndedException(String sessionId, Throwable cause) {
            super("session " + sessionId + " ended while tokens were being issued", cause);
        }
    }

    /**
     * The refresh token a refresh presented was rotated by another request first: two parties hold it (RFC 9700
     * §4.14.2). Nothing was issued.
     */
    public static final class AlreadyRotatedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyRotatedException() {
            super("the refresh token was rotated by another request", null, false, false);
        }
    }

    /** What a user-bound token request asks for. */
    public record UserGrant(
            String issuer,
            Realm realm,
            Client client,
            User user,
            UserSession session,
            Scopes scopes,
            Optional<String> nonce) {}

    /** Access, ID (for {@code openid}) and refresh tokens for a user's session; records the client session. */
    public IssuedTokens issueForSession(UserGrant grant) {
        return issueForSession(grant, grant.scopes());
    }

    /**
     * Like {@link #issueForSession(UserGrant)}, with the refresh token carrying {@code refreshTokenScopes}:
     * a refresh that narrows the scope keeps the original one in the new refresh token (RFC 6749 §6).
     */
    public IssuedTokens issueForSession(UserGrant grant, Scopes refreshTokenScopes) {
        return issue(grant, refreshTokenScopes, tx -> {}, false);
    }

    /**
     * Tokens for a session that starts with them (the password grant): {@code startSession} stores the session in
     * the transaction that stores the tokens' rows, first. A sign-in is then one commit, and a crash leaves either
     * the session with its refresh token or neither. Whatever {@code startSession} throws is thrown as it is, and
     * nothing is stored.
     */
    public IssuedTokens issueForNewSession(UserGrant grant, Consumer<Store> startSession) {
        return issue(grant, grant.scopes(), startSession, true);
    }

    /**
     * A refresh (RFC 6749 §6): retires the refresh token whose hash is {@code presentedHash} and issues its
     * successors, in one transaction. Either the old token is rotated and the new one stored, or neither: a crash
     * between the two cannot leave the client with no usable refresh token, nor with two.
     *
     * @throws AlreadyRotatedException when another request rotated the token first (nothing is issued)
     */
    public IssuedTokens rotate(UserGrant grant, Scopes refreshTokenScopes, String presentedHash) {
        return issue(
                grant,
                refreshTokenScopes,
                tx -> {
                    if (!tx.tokens().markRotated(presentedHash)) {
                        throw new AlreadyRotatedException();
                    }
                },
                false);
    }

    /**
     * Signs the tokens, then stores the refresh token and the client session in one transaction, after {@code first}
     * (a rotation's retiring of the presented token, or a new session's rows).
     */
    private IssuedTokens issue(UserGrant grant, Scopes refreshTokenScopes, Consumer<Store> first, boolean newSession) {
        Instant now = clock.instant();
        Duration lifespan = grant.client().accessTokenLifespanOr(grant.realm().accessTokenLifespan());
        Instant sessionEnd = SessionExpiry.expiresAt(
                grant.session().touchedAt(now), grant.realm().settings());
        // A high-risk period of one of the user's groups shortens both (GroupLifetimes).
        Optional<GroupLifetimes.ForMember> shorter =
                store.groups().lifetimesOf(grant.user().id(), now);
        if (shorter.isPresent()) {
            lifespan = min(lifespan, shorter.get().accessTokenLifespan());
            Instant refreshEnd = now.plus(shorter.get().refreshTokenLifespan());
            sessionEnd = refreshEnd.isBefore(sessionEnd) ? refreshEnd : sessionEnd;
        }
        String accessToken = accessToken(grant, now, lifespan);
        Optional<String> idToken =
                grant.scopes().has(Scopes.OPENID) ? Optional.of(idToken(grant, now)) : Optional.empty();

        String refreshSecret = Secrets.newSecret();
        RefreshToken refreshToken = new RefreshToken(
                Secrets.sha256(refreshSecret),
                grant.realm().id(),
                grant.session().id(),
                grant.client().id(),
                grant.user().id(),
                refreshTokenScopes.toString(),
                now,
                sessionEnd,
                RefreshToken.Status.ACTIVE);
        ClientSession clientSession =
                new ClientSession(grant.session().id(), grant.client().id(), now, now, Optional.of(grant.issuer()));
        try {
            // One transaction, so one commit: each commit of the embedded database writes to its file.
            store.inTransaction(tx -> {
                first.accept(tx);
                tx.tokens().saveRefreshToken(refreshToken);
                if (newSession) {
                    tx.sessions().createClientSession(clientSession);
                } else {
                    tx.sessions().recordClientSession(clientSession);
                    tx.sessions().touch(grant.session().id(), now);
                }
                return null;
            });
        } catch (AlreadyRotatedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (newSession) {
                // Nothing of the session was stored: no sign-out can have ended it.
                throw e;
            }
            // A sign-out can remove the session between the grant's validity check and these writes; the
            // foreign keys then refuse rows for it. That is a session that has ended, not a server error.
            if (store.sessions().findById(grant.session().id()).isEmpty()) {
                throw new SessionEndedException(grant.session().id(), e);
            }
            throw e;
        }
        return new IssuedTokens(
                accessToken,
                lifespan.toSeconds(),
                idToken,
                Optional.of(refreshSecret),
                grant.scopes().toString());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** An access token for a client acting on its own behalf (client credentials): no user, no session. */
    public IssuedTokens issueForClient(String issuer, Realm realm, Client client, Scopes scopes) {
        Instant now = clock.instant();
        Duration lifespan = client.accessTokenLifespanOr(realm.accessTokenLifespan());
        JWTClaimsSet claims = base(issuer, client, now, lifespan)
                .subject(client.id())
                .claim("scope", scopes.toString())
                .build();
        return new IssuedTokens(
                sign(realm, claims, AT_JWT),
                lifespan.toSeconds(),
                Optional.empty(),
                Optional.empty(),
                scopes.toString());
    }

    private String accessToken(UserGrant grant, Instant now, Duration lifespan) {
        JWTClaimsSet.Builder claims = base(grant.issuer(), grant.client(), now, lifespan)
                .subject(grant.user().id())
                .claim("sid", grant.session().id())
                .claim("auth_time", grant.session().createdAt().getEpochSecond())
                .claim("scope", grant.scopes().toString())
                .claim("preferred_username", grant.user().username());
        if (grant.realm().name().equals(Realm.MASTER)) {
            List<String> privileges = store.privileges().forUser(grant.user().id()).stream()
                    .map(PrivilegeGrant::claimValue)
                    .toList();
            claims.claim(PRIVILEGES_CLAIM, privileges);
        }
        return sign(grant.realm(), claims.build(), AT_JWT);
    }

    private String idToken(UserGrant grant, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(grant.issuer())
                .subject(grant.user().id())
                .audience(grant.client().clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(grant.realm().accessTokenLifespan())))
                .jwtID(Secrets.newId())
                .claim("azp", grant.client().clientId())
                .claim("sid", grant.session().id())
                .claim("auth_time", grant.session().createdAt().getEpochSecond())
                .claim("acr", AuthMethods.acr(grant.session().authMethods()));
        List<String> amr = AuthMethods.amr(grant.session().authMethods());
        if (!amr.isEmpty()) {
            claims.claim("amr", amr);
        }
        grant.nonce().ifPresent(n -> claims.claim("nonce", n));
        UserClaims.add(claims, grant.user(), grant.scopes());
        return sign(grant.realm(), claims.build(), JOSEObjectType.JWT);
    }

    private static JWTClaimsSet.Builder base(String issuer, Client client, Instant now, Duration lifespan) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(client.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifespan)))
                .jwtID(Secrets.newId())
                .claim("client_id", client.clientId())
                .claim("azp", client.clientId());
    }

    private String sign(Realm realm, JWTClaimsSet claims, JOSEObjectType type) {
        return sign(realm.id(), claims, type);
    }

    /** Signs {@code claims} with the realm's active key, the header naming {@code type} and the key id. */
    public String sign(String realmId, JWTClaimsSet claims, JOSEObjectType type) {
        RealmKeys.KeySet keySet = keys.forRealm(realmId);
        JWSHeader header = new JWSHeader.Builder(keySet.algorithm())
                .type(type)
                .keyID(keySet.activeKid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(keySet.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed for realm " + realmId, e);
        }
        return jwt.serialize();
    }
}
