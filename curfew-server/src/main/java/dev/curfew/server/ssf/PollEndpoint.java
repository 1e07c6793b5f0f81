package dev.curfew.server.ssf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.ssf.QueuedSet;
import dev.curfew.core.ssf.Stream;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 8936 poll delivery, {@code POST {issuer}/ssf/streams/{stream_id}/poll}. Acknowledged SETs ({@code ack}, and
 * those reported in {@code setErrs}) are removed first (§2.4); then up to {@code maxEvents} queued SETs are answered,
 * signed, in the order they were queued. Unacknowledged SETs are answered again on the next poll.
 *
 * <p>With {@code returnImmediately: false} and nothing queued, the request is held (§2.4 long polling): this node
 * wakes it as soon as it queues a SET for the stream, and it looks at the queue every half second for SETs other
 * nodes queued, until the configured poll timeout, when it answers with what there is (possibly nothing). A paused
 * stream's SETs stay queued and are not answered until it is enabled again.
 */
final class PollEndpoint implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(PollEndpoint.class);
    static final int DEFAULT_MAX_EVENTS = 100;
    static final int MAX_EVENTS = 1000;
    /** Acknowledgements accepted in one request. */
    static final int MAX_ACKS = 10_000;
    /** How often a held poll looks at the queue for SETs queued by other nodes. */
    static final Duration RECHECK = Duration.ofMillis(500);

    private final SsfContext c;

    PollEndpoint(SsfContext c) {
        this.c = c;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = c.caller(ctx);
        Stream stream = c.auth().ownStream(caller, ctx.pathParam("stream"));
        if (stream.method() != Stream.DeliveryMethod.POLL) {
            throw OAuthError.invalidRequest("This stream delivers by push (RFC 8935), not by poll");
        }
        var body = JsonBody.object(ctx, true);
        int maxEvents = maxEvents(body);
        boolean returnImmediately = flag(body, "returnImmediately");
        List<String> done = new ArrayList<>(jtis(body.get("ack"), "ack"));
        JsonNode errors = body.get("setErrs");
        if (errors != null && !errors.isNull()) {
            if (!errors.isObject()) {
                throw OAuthError.invalidRequest("setErrs must be an object of jti to error");
            }
            errors.fieldNames().forEachRemaining(jti -> {
                if (jti.isEmpty() || jti.length() > 255) {
                    throw OAuthError.invalidRequest("setErrs must name SETs by their jti");
                }
                // RFC 8936 §2.4.4: each error is an object with a required "err" code and an optional "description".
                JsonNode error = errors.get(jti);
                JsonNode description = error.path("description");
                if (!error.isObject()
                        || !error.path("err").isTextual()
                        || !(description.isMissingNode() || description.isTextual())) {
                    throw OAuthError.invalidRequest(
                            "setErrs must map each jti to an object with an \"err\" string and an optional"
                                    + " \"description\" string");
                }
                // RFC 8936 §2.4.4: the receiver could not process it; it is not sent again.
                LOG.info(
                        "receiver {} reported an error for SET {} on stream {}: {}",
                        caller.client().clientId(),
                        abbreviate(jti),
                        stream.id(),
                        abbreviate(errors.get(jti).path("err").asText()));
                done.add(jti);
            });
        }
        if (done.size() > MAX_ACKS) {
            throw OAuthError.invalidRequest("at most " + MAX_ACKS + " SETs can be acknowledged at once");
        }
        if (!done.isEmpty()) {
            c.store().ssf().remove(stream.id(), done);
        }
        c.ssf().metrics().polled();
        List<QueuedSet> found =
                maxEvents == 0 ? List.of() : waitForSets(caller, stream.id(), maxEvents + 1, returnImmediately);
        Map<String, String> sets = new LinkedHashMap<>();
        for (QueuedSet q : found.subList(0, Math.min(maxEvents, found.size()))) {
            sets.put(q.jti(), c.ssf().signer().sign(caller.realm().id(), q.claims()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sets", sets);
        answer.put(
                "moreAvailable", maxEvents == 0 ? c.store().ssf().queued(stream.id()) > 0 : found.size() > maxEvents);
        ctx.header("Cache-Control", "no-store").json(answer);
    }

    /** The queued SETs to answer, waiting for some when asked to (bounded by the poll timeout). */
    private List<QueuedSet> waitForSets(ReceiverAuth.Caller caller, String streamId, int limit, boolean immediately) {
        long deadline = System.nanoTime() + c.ssf().pollTimeout().toNanos();
        PollWaiters.Signal signal = c.ssf().waiters().hold(streamId);
        try {
            while (true) {
                long seen = signal.version();
                Optional<Stream> stream = c.store().ssf().find(caller.realm().id(), streamId);
                if (stream.isEmpty() || stream.get().status() == Stream.Status.DISABLED) {
                    return List.of();
                }
                if (stream.get().status() == Stream.Status.ENABLED) {
                    List<QueuedSet> queued = c.store().ssf().next(streamId, limit);
                    if (!queued.isEmpty()) {
                        return queued;
                    }
                }
                long left = deadline - System.nanoTime();
                if (immediately || left <= 0) {
                    return List.of();
                }
                signal.awaitChange(seen, Math.min(left, RECHECK.toNanos()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            c.ssf().waiters().release(streamId);
        }
    }

    private static int maxEvents(JsonNode body) {
        JsonNode value = body.get("maxEvents");
        if (value == null || value.isNull()) {
            return DEFAULT_MAX_EVENTS;
        }
        // canConvertToInt first: asLong() of a number past 2^63 keeps its low 64 bits, so 2^64 + 5 would be 5.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAX_EVENTS) {
            throw OAuthError.invalidRequest("maxEvents must be a whole number from 0 to " + MAX_EVENTS);
        }
        return value.asInt();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw OAuthError.invalidRequest(field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static List<String> jtis(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw OAuthError.invalidRequest(field + " must be an array of jti strings");
        }
        List<String> jtis = new ArrayList<>();
        for (JsonNode jti : node) {
            if (!jti.isTextual() || jti.asText().isEmpty() || jti.asText().length() > 255) {
                throw OAuthError.invalidRequest(field + " must be an array of jti strings");
            }
            jtis.add(jti.asText());
        }
        return jtis;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 100) + "…";
    }
}
