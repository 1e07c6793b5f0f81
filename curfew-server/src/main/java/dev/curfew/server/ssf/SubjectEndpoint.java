package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * SSF 1.0 §8.1.3.2 add subject (200) and §8.1.3.3 remove subject (204). Every subject of the realm is in a stream
 * by default ({@code default_subjects: ALL}); removing one excludes it — no event naming it is queued on the
 * stream — and adding it includes it again. {@code verified} is accepted and not needed: Curfew knows its subjects.
 */
final class SubjectEndpoint implements Handler {
    private final ReceiverAuth auth;
    private final Store store;
    private final boolean add;

    SubjectEndpoint(ReceiverAuth auth, Store store, boolean add) {
        this.auth = auth;
        this.store = store;
        this.add = add;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream stream = auth.ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        String key = Subjects.keyOf(body.get("subject"), stream);
        if (add) {
            store.ssf().include(stream.id(), key);
            ctx.status(200);
        } else {
            store.ssf().exclude(stream.id(), key);
            ctx.status(204);
        }
    }
}
