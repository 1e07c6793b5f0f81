package dev.curfew.engine.keys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
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
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.key.SigningKey;
import dev.curfew.core.store.Store;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The signing keys of each realm: generates them (RS256 with 2048-bit RSA, ES256 with P-256, EdDSA with Ed25519
 * as RFC 8037 defines it), keeps them
 * in the store, and caches the parsed signer, verifiers and public JWK set per realm so no request parses
 * a key. A realm's cached set lives until the first of its passive keys stops verifying, so such a key
 * leaves the JWKS and Curfew's own checks on time without waiting for housekeeping.
 *
 * <p>A new key reaches every node's cache through the {@link ChangeFeed}; a node that missed the change (it was
 * not listening) reads the keys again after {@link #RELOAD_AFTER} at the latest.
 */
public final class RealmKeys {
    /** The longest a node can go on with keys another node has replaced, should it miss the change. */
    public static final Duration RELOAD_AFTER = Duration.ofMinutes(5);

    private final Store store;
    private final Clock clock;
    private final ChangeFeed changes;
    private final LoadingCache<String, KeySet> cache;

    /**
     * The parsed keys of one realm: the newest active key signs; every key that still verifies verifies.
     *
     * @param reloadAt when the set must be read again: the first end of verification of its passive keys
     */
    public record KeySet(
            String activeKid,
            JWSAlgorithm algorithm,
            JWSSigner signer,
            Map<String, JWSVerifier> verifiers,
            JWKSet publicJwks,
            Optional<Instant> reloadAt) {

        public Optional<JWSVerifier> verifier(String kid) {
            return Optional.ofNullable(verifiers.get(kid));
        }
    }

    /** What becomes of a realm's other keys when a new key becomes active. */
    public sealed interface OldKeys {
        /** They keep verifying (and stay in the JWKS) until {@code until}, when the last token they signed expires. */
        record VerifyUntil(Instant until) implements OldKeys {}

        /** They are retired at once: out of the JWKS, and no token they signed verifies any more. */
        record Retire() implements OldKeys {}
    }

    public RealmKeys(Store store, Clock clock, ChangeFeed changes) {
        this.store = store;
        this.clock = clock;
        this.changes = changes;
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, KeySet>creating((realmId, set) -> untilReload(set)))
                .build(this::load);
    }

    private Duration untilReload(KeySet set) {
        return set.reloadAt()
                .map(at -> Duration.between(clock.instant(), at))
                .map(d -> d.isNegative() ? Duration.ZERO : d)
                .filter(d -> d.compareTo(RELOAD_AFTER) < 0)
                .orElse(RELOAD_AFTER);
    }

    /**
     * Generates and stores a new active key for the realm in {@code tx}; the other keys that still verify
     * become passive until the given time, or are retired. The realm's cached set is dropped once the
     * transaction commits, so no request can cache the keys as they were before it.
     */
    public SigningKey rotate(Store tx, String realmId, String algorithm, OldKeys oldKeys) {
        Instant now = clock.instant();
        for (SigningKey existing : tx.keys().list(realmId)) {
            if (!existing.verifiesAt(now)) {
                continue;
            }
            switch (oldKeys) {
                case OldKeys.Retire r ->
                    tx.keys().updateStatus(existing.kid(), SigningKey.Status.RETIRED, Optional.of(now));
                case OldKeys.VerifyUntil v -> {
                    // A key already passive keeps its own end when that comes first: the tokens it signed
                    // expire then, whatever this rotation does.
                    Instant until = existing.verifyUntil()
                            .filter(own -> own.isBefore(v.until()))
                            .orElse(v.until());
                    tx.keys().updateStatus(existing.kid(), SigningKey.Status.PASSIVE, Optional.of(until));
                }
            }
        }
        JWK jwk = generate(algorithm);
        SigningKey key =
                new SigningKey(jwk.getKeyID(), realmId, algorithm, jwk.toJSONString(), SigningKey.Status.ACTIVE, now);
        tx.keys().create(key);
        // Every node, this one included, drops the realm's keys once the new one is committed: dropped before,
        // a request in between would cache the old keys again.
        changes.publish(tx, new Change.RealmChanged(realmId));
        return key;
    }

    /** Every key of the realm, newest first, retired ones included. */
    public List<SigningKey> list(String realmId) {
        return store.keys().list(realmId);
    }

    public KeySet forRealm(String realmId) {
        return cache.get(realmId);
    }

    /** Drops the realm's cached keys, so the next use reads them from the store. */
    public void invalidate(String realmId) {
        cache.invalidate(realmId);
    }

    /** Drops every realm's keys: they are read again on their next use. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** A new key for {@code algorithm}: a spare one ({@link SpareKeys}) if there is, else one generated now. */
    static JWK generate(String algorithm) {
        return SpareKeys.take(algorithm).orElseGet(() -> generateNew(algorithm));
    }

    static JWK generateNew(String algorithm) {
        try {
            return switch (algorithm) {
                case "RS256" ->
                    new RSAKeyGenerator(2048)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.RS256)
                            .keyIDFromThumbprint(true)
                            .generate();
                case "ES256" ->
                    new ECKeyGenerator(Curve.P_256)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.ES256)
                            .keyIDFromThumbprint(true)
                            .generate();
                case "EdDSA" ->
                    new OctetKeyPairGenerator(Curve.Ed25519)
                            .keyUse(KeyUse.SIGNATURE)
                            .algorithm(JWSAlgorithm.EdDSA)
                            .keyIDFromThumbprint(true)
                            .generate();
                default -> throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private KeySet load(String realmId) {
        Instant now = clock.instant();
        List<SigningKey> keys = store.keys().list(realmId).stream()
                .filter(k -> k.verifiesAt(now))
                .toList();
        SigningKey active = keys.stream()
                .filter(k -> k.status() == SigningKey.Status.ACTIVE)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("realm " + realmId + " has no active signing key"));
        try {
            Map<String, JWSVerifier> verifiers = new HashMap<>();
            List<JWK> publicKeys = new ArrayList<>();
            JWSSigner signer = null;
            for (SigningKey key : keys) {
                JWK jwk = JWK.parse(key.privateJwk());
                publicKeys.add(jwk.toPublicJWK());
                if (jwk instanceof RSAKey rsa) {
                    verifiers.put(key.kid(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                    if (key.kid().equals(active.kid())) {
                        signer = new RSASSASigner(rsa);
                    }
                } else if (jwk instanceof ECKey ec) {
                    verifiers.put(key.kid(), new ECDSAVerifier(ec.toECPublicKey()));
                    if (key.kid().equals(active.kid())) {
                        signer = new ECDSASigner(ec);
                    }
                } else if (jwk instanceof OctetKeyPair okp) {
                    verifiers.put(key.kid(), new Ed25519Verifier(okp.toPublicJWK()));
                    if (key.kid().equals(active.kid())) {
                        signer = new Ed25519Signer(okp);
                    }
                }
            }
            return new KeySet(
                    active.kid(),
                    JWSAlgorithm.parse(active.algorithm()),
                    signer,
                    Map.copyOf(verifiers),
                    new JWKSet(publicKeys),
                    keys.stream().flatMap(k -> k.verifyUntil().stream()).min(Instant::compareTo));
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("stored signing key of realm " + realmId + " cannot be read", e);
        }
    }
}
