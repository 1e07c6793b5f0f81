package dev.curfew.server.ssf;

import dev.curfew.server.oidc.Endpoints;

/** Where the transmitter's endpoints are, per realm (SSF 1.0 §7.1 metadata names them). */
public final class SsfPaths {
    /** SSF 1.0 §7.2: the well-known path inserted before the issuer's path. */
    public static final String METADATA = "/.well-known/ssf-configuration/realms/{realm}";
    /** The same document under the issuer, as {@code openid-configuration} is. */
    public static final String METADATA_UNDER_ISSUER = Endpoints.REALM + "/.well-known/ssf-configuration";

    public static final String STREAMS = Endpoints.REALM + "/ssf/streams";
    public static final String STATUS = STREAMS + "/status";
    public static final String POLL = STREAMS + "/{stream}/poll";
    public static final String ADD_SUBJECT = Endpoints.REALM + "/ssf/subjects/add";
    public static final String REMOVE_SUBJECT = Endpoints.REALM + "/ssf/subjects/remove";
    public static final String VERIFY = Endpoints.REALM + "/ssf/verify";

    private SsfPaths() {}

    /** The poll endpoint of a stream: its {@code delivery.endpoint_url}. */
    public static String pollUrl(String issuer, String streamId) {
        return issuer + "/ssf/streams/" + streamId + "/poll";
    }
}
