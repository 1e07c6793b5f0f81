package dev.curfew.engine.backchannel;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.engine.token.TokenIssuer;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Logout tokens, OpenID Connect Back-Channel Logout 1.0 §2.4. What a token says (iss, aud, sub, sid, jti,
 * events) is fixed when the session ends and kept in the outbox; the token is signed when it is sent, with
 * {@code iat} the time of that attempt and {@code exp} {@link #LIFETIME} later. So a token retried for hours
 * is never stale on arrival, and it is always signed with the realm's current key, while its {@code jti} stays
 * the same across attempts.
 */
public final class LogoutTokens {
    /** §2.4 header {@code typ}: explicit typing, so a logout token cannot be taken for an ID token (§2.4, §4.1). */
    public static final JOSEObjectType TYPE = new JOSEObjectType("logout+jwt");
    /** §2.4 {@code events} member naming the back-channel logout event. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /**
     * {@code exp} − {@code iat}. §2.4 recommends a short lifetime, two minutes given as the example; the receiver
     * only has to check the token on arrival, and each attempt signs a fresh one.
     */
    public static final Duration LIFETIME = Duration.ofMinutes(2);

    private final TokenIssuer issuer;
    private final Clock clock;

    public LogoutTokens(TokenIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * The claims fixed when the session ends: {@code sid} and {@code sub} are both sent (§2.4 requires at least
     * one; receivers such as Spring Security match on either), and never a {@code nonce} (§2.4 forbids it).
     */
    public static JWTClaimsSet content(
            String issuerUrl, String clientId, String subject, String sessionId, String jti) {
        return new JWTClaimsSet.Builder()
                .issuer(issuerUrl)
                .audience(clientId)
                .subject(subject)
                .claim("sid", sessionId)
                .jwtID(jti)
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
    }

    /** The signed logout token for the stored content, issued now. */
    public String sign(String realmId, String storedContent) {
        JWTClaimsSet content;
        try {
            content = JWTClaimsSet.parse(storedContent);
        } catch (ParseException e) {
            throw new IllegalArgumentException("stored logout token content is not a claims set", e);
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(content)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        return issuer.sign(realmId, claims, TYPE);
    }
}
