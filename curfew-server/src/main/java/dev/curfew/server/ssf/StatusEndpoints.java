package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SSF 1.0 §8.1.2: reading ({@code GET ?stream_id=}) and changing ({@code POST}) a stream's status. Enabled streams
 * get their SETs, paused ones keep them queued until enabled again, disabled ones get none (and their queue is
 * emptied). A change of status queues a stream-updated event on the stream (when it is not disabled).
 */
final class StatusEndpoints {
    static final int MAX_REASON = 1000;

    private StatusEndpoints() {}

    static Map<String, Object> view(Stream stream) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream_id", stream.id());
        m.put("status", stream.status().wire());
        stream.reason().ifPresent(r -> m.put("reason", r));
        return m;
    }

    /** {@code GET {issuer}/ssf/streams/status?stream_id=}. */
    static Handler read(SsfContext c) {
        return ctx -> {
            ReceiverAuth.Caller caller = c.caller(ctx);
            Stream stream = c.auth().ownStream(caller, JsonBody.streamIdParam(ctx));
            ctx.header("Cache-Control", "no-store").json(view(stream));
        };
    }

    /** {@code POST {issuer}/ssf/streams/status} with {@code stream_id}, {@code status} and an optional reason. */
    static Handler update(SsfContext c) {
        return ctx -> change(c, ctx);
    }

    private static void change(SsfContext c, Context ctx) {
        ReceiverAuth.Caller caller = c.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream current = c.auth().ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        String wire = JsonBody.requiredString(body, "status");
        Stream.Status status = Stream.Status.ofWire(wire)
                .orElseThrow(() ->
                        OAuthError.invalidRequest("status '" + wire + "' is not one of enabled, paused, disabled"));
        Optional<String> reason = JsonBody.string(body, "reason", MAX_REASON);
        Stream changed = current.withStatus(status, reason, c.clock().instant());
        c.store().inTransaction(tx -> {
            if (!tx.ssf().update(changed)) {
                throw ReceiverAuth.notFound(current.id());
            }
            c.transmitter().streamChanged(tx, changed.id());
            if (status == Stream.Status.DISABLED) {
                tx.ssf().clear(changed.id());
            } else if (status == current.status()) {
                c.transmitter().releaseHeld(tx, changed);
            } else {
                c.transmitter().streamUpdated(tx, changed);
            }
            return null;
        });
        ctx.header("Cache-Control", "no-store").json(view(changed));
    }
}
