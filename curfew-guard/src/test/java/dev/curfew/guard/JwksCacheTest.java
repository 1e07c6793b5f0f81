package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.curfew.server.testing.MutableClock;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JWKS cache: unknown kid, rate limit, periodic refresh (key rotation)")
class JwksCacheTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final JwksCache cache = new JwksCache(
            () -> {
                fetches.incrementAndGet();
                if (unreachable.get()) {
                    throw new UncheckedIOException(new ConnectException("connection refused"));
                }
                return published.get();
            },
            clock,
            Duration.ofMinutes(5),
            Duration.ofSeconds(5),
            Runnable::run);

    @Test
    void fetchesOnFirstUseAndAnswersKnownKeysWithoutFetching() throws Exception {
        JWK rsa = rsa();
        publish(rsa);

        assertThat(cache.key(rsa.getKeyID())).isNotNull();
        assertThat(cache.key(rsa.getKeyID()).algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(cache.key(rsa.getKeyID())).isNotNull();
        assertThat(fetches).hasValue(1);
    }

    @Test
    @DisplayName("a key rotated in is picked up at the first token naming it")
    void rotatedInKeyIsFetchedOnUnknownKid() throws Exception {
        JWK old = rsa();
        publish(old);
        cache.key(old.getKeyID());
        clock.advance(Duration.ofSeconds(6));

        JWK rotated = ec();
        publish(old, rotated);

        JwksCache.Key key = cache.key(rotated.getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(cache.key(old.getKeyID()))
                .as("the passive key still verifies")
                .isNotNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    @DisplayName("unknown kids fetch at most once per minimum interval")
    void unknownKidsAreRateLimited() throws Exception {
        JWK key = rsa();
        publish(key);
        cache.key(key.getKeyID());

        assertThat(cache.key("made-up-1")).isNull();
        assertThat(cache.key("made-up-2")).isNull();
        assertThat(fetches).as("within 5 s of the last fetch").hasValue(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.key("made-up-3")).isNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    @DisplayName("the feed's SETs may fetch whatever the rate limit")
    void feedIgnoresTheRateLimit() throws Exception {
        JWK old = rsa();
        publish(old);
        cache.key(old.getKeyID());
        JWK rotated = rsa();
        publish(old, rotated);

        assertThat(cache.key(rotated.getKeyID())).as("rate-limited").isNull();
        assertThat(cache.keyIgnoringRateLimit(rotated.getKeyID())).isNotNull();
    }

    @Test
    @DisplayName("a key rotated out goes away at the periodic refresh")
    void rotatedOutKeyIsDroppedByThePeriodicRefresh() throws Exception {
        JWK old = rsa();
        JWK current = rsa();
        publish(old, current);
        assertThat(cache.key(old.getKeyID())).isNotNull();

        publish(current);
        clock.advance(Duration.ofMinutes(5));
        cache.key(current.getKeyID()); // due: refreshes (the executor runs it at once here)

        assertThat(fetches).hasValue(2);
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.key(old.getKeyID())).isNull();
    }

    @Test
    @DisplayName("Curfew unreachable: the keys already known keep verifying")
    void failedFetchKeepsThePreviousKeys() throws Exception {
        JWK key = rsa();
        publish(key);
        cache.key(key.getKeyID());
        unreachable.set(true);
        clock.advance(Duration.ofMinutes(6));

        assertThat(cache.key(key.getKeyID())).isNotNull();
        assertThat(cache.lastError()).contains("connection refused");
        assertThat(cache.loaded()).isTrue();

        unreachable.set(false);
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.refresh()).isTrue();
        assertThat(cache.lastError()).isNull();
    }

    @Test
    @DisplayName("only RS256 and ES256 signing keys, each bound to its own algorithm")
    void onlyAcceptedSigningKeys() throws Exception {
        JWK encryption =
                new RSAKeyGenerator(2048).keyUse(KeyUse.ENCRYPTION).keyID("enc").generate();
        JWK ps256 = new RSAKeyGenerator(2048)
                .algorithm(JWSAlgorithm.PS256)
                .keyID("ps")
                .generate();
        JWK p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        JWK noKid = new RSAKeyGenerator(2048).generate();
        JWK rsaNoAlg = new RSAKeyGenerator(2048).keyID("rsa").generate();
        publish(encryption, ps256, p384, noKid, rsaNoAlg);

        assertThat(cache.key("enc")).isNull();
        assertThat(cache.key("ps")).isNull();
        assertThat(cache.key("p384")).isNull();
        assertThat(cache.key("rsa").algorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    private void publish(JWK... keys) {
        published.set(new JWKSet(List.of(keys)).toPublicJWKSet());
    }

    static JWK rsa() throws Exception {
        return new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint(true)
                .generate();
    }

    static JWK ec() throws Exception {
        return new ECKeyGenerator(Curve.P_256)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyIDFromThumbprint(true)
                .generate();
    }
}
