package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** SSF 1.0 §8.1.1.5 {@code DELETE {issuer}/ssf/streams?stream_id=}: deletes the stream and its queue; 204. */
final class ReceiverDeleteStreamEndpoint implements Handler {
    private final SsfContext c;

    ReceiverDeleteStreamEndpoint(SsfContext c) {
        this.c = c;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = c.caller(ctx);
        Stream stream = c.auth().ownStream(caller, JsonBody.streamIdParam(ctx));
        c.store().ssf().delete(caller.realm().id(), stream.id());
        c.transmitter().wake(stream.id());
        ctx.status(204);
    }
}
