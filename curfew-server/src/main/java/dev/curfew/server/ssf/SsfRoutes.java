package dev.curfew.server.ssf;

import dev.curfew.server.Services;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.config.RoutesConfig;

/** The Shared Signals transmitter's endpoints of every realm (OpenID Shared Signals Framework 1.0). */
public final class SsfRoutes {
    private final Services s;

    public SsfRoutes(Services services) {
        this.s = services;
    }

    public void register(RoutesConfig routes) {
        RealmResolver realms = new RealmResolver(s.store(), s.pages());
        MetadataEndpoint metadata = new MetadataEndpoint(realms, s.requestInfo());
        routes.get(SsfPaths.METADATA, metadata);
        routes.get(SsfPaths.METADATA_UNDER_ISSUER, metadata);

        SsfContext c = new SsfContext(
                s.store(),
                new ReceiverAuth(realms, s.tokenVerifier(), s.store(), s.clock()),
                s.ssf(),
                s.requestInfo(),
                s.clock(),
                s.outbound());
        routes.post(SsfPaths.STREAMS, new CreateStreamEndpoint(c));
        routes.get(SsfPaths.STREAMS, new ReadStreamsEndpoint(c));
        routes.patch(SsfPaths.STREAMS, new ChangeStreamEndpoint(c, StreamInput.Mode.UPDATE));
        routes.put(SsfPaths.STREAMS, new ChangeStreamEndpoint(c, StreamInput.Mode.REPLACE));
        routes.delete(SsfPaths.STREAMS, new ReceiverDeleteStreamEndpoint(c));
        routes.get(SsfPaths.STATUS, StatusEndpoints.read(c));
        routes.post(SsfPaths.STATUS, StatusEndpoints.update(c));
        routes.post(SsfPaths.ADD_SUBJECT, new SubjectEndpoint(c, true));
        routes.post(SsfPaths.REMOVE_SUBJECT, new SubjectEndpoint(c, false));
        routes.post(SsfPaths.VERIFY, new VerifyEndpoint(c));
        routes.post(SsfPaths.POLL, new PollEndpoint(c));
    }
}
