package dev.curfew.engine.keys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.key.SigningKey;
import dev.curfew.core.store.Store;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys of each realm: generates them (RS256 with 2048-bit RSA, ES256 with P-256), keeps them
 * in the store, and caches the parsed signer, verifiers and public JWK set per realm so no request parses
 * a key.
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

    /** The parsed keys of one realm: the newest active key signs; every key verifies. */
    public record KeySet(
            String activeKid,
            JWSAlgorithm algorithm,
            JWSSigner signer,
            Map<String, JWSVerifier> verifiers,
            JWKSet publicJwks) {

        public Optional<JWSVerifier> verifier(String kid) {
            return Optional.ofNullable(verifiers.get(kid));
        }
    }

    public RealmKeys(Store store, Clock clock, ChangeFeed changes) {
        this.store = store;
        this.clock = clock;
        this.changes = changes;
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(RELOAD_AFTER)
                .ticker(() -> clock.millis() * 1_000_000)
                .build(this::load);
    }

    /** Generates and stores a new active key for the realm; older keys become passive. */
    public SigningKey rotate(Store tx, String realmId, String algorithm) {
        for (SigningKey existing : tx.keys().list(realmId)) {
            if (existing.status() == SigningKey.Status.ACTIVE) {
                tx.keys().updateStatus(existing.kid(), SigningKey.Status.PASSIVE);
            }
        }
        JWK jwk = generate(algorithm);
        SigningKey key = new SigningKey(
                jwk.getKeyID(), realmId, algorithm, jwk.toJSONString(), SigningKey.Status.ACTIVE, clock.instant());
        tx.keys().create(key);
        // Every node, this one included, drops the realm's keys once the new one is committed: dropped before,
        // a request in between would cache the old keys again.
        changes.publish(tx, new Change.RealmChanged(realmId));
        return key;
    }

    public KeySet forRealm(String realmId) {
        return cache.get(realmId);
    }

    public void invalidate(String realmId) {
        cache.invalidate(realmId);
    }

    /** Drops every realm's keys: they are read again on their next use. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    static JWK generate(String algorithm) {
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
                default -> throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private KeySet load(String realmId) {
        List<SigningKey> keys = store.keys().list(realmId);
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
                }
            }
            return new KeySet(
                    active.kid(),
                    JWSAlgorithm.parse(active.algorithm()),
                    signer,
                    Map.copyOf(verifiers),
                    new JWKSet(publicKeys));
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("stored signing key of realm " + realmId + " cannot be read", e);
        }
    }
}
