package dev.curfew.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying an RFC 9068 access token of the size Curfew issues, with a realm key of each algorithm
 * (RSA 2048, P-256, Ed25519, as {@code RealmKeys} generates them) through Nimbus, as the token issuer, Curfew's
 * own checks and {@code curfew-guard} do. Sign includes serialising; verify includes parsing. The long warm-up is
 * for Ed25519: Tink implements it in plain Java, which takes the JIT several seconds to compile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenSigningBenchmark {
    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    private JWSSigner signer;
    private JWSVerifier verifier;
    private JWSHeader header;
    private JWTClaimsSet claims;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        switch (algorithm) {
            case "RS256" -> {
                RSAKey key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
                signer = new RSASSASigner(key);
                verifier = new RSASSAVerifier(key.toRSAPublicKey());
                header = header(JWSAlgorithm.RS256, key.getKeyID());
            }
            case "ES256" -> {
                ECKey key = new ECKeyGenerator(Curve.P_256)
                        .keyIDFromThumbprint(true)
                        .generate();
                signer = new ECDSASigner(key);
                verifier = new ECDSAVerifier(key.toECPublicKey());
                header = header(JWSAlgorithm.ES256, key.getKeyID());
            }
            case "EdDSA" -> {
                OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519)
                        .keyIDFromThumbprint(true)
                        .generate();
                signer = new Ed25519Signer(key);
                verifier = new Ed25519Verifier(key.toPublicJWK());
                header = header(JWSAlgorithm.EdDSA, key.getKeyID());
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        Instant now = Instant.now();
        claims = new JWTClaimsSet.Builder()
                .issuer("https://id.example.com/realms/demo")
                .subject("5d8f3b6a-1c2e-4f7a-9b0d-2e6c8a4f1b3d")
                .audience(List.of("demo-app", "orders-api"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID("1f0c9e7a-3b5d-4c2e-8a6f-7d9b1e3c5a20")
                .claim("client_id", "demo-app")
                .claim("sid", "Qm9iIHNlc3Npb24gaWQgMTIzNDU2Nzg5MA")
                .claim("scope", "openid profile email")
                .claim("azp", "demo-app")
                .claim("preferred_username", "alice")
                .build();
        token = sign();
    }

    private static JWSHeader header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(kid)
                .build();
    }

    @Benchmark
    public String sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Benchmark
    public boolean verify() throws JOSEException, ParseException {
        return SignedJWT.parse(token).verify(verifier);
    }
}
