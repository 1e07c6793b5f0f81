package dev.curfew.server.ssf;

import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.validity.TokenLifetimes;
import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * SSF 1.0 §8.1.1.1 {@code POST {issuer}/ssf/streams}: creates a stream for the calling receiver and answers 201 with
 * its configuration. In the same transaction the stream is given the start-up snapshot (every cut-off and revoked
 * session that can still refuse a token), so a receiver that starts now is not blind to earlier sign-outs.
 */
final class CreateStreamEndpoint implements Handler {
    /** Streams one receiver may hold (each curfew-guard instance makes its own). */
    static final int MAX_STREAMS_PER_RECEIVER = 100;
    /** SSF 1.0 §8.1.1 {@code inactivity_timeout}: a stream unused for a day is deleted. */
    static final Duration INACTIVITY_TIMEOUT = Duration.ofDays(1);

    private final ReceiverAuth auth;
    private final Store store;
    private final Transmitter transmitter;
    private final OutboundPolicy outbound;
    private final Clock clock;

    CreateStreamEndpoint(
            ReceiverAuth auth, Store store, Transmitter transmitter, OutboundPolicy outbound, Clock clock) {
        this.auth = auth;
        this.store = store;
        this.transmitter = transmitter;
        this.outbound = outbound;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        ReceiverAuth.Caller caller = auth.caller(ctx);
        var body = JsonBody.object(ctx, false);
        Instant now = clock.instant();
        Stream template = new Stream(
                Secrets.newId(),
                caller.realm().id(),
                caller.client().id(),
                caller.issuer(),
                Stream.DeliveryMethod.POLL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Stream.Status.ENABLED,
                Optional.empty(),
                INACTIVITY_TIMEOUT,
                now,
                now,
                now);
        Map<String, Object> templateView =
                StreamConfiguration.of(template, caller.client().clientId());
        StreamInput in = StreamInput.read(body, StreamInput.Mode.CREATE, template, templateView, outbound);
        Stream stream = template.withConfiguration(
                in.method(), in.endpointUrl(), in.authorizationHeader(), in.eventsRequested(), in.description(), now);
        Duration lifetime = TokenLifetimes.longest(store, caller.realm());
        store.inTransaction(tx -> {
            if (tx.ssf().countByClient(caller.realm().id(), caller.client().id()) >= MAX_STREAMS_PER_RECEIVER) {
                throw new OAuthError(
                        409,
                        "conflict",
                        "This receiver already has " + MAX_STREAMS_PER_RECEIVER
                                + " streams: delete one before creating another");
            }
            tx.ssf().create(stream);
            transmitter.snapshot(tx, caller.realm(), stream, lifetime);
            return null;
        });
        ctx.status(201)
                .header("Cache-Control", "no-store")
                .json(StreamConfiguration.of(stream, caller.client().clientId()));
    }
}
