package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.ssf.Transmitter;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** SSF 1.0 §8.1.1.5 {@code DELETE {issuer}/ssf/streams?stream_id=}: deletes the stream and its queue; 204. */
final class ReceiverDeleteStreamEndpoint implements Handler {
    private final ReceiverAuth auth;
    private final Store store;
    private final Transmitter transmitter;

    ReceiverDeleteStreamEndpoint(ReceiverAuth auth, Store store, Transmitter transmitter) {
        this.auth = auth;
        this.store = store;
        this.transmitter = transmitter;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        Stream stream = auth.ownStream(caller, JsonBody.streamIdParam(ctx));
        store.ssf().delete(caller.realm().id(), stream.id());
        transmitter.wake(stream.id());
        ctx.status(204);
    }
}
