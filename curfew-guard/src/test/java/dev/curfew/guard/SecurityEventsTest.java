package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.curfew.server.testing.MutableClock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 8417 / SSF 1.0 §4: SETs of the feed, verified and applied by subject (contract-ssf)")
class SecurityEventsTest {
    private static final String ISSUER = "http://localhost:8080/realms/acme";
    private static final String RECEIVER = "acme-api";
    private static final long AT = 1_764_290_000_123L;
    private static final Map<String, Object> TENANT = Map.of("format", "opaque", "id", "acme");

    private final RSAKey key;
    private final SecurityEvents events;
    private final ReceivedSignOuts state = new ReceivedSignOuts();

    SecurityEventsTest() throws Exception {
        key = (RSAKey) JwksCacheTest.rsa();
        JwksCache keys = new JwksCache(
                () -> new JWKSet(key.toPublicJWK()),
                new MutableClock(),
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                Runnable::run);
        events = new SecurityEvents(ISSUER, RECEIVER, keys);
    }

    @Test
    @DisplayName("tenant subject → realm cut-off, compared in milliseconds")
    void tenantIsARealmCutOff() throws Exception {
        assertThat(process(revoked(Map.of("format", "complex", "tenant", TENANT))))
                .isInstanceOf(SecurityEvents.Accepted.class);

        assertThat(state.signedOut("any", "anyone", null, AT - 123)).isTrue();
        assertThat(state.signedOut("any", "anyone", null, AT - 123 + 1000)).isFalse();
    }

    @Test
    @DisplayName("application subject → cut-off of that client_id")
    void applicationIsAClientCutOff() throws Exception {
        process(revoked(
                Map.of("format", "complex", "tenant", TENANT, "application", Map.of("format", "opaque", "id", "web"))));

        assertThat(state.signedOut("web", "u1", "s1", AT)).isTrue();
        assertThat(state.signedOut("mobile", "u1", "s1", AT)).isFalse();
    }

    @Test
    @DisplayName("user subject (iss_sub) → cut-off of that sub")
    void userIsAUserCutOff() throws Exception {
        process(revoked(Map.of(
                "format",
                "complex",
                "tenant",
                TENANT,
                "user",
                Map.of("format", "iss_sub", "iss", ISSUER, "sub", "user-1"))));

        assertThat(state.signedOut("web", "user-1", "s1", AT)).isTrue();
        assertThat(state.signedOut("web", "user-2", "s2", AT)).isFalse();
    }

    @Test
    @DisplayName("session subject → that sid revoked (not the user's other sessions)")
    void sessionIsARevokedSid() throws Exception {
        process(revoked(Map.of(
                "format",
                "complex",
                "tenant",
                TENANT,
                "user",
                Map.of("format", "iss_sub", "iss", ISSUER, "sub", "user-1"),
                "session",
                Map.of("format", "opaque", "id", "sid-1"))));

        assertThat(state.signedOut("web", "user-1", "sid-1", AT + 60_000)).isTrue();
        assertThat(state.signedOut("web", "user-1", "sid-2", AT - 60_000)).isFalse();
    }

    @Test
    @DisplayName("other event types are accepted and change nothing")
    void otherEventsAreIgnored() throws Exception {
        JWTClaimsSet verification = base("jti-1")
                .claim("sub_id", Map.of("format", "opaque", "id", "stream-1"))
                .claim(
                        "events",
                        Map.of("https://schemas.openid.net/secevent/ssf/event-type/verification", Map.of("state", "x")))
                .build();

        assertThat(process(sign(verification, "secevent+jwt"))).isInstanceOf(SecurityEvents.Accepted.class);
        assertThat(state.size()).isZero();
    }

    @Test
    @DisplayName("refused: wrong typ, issuer, audience, jti, or signature — reported with RFC 8935 §2.4 codes")
    void refusals() throws Exception {
        Map<String, Object> subject = Map.of("format", "complex", "tenant", TENANT);

        assertThat(err(sign(event(base("jti-1"), subject).build(), "JWT"))).isEqualTo("invalid_request");
        assertThat(err(sign(
                        event(base("jti-1").issuer("http://evil/realms/acme"), subject)
                                .build(),
                        "secevent+jwt")))
                .isEqualTo("invalid_issuer");
        assertThat(err(sign(
                        event(base("jti-1").audience("someone-else"), subject).build(), "secevent+jwt")))
                .isEqualTo("invalid_audience");
        assertThat(err(sign(event(base("other-jti"), subject).build(), "secevent+jwt")))
                .isEqualTo("invalid_request");
        RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyID(key.getKeyID())
                .generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(new JOSEObjectType("secevent+jwt"))
                        .keyID(key.getKeyID())
                        .build(),
                event(base("jti-1"), subject).build());
        forged.sign(new RSASSASigner(stranger));
        assertThat(err(forged.serialize())).isEqualTo("invalid_key");
        assertThat(state.size()).isZero();
    }

    private SecurityEvents.Outcome process(String set) {
        return events.process("jti-1", set, state);
    }

    private String err(String set) {
        SecurityEvents.Outcome outcome = process(set);
        assertThat(outcome).isInstanceOf(SecurityEvents.Refused.class);
        return ((SecurityEvents.Refused) outcome).err();
    }

    private String revoked(Map<String, Object> subject) throws Exception {
        return sign(event(base("jti-1"), subject).build(), "secevent+jwt");
    }

    private static JWTClaimsSet.Builder event(JWTClaimsSet.Builder claims, Map<String, Object> subject) {
        return claims.claim("sub_id", subject)
                .claim(
                        "events",
                        Map.of(
                                SecurityEvents.SESSION_REVOKED,
                                Map.of("event_timestamp", AT / 1000.0, "initiating_entity", "admin")));
    }

    private static JWTClaimsSet.Builder base(String jti) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(RECEIVER))
                .issueTime(new Date(AT + 5))
                .jwtID(jti);
    }

    private String sign(JWTClaimsSet claims, String type) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(new JOSEObjectType(type))
                        .keyID(key.getKeyID())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
