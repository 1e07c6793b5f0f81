package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;

/**
 * SSF 1.0 §8.1.1.3 {@code PATCH} (the given receiver-supplied fields change) and §8.1.1.4 {@code PUT} (all of them
 * are replaced) of {@code {issuer}/ssf/streams}, the stream named by {@code stream_id} in the body. Answers 200 with
 * the configuration. A stream that becomes a push stream while enabled has its queued SETs moved to the outbox.
 */
final class ChangeStreamEndpoint implements Handler {
    private final SsfContext c;
    private final StreamInput.Mode mode;

    ChangeStreamEndpoint(SsfContext c, StreamInput.Mode mode) {
        this.c = c;
        this.mode = mode;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = c.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream current = c.auth().ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        String audience = caller.client().clientId();
        StreamInput in = StreamInput.read(body, mode, current, StreamConfiguration.of(current, audience), c.outbound());
        Instant now = c.clock().instant();
        Stream changed = current.withConfiguration(
                in.method(), in.endpointUrl(), in.authorizationHeader(), in.eventsRequested(), in.description(), now);
        c.store().inTransaction(tx -> {
            if (!tx.ssf().update(changed)) {
                throw ReceiverAuth.notFound(current.id());
            }
            c.transmitter().releaseHeld(tx, changed);
            c.transmitter().streamChanged(tx, changed.id());
            return null;
        });
        ctx.header("Cache-Control", "no-store").json(StreamConfiguration.of(changed, audience));
    }
}
