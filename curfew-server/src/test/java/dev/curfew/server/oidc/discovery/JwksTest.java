package dev.curfew.server.oidc.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 7517 JWK Set: the realm's public keys verify its tokens")
class JwksTest {
    static TestCurfew curfew;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    @Test
    @DisplayName("RFC 7517 §4: an RS256 realm publishes one public RSA signing key, without private parts")
    void rs256RealmPublishesAPublicRsaKey() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        var response = curfew.get(realm.certsPath());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/jwk-set+json"));
        JWKSet set = JWKSet.parse(response.body());
        assertThat(set.getKeys()).hasSize(1);
        JWK key = set.getKeys().get(0);
        assertThat(key.getKeyType()).isEqualTo(KeyType.RSA);
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.getKeyID()).isNotBlank();
        assertThat(key.isPrivate()).isFalse();
        assertThat(TestCurfew.json(response).get("keys").get(0).has("d")).isFalse();
    }

    @Test
    @DisplayName("RFC 7518 §3.4: an ES256 realm publishes a P-256 key and signs its tokens with it")
    void es256RealmPublishesAnEcKeyAndSignsWithIt() throws Exception {
        TestRealm realm = TestRealm.create(
                curfew,
                new RealmSettings(
                        RealmSettings.DEFAULTS.accessTokenLifespan(),
                        RealmSettings.DEFAULTS.ssoSessionIdleTimeout(),
                        RealmSettings.DEFAULTS.ssoSessionMaxLifespan(),
                        RealmSettings.DEFAULTS.authorizationCodeLifespan(),
                        "ES256"));
        JWKSet set = JWKSet.parse(curfew.get(realm.certsPath()).body());
        assertThat(set.getKeys()).hasSize(1);
        ECKey key = (ECKey) set.getKeys().get(0);
        assertThat(key.getCurve()).isEqualTo(Curve.P_256);
        assertThat(key.isPrivate()).isFalse();

        realm.user("erin");
        ConfidentialClient client = realm.confidentialClient("es-app");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, client, "erin");
        var header = OidcFlow.jwt(tokens.get("access_token").asText()).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(header.getKeyID()).isEqualTo(key.getKeyID());
        verify(set, JWSAlgorithm.ES256, tokens.get("access_token").asText(), "at+jwt", realm.issuer());
        verify(set, JWSAlgorithm.ES256, tokens.get("id_token").asText(), "JWT", realm.issuer());
    }

    @Test
    @DisplayName("RFC 8037: an EdDSA realm publishes an Ed25519 key, signs with it, verifies its own tokens and rotates"
            + " into a new Ed25519 key")
    void edDsaRealmPublishesAnOkpKeySignsAndRotatesWithIt() throws Exception {
        TestRealm realm = TestRealm.create(
                curfew,
                new RealmSettings(
                        RealmSettings.DEFAULTS.accessTokenLifespan(),
                        RealmSettings.DEFAULTS.ssoSessionIdleTimeout(),
                        RealmSettings.DEFAULTS.ssoSessionMaxLifespan(),
                        RealmSettings.DEFAULTS.authorizationCodeLifespan(),
                        "EdDSA"));
        JWKSet set = JWKSet.parse(curfew.get(realm.certsPath()).body());
        assertThat(set.getKeys()).hasSize(1);
        OctetKeyPair key = (OctetKeyPair) set.getKeys().get(0);
        assertThat(key.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(key.isPrivate()).isFalse();

        realm.user("edda");
        ConfidentialClient client = realm.confidentialClient("ed-app");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, client, "edda");
        String accessToken = tokens.get("access_token").asText();
        var header = OidcFlow.jwt(accessToken).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(header.getKeyID()).isEqualTo(key.getKeyID());
        verifyEd25519(key, accessToken, "at+jwt", realm.issuer());
        verifyEd25519(key, tokens.get("id_token").asText(), "JWT", realm.issuer());
        assertThat(OidcFlow.userinfo(realm, accessToken).statusCode())
                .as("Curfew verifies its own EdDSA tokens")
                .isEqualTo(200);

        JsonNode rotated = TestCurfew.json(curfew.postJson(
                "/admin/realms/" + realm.name() + "/keys/rotations",
                Map.of("reason", "Routine rotation"),
                TestCurfew.bearer(curfew.adminToken())));
        assertThat(rotated.get("key").get("algorithm").asText()).isEqualTo("EdDSA");
        JWKSet after = JWKSet.parse(curfew.get(realm.certsPath()).body());
        assertThat(after.getKeys()).hasSize(2).allSatisfy(k -> assertThat(k).isInstanceOf(OctetKeyPair.class));
        assertThat(OidcFlow.userinfo(realm, accessToken).statusCode())
                .as("the old key verifies its tokens")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("RFC 9068 §4: access and ID tokens verify against the published JWKS with Nimbus")
    void tokensVerifyAgainstTheJwks() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        realm.user("ravi");
        ConfidentialClient client = realm.confidentialClient("rs-app");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, client, "ravi");
        JWKSet set = JWKSet.parse(curfew.get(realm.certsPath()).body());

        JWTClaimsSet access =
                verify(set, JWSAlgorithm.RS256, tokens.get("access_token").asText(), "at+jwt", realm.issuer());
        assertThat(access.getStringClaim("client_id")).isEqualTo("rs-app");
        JWTClaimsSet id = verify(set, JWSAlgorithm.RS256, tokens.get("id_token").asText(), "JWT", realm.issuer());
        assertThat(id.getAudience()).containsExactly("rs-app");
    }

    @Test
    @DisplayName("RFC 7517: a token of one realm does not verify with another realm's keys")
    void tokenOfOneRealmDoesNotVerifyWithAnotherRealmsKeys() throws Exception {
        TestRealm realm = TestRealm.create(curfew);
        TestRealm other = TestRealm.create(curfew);
        realm.user("mia");
        JsonNode tokens = OidcFlow.signIn(curfew.browser(), realm, realm.confidentialClient("mia-app"), "mia");
        JWKSet otherKeys = JWKSet.parse(curfew.get(other.certsPath()).body());
        String kid =
                OidcFlow.jwt(tokens.get("access_token").asText()).getHeader().getKeyID();
        assertThat(otherKeys.getKeyByKeyId(kid)).isNull();
    }

    /**
     * Nimbus's {@link DefaultJWTProcessor} selects only keys it can turn into {@code java.security} keys, which
     * Ed25519 JWKs are not: an Ed25519 token is verified with {@link Ed25519Verifier} directly.
     */
    private static void verifyEd25519(OctetKeyPair key, String token, String typ, String issuer) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType(typ));
        assertThat(jwt.verify(new Ed25519Verifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
    }

    private static JWTClaimsSet verify(JWKSet set, JWSAlgorithm alg, String token, String typ, String issuer)
            throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(typ)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(set)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "iat", "exp", "jti", "sid")));
        return processor.process(token, null);
    }
}
