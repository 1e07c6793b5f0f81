package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * SSF 1.0 §8.1.1.2 {@code GET {issuer}/ssf/streams[?stream_id=]}: one of the receiver's streams, or all of them as
 * an array.
 */
final class ReadStreamsEndpoint implements Handler {
    private final ReceiverAuth auth;
    private final Store store;
    private final Clock clock;

    ReadStreamsEndpoint(ReceiverAuth auth, Store store, Clock clock) {
        this.auth = auth;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        String audience = caller.client().clientId();
        ctx.header("Cache-Control", "no-store");
        if (ctx.queryParam("stream_id") != null) {
            ctx.json(StreamConfiguration.of(auth.ownStream(caller, JsonBody.streamIdParam(ctx)), audience));
            return;
        }
        List<Stream> streams =
                store.ssf().listByClient(caller.realm().id(), caller.client().id());
        streams.forEach(s -> store.ssf().touch(s.id(), clock.instant()));
        List<Map<String, Object>> all =
                streams.stream().map(s -> StreamConfiguration.of(s, audience)).toList();
        ctx.json(all);
    }
}
