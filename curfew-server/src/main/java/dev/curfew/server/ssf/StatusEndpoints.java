package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
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
    static Handler read(ReceiverAuth auth) {
        return ctx -> {
            ReceiverAuth.Caller caller = auth.caller(ctx);
            Stream stream = auth.ownStream(caller, JsonBody.streamIdParam(ctx));
            ctx.header("Cache-Control", "no-store").json(view(stream));
        };
    }

    /** {@code POST {issuer}/ssf/streams/status} with {@code stream_id}, {@code status} and an optional reason. */
    static Handler update(ReceiverAuth auth, Store store, Transmitter transmitter, Clock clock) {
        return ctx -> change(ctx, auth, store, transmitter, clock);
    }

    private static void change(Context ctx, ReceiverAuth auth, Store store, Transmitter transmitter, Clock clock) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream current = auth.ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        String wire = JsonBody.requiredString(body, "status");
        Stream.Status status = Stream.Status.ofWire(wire)
                .orElseThrow(() ->
                        OAuthError.invalidRequest("status '" + wire + "' is not one of enabled, paused, disabled"));
        Optional<String> reason = JsonBody.string(body, "reason", MAX_REASON);
        Stream changed = current.withStatus(status, reason, clock.instant());
        store.inTransaction(tx -> {
            if (!tx.ssf().update(changed)) {
                throw ReceiverAuth.notFound(current.id());
            }
            transmitter.streamChanged(tx, changed.id());
            if (status == Stream.Status.DISABLED) {
                tx.ssf().clear(changed.id());
            } else if (status == current.status()) {
                transmitter.releaseHeld(tx, changed);
            } else {
                transmitter.streamUpdated(tx, changed);
            }
            return null;
        });
        ctx.header("Cache-Control", "no-store").json(view(changed));
    }
}
