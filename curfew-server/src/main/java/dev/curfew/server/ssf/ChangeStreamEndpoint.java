package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.ssf.Transmitter;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;

/**
 * SSF 1.0 §8.1.1.3 {@code PATCH} (the given receiver-supplied fields change) and §8.1.1.4 {@code PUT} (all of them
 * are replaced) of {@code {issuer}/ssf/streams}, the stream named by {@code stream_id} in the body. Answers 200 with
 * the configuration. A stream that becomes a push stream while enabled has its queued SETs moved to the outbox.
 */
final class ChangeStreamEndpoint implements Handler {
    private final ReceiverAuth auth;
    private final Store store;
    private final Transmitter transmitter;
    private final OutboundPolicy outbound;
    private final Clock clock;
    private final StreamInput.Mode mode;

    ChangeStreamEndpoint(
            ReceiverAuth auth,
            Store store,
            Transmitter transmitter,
            OutboundPolicy outbound,
            Clock clock,
            StreamInput.Mode mode) {
        this.auth = auth;
        this.store = store;
        this.transmitter = transmitter;
        this.outbound = outbound;
        this.clock = clock;
        this.mode = mode;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream current = auth.ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        String audience = caller.client().clientId();
        StreamInput in = StreamInput.read(body, mode, current, StreamConfiguration.of(current, audience), outbound);
        Instant now = clock.instant();
        Stream changed = current.withConfiguration(
                in.method(), in.endpointUrl(), in.authorizationHeader(), in.eventsRequested(), in.description(), now);
        store.inTransaction(tx -> {
            if (!tx.ssf().update(changed)) {
                throw ReceiverAuth.notFound(current.id());
            }
            transmitter.releaseHeld(tx, changed);
            transmitter.streamChanged(tx, changed.id());
            return null;
        });
        ctx.header("Cache-Control", "no-store").json(StreamConfiguration.of(changed, audience));
    }
}
