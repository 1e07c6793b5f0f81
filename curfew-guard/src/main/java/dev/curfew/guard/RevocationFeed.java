package dev.curfew.guard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The live feed of Curfew's sign-outs: an SSF poll stream (RFC 8936) of the guard's own, long-polled on a
 * virtual thread.
 *
 * <ol>
 *   <li>Gets a client-credentials token for the receiver client and creates a poll stream; Curfew queues the
 *       start-up snapshot on it (every cut-off and revoked session that can still matter).
 *   <li>Polls with {@code returnImmediately: true} until nothing more is available, into a fresh
 *       {@link ReceivedSignOuts}; then that state replaces the one in force. Done at start, and again when
 *       the stream is gone (404: deleted by an administrator or for inactivity).
 *   <li>Then long-polls ({@code returnImmediately: false}): Curfew holds the request until an event is queued
 *       or its hold time passes. Each SET is verified and applied, and acknowledged in the next poll.
 *   <li>On failure, backs off (0.5 s doubling to 30 s, with jitter) and goes on; on close, deletes the stream.
 * </ol>
 *
 * <p>"In sync" means: the last poll was answered with nothing more available, and no request has failed
 * since — so while a long poll is held open the guard counts as in sync, since Curfew answers it at once
 * when an event is queued. A dead connection shows as a failure at once (connection reset) or when the
 * poll times out ({@code pollTimeout}). Out of sync, {@link FailSafe} decides.
 */
final class RevocationFeed {
    static final String POLL_DELIVERY = "urn:ietf:rfc:8936";
    private static final System.Logger LOG = System.getLogger(RevocationFeed.class.getName());
    private static final long INITIAL_BACKOFF_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long FORGET_EVERY_MILLIS = 10_000;
    private static final int MAX_EVENTS = 1000;

    private final String issuer;
    private final String clientId;
    private final String secret;
    private final HttpJson http;
    private final Clock clock;
    private final FailSafe failSafe;
    private final Duration pollTimeout;
    private final long forgetAfterMillis;
    private final CurfewGuard.Metadata metadata;
    private final SecurityEvents events;

    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch firstSync = new CountDownLatch(1);
    private volatile ReceivedSignOuts state = new ReceivedSignOuts();
    private volatile boolean inSync;
    private volatile long lastSyncMillis = Long.MIN_VALUE;
    private volatile String lastError;
    private volatile String streamId;
    private volatile boolean stopped;
    private Thread thread;

    // Only the feed's thread touches these.
    private ReceiverToken token;
    private URI streamsEndpoint;
    private URI pollEndpoint;
    private ReceivedSignOuts building;
    private final List<String> acks = new ArrayList<>();
    private final Map<String, Object> setErrs = new LinkedHashMap<>();
    private long lastForgetMillis;

