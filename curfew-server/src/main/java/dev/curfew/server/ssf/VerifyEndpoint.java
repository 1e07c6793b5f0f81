package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * SSF 1.0 §8.1.4.2 {@code POST {issuer}/ssf/verify}: queues a verification event on the stream, echoing the
 * receiver's {@code state}, and answers 204. The SET travels like any other, which is what it verifies.
 */
final class VerifyEndpoint implements Handler {
    static final int MAX_STATE = 1000;

    private final SsfContext c;

    VerifyEndpoint(SsfContext c) {
        this.c = c;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = c.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream stream = c.auth().ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        var state = JsonBody.string(body, "state", MAX_STATE);
        Transmitter.Queued queued =
                c.store().inTransaction(tx -> c.transmitter().verification(tx, stream, state));
        c.transmitter().afterCommit(queued);
        ctx.status(204);
    }
}
