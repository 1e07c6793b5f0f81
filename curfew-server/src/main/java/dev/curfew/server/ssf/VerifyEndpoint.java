package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SSF 1.0 §8.1.4.2 {@code POST {issuer}/ssf/verify}: queues a verification event on the stream, echoing the
 * receiver's {@code state}, and answers 204. The SET travels like any other, which is what it verifies. A request
 * sooner than {@link StreamConfiguration#MIN_VERIFICATION_INTERVAL} after the stream's last accepted one is answered
 * 429 with {@code Retry-After} (§8.1.1 {@code min_verification_interval}; RFC 9110 §10.2.3), and queues nothing.
 */
final class VerifyEndpoint implements Handler {
    static final int MAX_STATE = 1000;

    private final ReceiverAuth auth;
    private final Store store;
    private final Transmitter transmitter;
    private final Clock clock;

    VerifyEndpoint(ReceiverAuth auth, Store store, Transmitter transmitter, Clock clock) {
        this.auth = auth;
        this.store = store;
        this.transmitter = transmitter;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Stream stream = auth.ownStream(caller, JsonBody.requiredString(body, "stream_id"));
        var state = JsonBody.string(body, "state", MAX_STATE);
        Instant now = clock.instant();
        Duration interval = StreamConfiguration.MIN_VERIFICATION_INTERVAL;
        store.inTransaction(tx -> {
            Optional<Instant> last = tx.ssf().recordVerification(stream.id(), now, interval);
            if (last.isPresent()) {
                throw tooSoon(ctx, Duration.between(now, last.get().plus(interval)));
            }
            transmitter.verification(tx, stream, state);
            return null;
        });
        ctx.status(204);
    }

    private static OAuthError tooSoon(Context ctx, Duration wait) {
        // Whole seconds, rounded up: a receiver that waits this long is let through.
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        return new OAuthError(
                429,
                "too_many_requests",
                "A verification event was queued on this stream less than "
                        + StreamConfiguration.MIN_VERIFICATION_INTERVAL.toSeconds()
                        + " seconds ago (min_verification_interval); try again in " + seconds + " s");
    }
}
