package dev.curfew.server.ssf;

import dev.curfew.core.store.Store;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.engine.ssf.Ssf;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.token.TokenVerifier;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The Shared Signals transmitter's endpoints of every realm (OpenID Shared Signals Framework 1.0), given what they
 * use.
 *
 * @param outbound the rules a push stream's endpoint URL must meet
 */
public record SsfRoutes(
        RealmResolver realms,
        Store store,
        Clock clock,
        TokenVerifier tokenVerifier,
        Ssf ssf,
        OutboundPolicy outbound,
        RequestInfo requestInfo) {

    public void register(RoutesConfig routes) {
        MetadataEndpoint metadata = new MetadataEndpoint(realms, requestInfo);
        routes.get(SsfPaths.METADATA, metadata);
        routes.get(SsfPaths.METADATA_UNDER_ISSUER, metadata);

        ReceiverAuth auth = new ReceiverAuth(realms, tokenVerifier, store, clock, requestInfo);
        Transmitter transmitter = ssf.transmitter();
        routes.post(SsfPaths.STREAMS, new CreateStreamEndpoint(auth, store, transmitter, outbound, clock));
        routes.get(SsfPaths.STREAMS, new ReadStreamsEndpoint(auth, store, clock));
        routes.patch(
                SsfPaths.STREAMS,
                new ChangeStreamEndpoint(auth, store, transmitter, outbound, clock, StreamInput.Mode.UPDATE));
        routes.put(
                SsfPaths.STREAMS,
                new ChangeStreamEndpoint(auth, store, transmitter, outbound, clock, StreamInput.Mode.REPLACE));
        routes.delete(SsfPaths.STREAMS, new ReceiverDeleteStreamEndpoint(auth, store, transmitter));
        routes.get(SsfPaths.STATUS, StatusEndpoints.read(auth));
        routes.post(SsfPaths.STATUS, StatusEndpoints.update(auth, store, transmitter, clock));
        routes.post(SsfPaths.ADD_SUBJECT, new SubjectEndpoint(auth, store, true));
        routes.post(SsfPaths.REMOVE_SUBJECT, new SubjectEndpoint(auth, store, false));
        routes.post(SsfPaths.VERIFY, new VerifyEndpoint(auth, store, transmitter, clock));
        routes.post(SsfPaths.POLL, new PollEndpoint(auth, store, ssf));
    }
}
