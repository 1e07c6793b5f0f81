package dev.curfew.guard;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Guards a resource server with Curfew's access tokens: validates them locally (RFC 9068) and refuses the
 * ones Curfew has signed out, from a live feed of its sign-outs (an SSF poll stream), without a call to
 * Curfew per request.
 *
 * <pre>{@code
 * CurfewGuard guard = CurfewGuard.builder()
 *         .issuer("https://id.example.com/realms/acme")
 *         .audience("acme-web")                       // the client_id(s) whose tokens this API accepts
 *         .receiver("acme-api", secret)               // a confidential client with ssf.receiver=true
 *         .build();
 * guard.start();
 * GuardDecision decision = guard.check(bearerToken);
 * }</pre>
 *
 * <p>A token is accepted when all of these hold: it is a JWS with {@code typ} {@code at+jwt} (or
 * {@code application/at+jwt}), signed RS256, ES256 or EdDSA — the algorithm the realm's key names — by a key of the
 * realm's JWKS (found through {@code {issuer}/.well-known/openid-configuration}); {@code iss} is exactly the
 * issuer; {@code aud} names one of the accepted audiences; {@code exp} has not passed and {@code nbf} (if
 * any) has, both with {@link Builder#clockSkew clock skew}; {@code iat}, {@code sub}, {@code client_id} and
 * {@code jti} are present; its lifetime {@code exp − iat} is at most {@link Builder#maxTokenLifetime}; no
 * sign-out heard of applies to it (see {@code ReceivedSignOuts}: the realm's, its client's or its user's
 * latest cut-off is before its {@code iat}, and its {@code sid} was not revoked); and the {@link FailSafe}
 * accepts it.
 *
 * <p>Thread-safe. {@link #check} does no I/O except when a token names an unknown key id (then it fetches
 * the JWKS again, at most once per {@link Builder#jwksMinRefreshInterval}); a token seen before is not parsed
 * or verified again (see {@link Builder#tokenCacheSize}). Close it to stop the feed and delete its stream.
 */
public final class CurfewGuard implements AutoCloseable {
    private final String issuer;
    private final JwksCache keys;
    private final RevocationFeed feed;
    private final AccessTokenValidator validator;
    private final HttpClient ownedHttp;
    private final Duration startTimeout;
    private volatile boolean started;

    private CurfewGuard(Builder b) {
        this.issuer = b.issuer;
        HttpClient http = b.http;
        this.ownedHttp = http == null
                ? HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build()
                : null;
        HttpJson json = new HttpJson(http != null ? http : ownedHttp);
        Metadata metadata = new Metadata(json, b.issuer);
        this.keys = new JwksCache(
                () -> fetchJwks(json, metadata),
                b.clock,
                b.jwksRefreshInterval,
                b.jwksMinRefreshInterval,
                task -> Thread.ofVirtual().name("curfew-guard-jwks").start(task));
        long skew = b.clockSkew.toMillis();
        long maxLifetime = b.maxTokenLifetime.toMillis();
        this.feed = new RevocationFeed(
                b.issuer,
                b.receiverClientId,
                b.receiverSecret,
                json,
                b.clock,
                b.failSafe,
                b.pollTimeout,
                // Every accepted token was issued after now − (maxLifetime + skew) (+1 s: iat is truncated).
                maxLifetime + skew + 1000,
                metadata,
                keys);
        this.validator = new AccessTokenValidator(
                b.issuer, b.audiences(), skew, maxLifetime, b.clock, keys, feed, b.tokenCacheSize);
        this.startTimeout = b.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fetches the realm's keys and starts the sign-out feed; waits up to the start timeout (default 10 s) for
     * both — the keys and the start-up snapshot of earlier sign-outs — and answers whether they were there in
     * time. If not, it goes on trying in the background (see {@link #health()}); meanwhile tokens are refused
     * as long as no key is known, and the fail-safe applies.
     */
    public boolean start() {
        synchronized (this) {
            started = true;
        }
        feed.start();
        boolean keysLoaded = keys.loaded() || keys.refresh();
        try {
            return feed.awaitFirstSync(startTimeout) && keysLoaded;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The decision for a bearer token (the bare token, without {@code Bearer }).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public GuardDecision check(String bearerToken) {
        if (!started) {
            throw new IllegalStateException("CurfewGuard.start() was not called");
        }
        if (bearerToken == null || bearerToken.isEmpty()) {
            return NO_TOKEN;
        }
        return validator.validate(bearerToken);
    }

    /**
     * The decision for an {@code Authorization} header value (RFC 6750 §2.1: {@code Bearer <token>}, the
     * scheme case-insensitive). No header → 401 without error code; another scheme or a malformed value →
     * 400 {@code invalid_request}.
     */
    public GuardDecision checkAuthorization(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            if (!started) {
                throw new IllegalStateException("CurfewGuard.start() was not called");
            }
            return NO_TOKEN;
        }
        if (authorizationHeader.length() < 8 || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return NOT_BEARER;
        }
        String token = authorizationHeader.substring(7).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            return NOT_BEARER;
        }
        return check(token);
    }

    /** The feed's state, the last sync and the last error. */
    public GuardHealth health() {
        return feed.health(keys.lastError(), keys.loaded());
    }

    /** The issuer this guard accepts tokens from. */
    public String issuer() {
        return issuer;
    }

    /** Stops the feed and deletes its SSF stream (waits a few seconds at most). */
    @Override
    public void close() {
        feed.close();
        if (ownedHttp != null) {
            ownedHttp.shutdownNow();
        }
    }

    private static final GuardDecision.Refused NO_TOKEN = GuardDecision.Refused.noToken();
    private static final GuardDecision.Refused NOT_BEARER =
            GuardDecision.Refused.invalidRequest("Authorization is not a Bearer token");

    private static JWKSet fetchJwks(HttpJson json, Metadata metadata) {
        try {
            HttpJson.Answer answer = json.get(metadata.get().jwksUri(), IssuerMetadata.TIMEOUT, null);
            if (!answer.ok()) {
                throw new HttpJson.UnexpectedAnswer("JWKS", answer);
            }
            return JWKSet.parse(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("JWKS is not a JWK set: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the JWKS", e);
        }
    }

    /** The issuer's metadata, fetched once it is first needed and kept. */
    static final class Metadata {
        private final HttpJson http;
        private final String issuer;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile IssuerMetadata value;

        Metadata(HttpJson http, String issuer) {
            this.http = http;
            this.issuer = issuer;
        }

        IssuerMetadata get() throws IOException, InterruptedException {
            IssuerMetadata current = value;
            if (current != null) {
                return current;
            }
            lock.lock();
            try {
                if (value == null) {
                    value = IssuerMetadata.fetch(http, issuer);
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Configuration, validated by {@link #build()}; the guard is immutable once built. */
    public static final class Builder {
        private String issuer;
        private final Set<String> audiences = new LinkedHashSet<>();
        private String receiverClientId;
        private String receiverSecret;
        private FailSafe failSafe = FailSafe.defaults();
        private Duration clockSkew = Duration.ofSeconds(5);
        private Duration maxTokenLifetime = Duration.ofHours(1);
        private Duration jwksRefreshInterval = Duration.ofMinutes(5);
        private Duration jwksMinRefreshInterval = Duration.ofSeconds(5);
        private Duration pollTimeout = Duration.ofSeconds(45);
        private Duration startTimeout = Duration.ofSeconds(10);
        private int tokenCacheSize = 10_000;
        private HttpClient http;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The realm's issuer, exactly as in its tokens' {@code iss}: {@code https://host/realms/name}.
         * Required.
         */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Accept tokens whose {@code aud} names one of these. Curfew puts the client id the token was issued to
         * in {@code aud}, so these are the client ids of the applications that call this API. At least one is
         * required; repeated calls add.
         */
        public Builder audience(String... audiences) {
            for (String audience : audiences) {
                this.audiences.add(Objects.requireNonNull(audience, "audience"));
            }
            return this;
        }

        /**
         * The receiver client that reads the realm's sign-outs: a confidential client of the realm with the
         * client attribute {@code ssf.receiver=true} (set by an administrator holding
         * {@code STREAM_ADMINISTRATOR}) and the client-credentials grant enabled. Without it the guard only
         * validates tokens and does not see sign-outs: a signed-out token stays accepted until it expires.
         */
        public Builder receiver(String clientId, String clientSecret) {
            this.receiverClientId = Objects.requireNonNull(clientId, "clientId");
            this.receiverSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /** What to do while the feed is failing; default {@link FailSafe#refuseAfter} 30 seconds. */
        public Builder failSafe(FailSafe failSafe) {
            this.failSafe = Objects.requireNonNull(failSafe, "failSafe");
            return this;
        }

        /** Tolerance for {@code exp} and {@code nbf} against this machine's clock; default 5 seconds. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /**
         * The longest token lifetime ({@code exp − iat}) accepted; longer-lived tokens are refused. Sign-outs
         * are forgotten this long (plus the clock skew) after they happened, which is safe only because no
         * accepted token lives longer. Set it to at least the realm's longest access-token lifespan (Curfew's
         * default is 5 minutes; clients may override it). Default 1 hour.
         */
        public Builder maxTokenLifetime(Duration lifetime) {
            this.maxTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** How often the JWKS is fetched again in the background (drops rotated-out keys); default 5 minutes. */
        public Builder jwksRefreshInterval(Duration interval) {
            this.jwksRefreshInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * At most one JWKS fetch per this interval because of a token with an unknown {@code kid}; default 5
         * seconds.
         */
        public Builder jwksMinRefreshInterval(Duration interval) {
            this.jwksMinRefreshInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * How long a long poll may take before it counts as failed; it must exceed Curfew's poll hold time
         * (30 seconds unless configured otherwise). Default 45 seconds.
         */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long {@link CurfewGuard#start()} waits for the keys and the first sync; default 10 seconds. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How many verified tokens are remembered, so a token sent again (every request of a client carries the
         * same one until it expires) is not parsed and its signature not verified again; the sign-outs, the
         * time and the fail-safe are checked at every use all the same. 0 turns it off. Default 10,000 (a token
         * with its claims is a few kilobytes).
         */
        public Builder tokenCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("tokenCacheSize must be zero or more");
            }
            this.tokenCacheSize = entries;
            return this;
        }

        /** The HTTP client to use (say, with a proxy or custom TLS); by default one of the guard's own. */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock for {@code exp}, {@code nbf} and the fail-safe; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalArgumentException when the configuration is incomplete or invalid */
        public CurfewGuard build() {
            if (issuer == null) {
                throw new IllegalArgumentException("issuer is required");
            }
            URI uri;
            try {
                uri = URI.create(issuer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("issuer is not a URI: " + issuer, e);
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null
                    || issuer.endsWith("/")) {
                throw new IllegalArgumentException(
                        "issuer must be an http(s) URL without query, fragment or trailing slash: " + issuer);
            }
            if (audiences.isEmpty()) {
                throw new IllegalArgumentException("at least one accepted audience is required");
            }
            if (receiverClientId != null && (receiverClientId.isBlank() || receiverSecret.isEmpty())) {
                throw new IllegalArgumentException("the receiver needs a client id and a secret");
            }
            positive("clockSkew", clockSkew, true);
            positive("maxTokenLifetime", maxTokenLifetime, false);
            positive("jwksRefreshInterval", jwksRefreshInterval, false);
            positive("jwksMinRefreshInterval", jwksMinRefreshInterval, true);
            positive("pollTimeout", pollTimeout, false);
            positive("startTimeout", startTimeout, true);
            return new CurfewGuard(this);
        }

        private static void positive(String name, Duration value, boolean zeroAllowed) {
            if (value.isNegative() || (!zeroAllowed && value.isZero())) {
                throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive"));
            }
        }

        Set<String> audiences() {
            return Set.copyOf(audiences);
        }
    }
}
