package dev.curfew.engine.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.validity.SessionValidity;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * Checks Curfew's own JWTs: signature by one of the realm's keys, type, issuer, expiry, and the validity
 * rule — the session must still exist and be valid, the access token not revoked, and the token issued
 * after every cut-off that applies.
 */
public final class TokenVerifier {
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final long SESSIONS_REMEMBERED = 20_000;
    private static final long ACCESS_TOKENS_REMEMBERED = 4_096;
    private static final Duration ACCESS_TOKEN_REMEMBERED_FOR = Duration.ofMinutes(10);

    private final Store store;
    private final RealmKeys keys;
    private final SessionValidity sessionValidity;
    /**
     * Session rows read by earlier checks, so a token check reads none ({@code docs/architecture.md}, "One source of
     * truth for validity"). A row read earlier can only be behind in its last activity, which makes a session look
     * closer to its idle end than it is; everything that ends a session before its time is in {@link SessionValidity}'s
     * memory (revoked ids, cut-offs) or in the user's and realm's cached rows. So a token valid by the remembered row is
     * valid, and one that is not is checked again against the row. Bounded: a cache, not a copy of the table.
     */
    private final Cache<String, UserSession> sessions =
            Caffeine.newBuilder().maximumSize(SESSIONS_REMEMBERED).build();

    /**
     * Access tokens whose signature was verified, by their exact text: checking a signature is most of what an
     * introspection or a userinfo call costs (RS256 verification is some 45 µs of big-integer arithmetic), and a
     * resource server asks about the same token again and again. Only the signature's result is remembered; every
     * other check (issuer, client, revocation, session, cut-offs, expiry) runs on every call. A remembered token is
     * used only for the realm that verified it, and only while the key that signed it still verifies for that realm,
     * so a key dropped after an incident refuses its tokens at once. Bounded in count and age.
     */
    private final Cache<String, Signed> signedAccessTokens = Caffeine.newBuilder()
            .maximumSize(ACCESS_TOKENS_REMEMBERED)
            .expireAfterWrite(ACCESS_TOKEN_REMEMBERED_FOR)
            .build();

    /** A token whose signature by key {@code kid} of realm {@code realmId} was verified, with its claims. */
    private record Signed(String realmId, String kid, JWTClaimsSet claims) {}

    public TokenVerifier(Store store, RealmKeys keys, SessionValidity sessionValidity) {
        this.store = store;
        this.keys = keys;
        this.sessionValidity = sessionValidity;
    }

    /** The access token when it is valid for the realm right now. */
    public Optional<VerifiedAccessToken> verifyAccessToken(Realm realm, String token) {
        Optional<JWTClaimsSet> parsed = signedAccessToken(realm, token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims = parsed.get();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null || claims.getJWTID() == null || !issuedBy(realm, claims)) {
            return Optional.empty();
        }
        Optional<Client> client = clientOf(realm, claims);
        if (client.isEmpty() || sessionValidity.accessTokenRevoked(claims.getJWTID())) {
            return Optional.empty();
        }
        Optional<String> sid = stringClaim(claims, "sid");
        if (sid.isEmpty()) {
            boolean valid = sessionValidity.clientTokenValid(realm, client.get(), iat.getTime(), exp.toInstant());
            return valid
                    ? Optional.of(new VerifiedAccessToken(claims, client.get(), Optional.empty(), Optional.empty()))
                    : Optional.empty();
        }
        UserSession remembered = sessions.getIfPresent(sid.get());
        if (remembered != null) {
            Optional<VerifiedAccessToken> valid = inSession(realm, claims, client.get(), remembered);
            if (valid.isPresent()) {
                return valid;
            }
        }
        Optional<UserSession> session = store.sessions().findById(sid.get());
        session.ifPresentOrElse(s -> sessions.put(s.id(), s), () -> sessions.invalidate(sid.get()));
        return session.flatMap(s -> inSession(realm, claims, client.get(), s));
    }

    /** The token when its session, as {@code session} shows it, and the token itself are valid. */
    private Optional<VerifiedAccessToken> inSession(
            Realm realm, JWTClaimsSet claims, Client client, UserSession session) {
        Optional<User> user = sessionValidity.validUser(session, realm);
        if (user.isEmpty() || !user.get().id().equals(claims.getSubject())) {
            return Optional.empty();
        }
        // JWT times have one-second precision, so iat can be up to 999 ms earlier than the real issue time.
        // A session's token cannot have been issued before the session was created (stored to the
        // millisecond), so the later of the two is still a lower bound of the real issue time. Without it,
        // a login in the same second after a sign-out got tokens that were dead for their whole lifetime.
        long issuedAt =
                Math.max(claims.getIssueTime().getTime(), session.createdAt().toEpochMilli());
        boolean valid = sessionValidity.issuedTokenValid(
                realm,
                client,
                user.get(),
                session.id(),
                issuedAt,
                claims.getExpirationTime().toInstant());
        return valid
                ? Optional.of(new VerifiedAccessToken(claims, client, user, Optional.of(session)))
                : Optional.empty();
    }

    /**
     * The claims of a JWT signed by one of the realm's keys with the expected {@code typ}, whatever its
     * expiry (an expired ID token is still a valid logout hint, OIDC RP-Initiated Logout §2).
     */
    public Optional<JWTClaimsSet> verifySignature(Realm realm, String token, JOSEObjectType expectedType) {
        return verify(realm, token, expectedType).map(Signed::claims);
    }

    /** {@link #verifySignature} for an access token, remembered (see {@link #signedAccessTokens}). */
    private Optional<JWTClaimsSet> signedAccessToken(Realm realm, String token) {
        if (token == null) {
            return Optional.empty();
        }
        Signed known = signedAccessTokens.getIfPresent(token);
        if (known != null
                && known.realmId().equals(realm.id())
                && keys.forRealm(realm.id()).verifier(known.kid()).isPresent()) {
            return Optional.of(known.claims());
        }
        Optional<Signed> signed = verify(realm, token, AT_JWT);
        signed.ifPresent(s -> signedAccessTokens.put(token, s));
        return signed.map(Signed::claims);
    }

    private Optional<Signed> verify(Realm realm, String token, JOSEObjectType expectedType) {
        if (token == null || token.isBlank() || token.length() > 16_384) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            if (!expectedType.equals(jwt.getHeader().getType()) || kid == null) {
                return Optional.empty();
            }
            RealmKeys.KeySet keySet = keys.forRealm(realm.id());
            Optional<JWSVerifier> verifier = keySet.verifier(kid);
            if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
                return Optional.empty();
            }
            return Optional.of(new Signed(realm.id(), kid, jwt.getJWTClaimsSet()));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The issuer's host may differ (the realm is reachable under several names), its realm may not. */
    static boolean issuedBy(Realm realm, JWTClaimsSet claims) {
        String issuer = claims.getIssuer();
        return issuer != null && issuer.endsWith("/realms/" + realm.name());
    }

    private Optional<Client> clientOf(Realm realm, JWTClaimsSet claims) {
        return stringClaim(claims, "client_id").flatMap(id -> store.clients().findByClientId(realm.id(), id));
    }

    static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
