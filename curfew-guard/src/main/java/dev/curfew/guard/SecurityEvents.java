package dev.curfew.guard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;

/**
 * Verifies one Security Event Token from the feed (RFC 8417; SSF 1.0 §4) and applies a CAEP
 * {@code session-revoked} event to a {@link ReceivedSignOuts} by its subject: tenant → realm cut-off,
 * application → client cut-off (keyed by {@code client_id}), user → user cut-off (keyed by {@code sub}),
 * session → revoked session id. Other event types (verification, stream-updated, credential-change) are
 * accepted and ignored: a password change that ends sessions comes with its own session-revoked events.
 */
final class SecurityEvents {
    static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /** What became of one SET: applied or ignored (ack it), refused (report it), or to be tried again. */
    sealed interface Outcome permits Accepted, Refused, Retry {}

    record Accepted() implements Outcome {}

    /** An RFC 8935 §2.4 error code and a description, sent back in the poll's {@code setErrs}. */
    record Refused(String err, String description) implements Outcome {}

    /** The realm's keys could not be fetched: not the SET's fault; leave it unacknowledged. */
    record Retry(String reason) implements Outcome {}

    private static final Accepted ACCEPTED = new Accepted();

    private final String issuer;
    private final String audience;
    private final JwksCache keys;

    SecurityEvents(String issuer, String audience, JwksCache keys) {
        this.issuer = issuer;
        this.audience = audience;
        this.keys = keys;
    }

    Outcome process(String jti, String compact, ReceivedSignOuts target) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            JWSHeader header = jwt.getHeader();
            if (!secEventType(header.getType())) {
                return new Refused("invalid_request", "typ is not secevent+jwt");
            }
            JWSAlgorithm alg = header.getAlgorithm();
            if (header.getKeyID() == null || !JwksCache.ALGORITHMS.contains(alg)) {
                return new Refused("invalid_key", "no kid, or an algorithm other than RS256/ES256/EdDSA");
            }
            JwksCache.Key key = keys.keyIgnoringRateLimit(header.getKeyID());
            if (key == null) {
                return keys.lastError() != null
                        ? new Retry(keys.lastError())
                        : new Refused("invalid_key", "kid not in the issuer's JWKS");
            }
            if (!key.algorithm().equals(alg) || !jwt.verify(key.verifier())) {
                return new Refused("invalid_key", "signature does not verify");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Refused("invalid_request", "not a signed JWT");
        } catch (JOSEException | IllegalStateException e) {
            return new Refused("invalid_key", "signature does not verify");
        }
        if (!issuer.equals(claims.getIssuer())) {
            return new Refused("invalid_issuer", "iss is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return new Refused("invalid_audience", "aud does not name " + audience);
        }
        if (!jti.equals(claims.getJWTID())) {
            return new Refused("invalid_request", "jti does not match the key it was delivered under");
        }
        Map<String, Object> events = HttpJson.object(claims.getClaim("events"));
        if (events == null || events.size() != 1) {
            return new Refused("invalid_request", "events must hold exactly one event");
        }
        Map.Entry<String, Object> event = events.entrySet().iterator().next();
        if (!SESSION_REVOKED.equals(event.getKey())) {
            return ACCEPTED;
        }
        Map<String, Object> body = HttpJson.object(event.getValue());
        if (body == null) {
            return new Refused("invalid_request", "event is not a JSON object");
        }
        long at;
        if (body.get("event_timestamp") instanceof Number n) {
            // NumericDate with a millisecond fraction; a double holds it to well under a millisecond.
            at = Math.round(n.doubleValue() * 1000);
        } else if (claims.getIssueTime() != null) {
            at = claims.getIssueTime().getTime(); // later than the event: refuses no fewer tokens
        } else {
            return new Refused("invalid_request", "neither event_timestamp nor iat");
        }
        return apply(HttpJson.object(claims.getClaim("sub_id")), at, target);
    }

    private Outcome apply(Map<String, Object> subject, long at, ReceivedSignOuts target) {
        if (subject == null) {
            return new Refused("invalid_request", "sub_id missing");
        }
        String session = id(subject.get("session"), "id");
        if (session != null) {
            target.revokeSession(session, at);
            return ACCEPTED;
        }
        Map<String, Object> user = HttpJson.object(subject.get("user"));
        if (user == null && "iss_sub".equals(subject.get("format"))) {
            user = subject;
        }
        if (user != null) {
            String sub = user.get("sub") instanceof String s ? s : id(user, "id");
            if (sub == null || (user.get("iss") instanceof String iss && !iss.equals(issuer))) {
                return new Refused("invalid_request", "user subject not of this issuer");
            }
            target.userCutOff(sub, at);
            return ACCEPTED;
        }
        String application = id(subject.get("application"), "id");
        if (application != null) {
            target.clientCutOff(application, at);
            return ACCEPTED;
        }
        if (HttpJson.object(subject.get("tenant")) != null) {
            target.realmCutOff(at);
            return ACCEPTED;
        }
        return new Refused("invalid_request", "subject names no tenant, application, user or session");
    }

    private static String id(Object member, String name) {
        Map<String, Object> object = HttpJson.object(member);
        return object != null && object.get(name) instanceof String s && !s.isEmpty() ? s : null;
    }

    private static boolean secEventType(JOSEObjectType type) {
        return type != null
                && (type.getType().equalsIgnoreCase("secevent+jwt")
                        || type.getType().equalsIgnoreCase("application/secevent+jwt"));
    }
}
