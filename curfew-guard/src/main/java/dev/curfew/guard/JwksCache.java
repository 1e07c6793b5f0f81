package dev.curfew.guard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The realm's public keys, parsed once into verifiers. The check path reads an immutable snapshot. The set
 * is fetched again in the background every {@code refreshInterval} (so a rotated-out key goes away), and at
 * once when a token names an unknown {@code kid} (so a rotated-in key is picked up) — but at most once per
 * {@code minInterval} for unknown kids, so tokens with made-up kids cannot make the guard hammer Curfew.
 *
 * <p>Only RS256 (RSA), ES256 (P-256) and EdDSA (Ed25519, RFC 8037) signing keys are taken; each key verifies only the algorithm it
 * names in {@code alg} (or its key type's, when absent).
 */
final class JwksCache {
    /** The algorithms a realm's keys sign with, and so the only ones a token may name. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

    /** A verifier and the one algorithm it may be used with. */
    record Key(JWSVerifier verifier, JWSAlgorithm algorithm) {}

    private record Snapshot(Map<String, Key> keys, long fetchedAtMillis) {}

    private static final System.Logger LOG = System.getLogger(JwksCache.class.getName());

    private final Supplier<JWKSet> source;
    private final Clock clock;
    private final long refreshIntervalMillis;
    private final long minIntervalMillis;
    private final Executor background;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private final AtomicBoolean backgroundRunning = new AtomicBoolean();
    /** "Never", far enough from Long.MIN_VALUE that {@code now - NEVER} does not overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), NEVER);
    private volatile long lastAttemptMillis = NEVER;
    private volatile String lastError;

    /**
     * @param source fetches the current JWK set; throws on failure
     * @param background runs the periodic refresh off the caller's thread
     */
    JwksCache(
            Supplier<JWKSet> source, Clock clock, Duration refreshInterval, Duration minInterval, Executor background) {
        this.source = source;
        this.clock = clock;
        this.refreshIntervalMillis = refreshInterval.toMillis();
        this.minIntervalMillis = minInterval.toMillis();
        this.background = background;
    }

    /**
     * The key with this id, fetching the set again if it is unknown and the rate limit allows; {@code null}
     * when there is none. Never blocks when the key is known.
     */
    Key key(String kid) {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (now - current.fetchedAtMillis >= refreshIntervalMillis) {
            refreshInBackground(now);
        }
        Key key = current.keys.get(kid);
        return key != null ? key : fetchForUnknown(kid, true);
    }

    /**
     * Whether a key verified earlier is still in the set (a key removed from the JWKS stops verifying tokens
     * checked before); starts the periodic refresh when it is due. Never blocks.
     */
    boolean stillHas(String kid) {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (now - current.fetchedAtMillis >= refreshIntervalMillis) {
            refreshInBackground(now);
        }
        return current.keys.containsKey(kid);
    }

    /**
     * For the revocation feed: the key, fetching the set again whatever the rate limit if it is unknown. The
     * SETs come from Curfew over an authenticated channel, so their kids are not an attacker's, and a SET
     * must not be dropped because a token with a made-up kid was seen just before.
     */
    Key keyIgnoringRateLimit(String kid) {
        Key key = snapshot.keys.get(kid);
        return key != null ? key : fetchForUnknown(kid, false);
    }

    /** Fetches the set now (blocking); false when the fetch failed and the previous set stays. */
    boolean refresh() {
        fetchLock.lock();
        try {
            return fetch();
        } finally {
            fetchLock.unlock();
        }
    }

    /** Whether a set was ever fetched. */
    boolean loaded() {
        return snapshot.fetchedAtMillis != NEVER;
    }

    /** The last fetch failure, cleared by a successful fetch; null if none. */
    String lastError() {
        return lastError;
    }

    private Key fetchForUnknown(String kid, boolean rateLimited) {
        fetchLock.lock();
        try {
            Key key = snapshot.keys.get(kid); // another thread may have fetched it meanwhile
            if (key != null) {
                return key;
            }
            if (rateLimited && clock.millis() - lastAttemptMillis < minIntervalMillis) {
                return null;
            }
            fetch();
            return snapshot.keys.get(kid);
        } finally {
            fetchLock.unlock();
        }
    }

    private void refreshInBackground(long now) {
        if (now - lastAttemptMillis < minIntervalMillis || !backgroundRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    refresh();
                } finally {
                    backgroundRunning.set(false);
                }
            });
        } catch (RuntimeException e) {
            backgroundRunning.set(false);
            LOG.log(System.Logger.Level.WARNING, "could not start the background key refresh", e);
        }
    }

    /** Called with {@link #fetchLock} held. */
    private boolean fetch() {
        long now = clock.millis();
        lastAttemptMillis = now;
        try {
            JWKSet set = source.get();
            snapshot = new Snapshot(verifiers(set), now);
            lastError = null;
            return true;
        } catch (RuntimeException e) {
            lastError = "fetching the JWKS failed: " + describe(e);
            LOG.log(System.Logger.Level.WARNING, lastError);
            return false;
        }
    }

    /** The root cause's type and message: a refused connection has no message of its own. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    static Map<String, Key> verifiers(JWKSet set) {
        Map<String, Key> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (jwk.getKeyID() == null || (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
                continue;
            }
            try {
                Key key = verifier(jwk);
                if (key != null) {
                    keys.put(jwk.getKeyID(), key);
                }
            } catch (JOSEException e) {
                LOG.log(System.Logger.Level.WARNING, "JWKS key " + jwk.getKeyID() + " skipped: " + e.getMessage());
            }
        }
        return Map.copyOf(keys);
    }

    private static Key verifier(JWK jwk) throws JOSEException {
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        if (jwk instanceof RSAKey rsa && (alg == null || alg.equals("RS256"))) {
            return new Key(new RSASSAVerifier(rsa.toRSAPublicKey()), JWSAlgorithm.RS256);
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && (alg == null || alg.equals("ES256"))) {
            return new Key(new ECDSAVerifier(ec.toECPublicKey()), JWSAlgorithm.ES256);
        }
        if (jwk instanceof OctetKeyPair okp
                && Curve.Ed25519.equals(okp.getCurve())
                && (alg == null || alg.equals("EdDSA"))) {
            return new Key(new Ed25519Verifier(okp.toPublicJWK()), JWSAlgorithm.EdDSA);
        }
        return null;
    }
}