    /** A feed for the receiver {@code clientId}; with a null clientId the feed is off. */
    RevocationFeed(
            String issuer,
            String clientId,
            String secret,
            HttpJson http,
            Clock clock,
            FailSafe failSafe,
            Duration pollTimeout,
            long forgetAfterMillis,
            CurfewGuard.Metadata metadata,
            JwksCache keys) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.secret = secret;
        this.http = http;
        this.clock = clock;
        this.failSafe = failSafe;
        this.pollTimeout = pollTimeout;
        this.forgetAfterMillis = forgetAfterMillis;
        this.metadata = metadata;
        this.events = clientId == null ? null : new SecurityEvents(issuer, clientId, keys);
    }

    boolean enabled() {
        return clientId != null;
    }

    /** The receiver rule against every sign-out heard of. */
    boolean signedOut(String tokenClientId, String subject, String sessionId, long issuedAtMillis) {
        return clientId != null && state.signedOut(tokenClientId, subject, sessionId, issuedAtMillis);
    }

    boolean failSafeAccepts(long nowMillis, long issuedAtMillis) {
        return clientId == null || failSafe.accepts(nowMillis, issuedAtMillis, inSync, lastSyncMillis);
    }

    synchronized void start() {
        if (clientId != null && thread == null && !stopped) {
            thread = Thread.ofVirtual().name("curfew-guard-feed").start(this::run);
        }
    }

    /** Waits until the first sync is done (start-up snapshot applied); false on timeout. */
    boolean awaitFirstSync(Duration timeout) throws InterruptedException {
        return clientId == null || firstSync.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param keysError the JWKS cache's last error, reported when the feed has none of its own */
    GuardHealth health(String keysError, boolean keysLoaded) {
        long now = clock.millis();
        GuardHealth.FeedState feedState;
        if (stopped) {
            feedState = GuardHealth.FeedState.STOPPED;
        } else if (clientId == null) {
            feedState = GuardHealth.FeedState.OFF;
        } else if (inSync) {
            feedState = GuardHealth.FeedState.LIVE;
        } else if (lastSyncMillis == Long.MIN_VALUE && lastError == null) {
            feedState = GuardHealth.FeedState.STARTING;
        } else if (failSafe.refusing(now, lastSyncMillis)) {
            feedState = GuardHealth.FeedState.FAIL_SAFE;
        } else {
            feedState = GuardHealth.FeedState.FAILING;
        }
        long synced = lastSyncMillis;
        return new GuardHealth(
                feedState,
                synced == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(synced)),
                Optional.ofNullable(lastError != null ? lastError : keysError),
                Optional.ofNullable(streamId),
                state.size(),
                failSafe,
                keysLoaded);
    }

    /** Stops the loop and deletes the stream (best effort, a few seconds at most). */
    void close() {
        Thread running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            inSync = false;
            running = thread;
        }
        stopSignal.countDown();
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            if (!running.join(Duration.ofSeconds(5))) {
                LOG.log(System.Logger.Level.WARNING, "the feed thread did not stop within 5 s");
                return;
            }
            deleteStream();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = 0;
        while (!stopped) {
            try {
                step();
                backoff = 0;
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
                Thread.interrupted();
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                failed(e);
                backoff = backoff == 0 ? INITIAL_BACKOFF_MILLIS : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                try {
                    if (stopSignal.await(jittered, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void step() throws IOException, InterruptedException {
        if (token == null) {
            token = new ReceiverToken(http, metadata.get().tokenEndpoint(), clientId, secret, clock);
        }
        if (streamsEndpoint == null) {
            streamsEndpoint = IssuerMetadata.streamsEndpoint(http, issuer);
        }
        if (pollEndpoint == null) {
            createStream();
        }
        boolean snapshot = building != null;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("maxEvents", MAX_EVENTS);
        request.put("returnImmediately", snapshot);
        request.put("ack", List.copyOf(acks));
        if (!setErrs.isEmpty()) {
            request.put("setErrs", Map.copyOf(setErrs));
        }
        HttpJson.Answer answer = authorized(
                a -> http.postJson(pollEndpoint, request, snapshot ? IssuerMetadata.TIMEOUT : pollTimeout, a));
        if (answer.status() == 404) {
            streamGone();
            return;
        }
        if (!answer.ok()) {
            throw new HttpJson.UnexpectedAnswer("poll of stream " + streamId, answer);
        }
        long answeredAt = clock.millis();
        acks.clear();
        setErrs.clear();
        ReceivedSignOuts target = snapshot ? building : state;
        String retry = apply(HttpJson.object(answer.body().get("sets")), target);
        if (retry != null) {
            throw new IOException("SETs left for the next poll: " + retry);
        }
        if (!Boolean.TRUE.equals(answer.body().get("moreAvailable"))) {
            if (snapshot) {
                state = building;
                building = null;
            }
            synced(answeredAt);
        }
        forgetOld(answeredAt);
    }

    /** Applies every SET; answers the reason when some must be tried again (left unacknowledged). */
    private String apply(Map<String, Object> sets, ReceivedSignOuts target) {
        if (sets == null) {
            return null;
        }
        String retry = null;
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            if (!(set.getValue() instanceof String compact)) {
                setErrs.put(set.getKey(), Map.of("err", "invalid_request", "description", "not a compact JWS"));
                continue;
            }
            switch (events.process(set.getKey(), compact, target)) {
                case SecurityEvents.Accepted accepted -> acks.add(set.getKey());
                case SecurityEvents.Refused refused -> {
                    LOG.log(System.Logger.Level.WARNING, "SET " + set.getKey() + " refused: " + refused.description());
                    setErrs.put(set.getKey(), Map.of("err", refused.err(), "description", refused.description()));
                }
                case SecurityEvents.Retry r -> retry = r.reason();
            }
        }
        return retry;
    }

    private void createStream() throws IOException, InterruptedException {
        Map<String, Object> body = Map.of(
                "delivery", Map.of("method", POLL_DELIVERY),
                "events_requested", List.of(SecurityEvents.SESSION_REVOKED),
                "description", "curfew-guard resource server");
        HttpJson.Answer answer = authorized(a -> http.postJson(streamsEndpoint, body, IssuerMetadata.TIMEOUT, a));
        if (!answer.ok()) {
            throw new HttpJson.UnexpectedAnswer("creating an SSF poll stream", answer);
        }
        String id = HttpJson.string(answer.body(), "stream_id", "stream configuration");
        Map<String, Object> delivery = HttpJson.object(answer.body().get("delivery"));
        if (delivery == null) {
            throw new IOException("stream configuration lacks \"delivery\"");
        }
        URI poll = URI.create(HttpJson.string(delivery, "endpoint_url", "stream delivery"));
        if (!sameOrigin(poll, streamsEndpoint)) {
            // The poll carries the receiver's bearer token: never to another server than the stream endpoint's.
            throw new IOException("poll endpoint " + poll + " is not on the stream endpoint's server");
        }
        pollEndpoint = poll;
        streamId = id;
        building = new ReceivedSignOuts();
        acks.clear();
        setErrs.clear();
        LOG.log(System.Logger.Level.INFO, "SSF poll stream " + id + " created for receiver " + clientId);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private void streamGone() {
        LOG.log(System.Logger.Level.WARNING, "SSF stream " + streamId + " is gone (404); creating a new one");
        lastError = "stream " + streamId + " was gone; re-created from a new snapshot";
        inSync = false;
        pollEndpoint = null;
        streamId = null;
        building = null;
        acks.clear();
        setErrs.clear();
    }

    private void synced(long atMillis) {
        lastSyncMillis = atMillis;
        inSync = true;
        lastError = null;
        firstSync.countDown();
    }

    private void failed(Exception e) {
        inSync = false;
        String message = e instanceof HttpJson.UnexpectedAnswer ? e.getMessage() : JwksCache.describe(e);
        if (!message.equals(lastError)) {
            LOG.log(System.Logger.Level.WARNING, "sign-out feed: " + message);
        }
        lastError = message;
        if (e instanceof HttpJson.UnexpectedAnswer unexpected && unexpected.status() == 401 && token != null) {
            token.invalidate();
        }
    }

    private void forgetOld(long now) {
        if (now - lastForgetMillis >= FORGET_EVERY_MILLIS) {
            lastForgetMillis = now;
            state.forgetBefore(now - forgetAfterMillis);
        }
    }

    private void deleteStream() throws InterruptedException {
        if (streamId == null || streamsEndpoint == null || token == null) {
            return;
        }
        URI uri = URI.create(streamsEndpoint + "?stream_id=" + URLEncoder.encode(streamId, StandardCharsets.UTF_8));
        try {
            HttpJson.Answer answer = authorized(a -> http.delete(uri, Duration.ofSeconds(3), a));
            if (answer.ok() || answer.status() == 404) {
                streamId = null;
            } else {
                LOG.log(System.Logger.Level.WARNING, "deleting SSF stream " + streamId + ": " + answer.describe());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting SSF stream " + streamId + " failed: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Call {
        HttpJson.Answer send(String authorization) throws IOException, InterruptedException;
    }

    /** Sends with the receiver's token; on 401 fetches a new token and sends once more. */
    private HttpJson.Answer authorized(Call call) throws IOException, InterruptedException {
        HttpJson.Answer answer = call.send(token.authorization());
        if (answer.status() == 401) {
            token.invalidate();
            answer = call.send(token.authorization());
        }
        return answer;
    }
}
