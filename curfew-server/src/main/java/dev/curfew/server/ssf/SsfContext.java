package dev.curfew.server.ssf;

import dev.curfew.core.store.Store;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.ssf.Ssf;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * What the stream endpoints share.
 *
 * @param outbound the rules a push stream's endpoint URL must meet
 */
record SsfContext(
        Store store, ReceiverAuth auth, Ssf ssf, RequestInfo requestInfo, Clock clock, OutboundPolicy outbound) {
    /** The calling receiver of the realm in the path. */
    ReceiverAuth.Caller caller(Context ctx) {
        return auth.require(ctx, requestInfo.issuer(ctx, ctx.pathParam("realm")));
    }

    Transmitter transmitter() {
        return ssf.transmitter();
    }
}
