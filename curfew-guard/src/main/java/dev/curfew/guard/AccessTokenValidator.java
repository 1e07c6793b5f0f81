package dev.curfew.guard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an access token per RFC 9068 §4, then asks the revocation state and the fail-safe. Each refusal
 * is a constant, so a refused token allocates no answer; a token seen before is not parsed or verified
 * again (see {@link Verified}).
 */
final class AccessTokenValidator {
    static final GuardDecision.Refused MALFORMED = GuardDecision.Refused.invalidToken("malformed token");
    static final GuardDecision.Refused WRONG_TYPE = GuardDecision.Refused.invalidToken("not an access token (typ)");
    static final GuardDecision.Refused WRONG_ALGORITHM =
            GuardDecision.Refused.invalidToken("signature algorithm not accepted");
    static final GuardDecision.Refused UNKNOWN_KEY = GuardDecision.Refused.invalidToken("unknown signing key");
    static final GuardDecision.Refused BAD_SIGNATURE = GuardDecision.Refused.invalidToken("invalid signature");
    static final GuardDecision.Refused WRONG_ISSUER = GuardDecision.Refused.invalidToken("wrong issuer");
    static final GuardDecision.Refused WRONG_AUDIENCE = GuardDecision.Refused.invalidToken("wrong audience");
    static final GuardDecision.Refused EXPIRED = GuardDecision.Refused.invalidToken("token expired");
    static final GuardDecision.Refused NOT_YET_VALID = GuardDecision.Refused.invalidToken("token not yet valid");
    static final GuardDecision.Refused MISSING_CLAIM = GuardDecision.Refused.invalidToken("required claim missing");
    static final GuardDecision.Refused TOO_LONG_LIVED =
            GuardDecision.Refused.invalidToken("token lifetime longer than accepted");
    static final GuardDecision.Refused SIGNED_OUT = GuardDecision.Refused.invalidToken("token signed out");
    static final GuardDecision.Refused FAIL_SAFE =
            GuardDecision.Refused.invalidToken("sign-out feed unavailable; get a fresh token");

    /** RFC 9068 §4: {@code at+jwt}, or its full media type {@code application/at+jwt}. */
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");
    private static final int MAX_TOKEN_CHARS = 16_384;

    private final String issuer;
    private final Set<String> audiences;
    private final long skewMillis;
    private final long maxLifetimeMillis;
    private final Clock clock;
    private final JwksCache keys;
    private final RevocationFeed feed;
    private final int cacheSize;
    private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();

    AccessTokenValidator(
            String issuer,
            Set<String> audiences,
            long skewMillis,
            long maxLifetimeMillis,
            Clock clock,
            JwksCache keys,
            RevocationFeed feed,
            int cacheSize) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.skewMillis = skewMillis;
        this.maxLifetimeMillis = maxLifetimeMillis;
        this.clock = clock;
        this.keys = keys;
        this.feed = feed;
        this.cacheSize = cacheSize;
    }

    GuardDecision validate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return MALFORMED;
        }
        Verified known = cacheSize > 0 ? cache.get(token) : null;
        if (known != null && keys.stillHas(known.kid)) {
            return decide(known);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        String kid;
        try {
            jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!accessTokenType(header.getType())) {
                return WRONG_TYPE;
            }
            JWSAlgorithm alg = header.getAlgorithm();
            if (!JwksCache.ALGORITHMS.contains(alg)) {
                return WRONG_ALGORITHM;
            }
            kid = header.getKeyID();
            if (kid == null) {
                return UNKNOWN_KEY;
            }
            JwksCache.Key key = keys.key(kid);
            if (key == null) {
                return UNKNOWN_KEY;
            }
            if (!key.algorithm().equals(alg)) {
                return WRONG_ALGORITHM;
            }
            if (!jwt.verify(key.verifier())) {
                return BAD_SIGNATURE;
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return MALFORMED;
        } catch (JOSEException | IllegalStateException e) {
            return BAD_SIGNATURE;
        }
        return validateClaims(token, kid, claims);
    }

    /**
     * A token whose signature and time-independent claims passed. What can change while it lives — the time,
     * the sign-outs, the feed, the keys — is checked again at each use; the rest is not re-done: a token seen
     * again (an access token is sent with every request of its client) costs a map lookup, not a parse and
     * a signature verification, and allocates nothing.
     */
    private record Verified(
            GuardDecision.Allowed allowed,
            String kid,
            long expMillis,
            long nbfMillis,
            long iatMillis,
            String clientId,
            String subject,
            String sessionId) {}

    private GuardDecision validateClaims(String token, String kid, JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            return WRONG_ISSUER;
        }
        if (!acceptedAudience(claims.getAudience())) {
            return WRONG_AUDIENCE;
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        String subject = claims.getSubject();
        String jti = claims.getJWTID();
        if (exp == null || iat == null || subject == null || jti == null) {
            return MISSING_CLAIM;
        }
        String clientId;
        String sid;
        String scope;
        try {
            clientId = claims.getStringClaim("client_id");
            sid = claims.getStringClaim("sid");
            scope = claims.getStringClaim("scope");
        } catch (ParseException e) {
            return MALFORMED;
        }
        if (clientId == null) {
            return MISSING_CLAIM;
        }
        long expMillis = exp.getTime();
        long iatMillis = iat.getTime();
        if (expMillis - iatMillis > maxLifetimeMillis) {
            // What the guard forgets relies on it: no accepted token outlives maxLifetime after its iat.
            return TOO_LONG_LIVED;
        }
        Date nbf = claims.getNotBeforeTime();
        GuardDecision.Allowed allowed = new GuardDecision.Allowed(new VerifiedToken(
                subject,
                clientId,
                Optional.ofNullable(sid),
                scope == null ? "" : scope,
                iat.toInstant(),
                exp.toInstant(),
                jti,
                claims));
        Verified verified = new Verified(
                allowed, kid, expMillis, nbf == null ? 0 : nbf.getTime(), iatMillis, clientId, subject, sid);
        GuardDecision decision = decide(verified);
        if (decision != EXPIRED && cacheSize > 0) {
            remember(token, verified);
        }
        return decision;
    }

    /** The checks that can change while a token lives: time, sign-outs, fail-safe. Allocates nothing. */
    private GuardDecision decide(Verified token) {
        long now = clock.millis();
        if (now >= token.expMillis + skewMillis) {
            return EXPIRED;
        }
        if (now < token.nbfMillis - skewMillis) {
            return NOT_YET_VALID;
        }
        if (feed.signedOut(token.clientId, token.subject, token.sessionId, token.iatMillis)) {
            return SIGNED_OUT;
        }
        if (!feed.failSafeAccepts(now, token.iatMillis)) {
            return FAIL_SAFE;
        }
        return token.allowed;
    }

    private void remember(String token, Verified verified) {
        if (cache.size() >= cacheSize) {
            long now = clock.millis();
            cache.values().removeIf(v -> now >= v.expMillis + skewMillis);
            if (cache.size() >= cacheSize) {
                cache.clear(); // more live tokens than the cache holds: start over rather than track recency
            }
        }
        cache.put(token, verified);
    }

    private boolean acceptedAudience(List<String> aud) {
        for (int i = 0; i < aud.size(); i++) {
            if (audiences.contains(aud.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean accessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        return type.getType().equalsIgnoreCase(AT_JWT.getType())
                || type.getType().equalsIgnoreCase(APPLICATION_AT_JWT.getType());
    }
}
