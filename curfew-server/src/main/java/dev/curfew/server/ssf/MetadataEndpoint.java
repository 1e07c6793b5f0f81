package dev.curfew.server.ssf;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.ssf.Stream;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Endpoints;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SSF 1.0 §7.1 transmitter configuration metadata of one realm, served at the spec's path-insertion location
 * ({@code /.well-known/ssf-configuration/realms/{realm}}, §7.2) and under the issuer.
 */
public final class MetadataEndpoint implements Handler {
    private final RealmResolver realms;
    private final RequestInfo requestInfo;

    public MetadataEndpoint(RealmResolver realms, RequestInfo requestInfo) {
        this.realms = realms;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        String issuer = requestInfo.issuer(ctx, realm.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec_version", "1_0");
        m.put("issuer", issuer);
        m.put("jwks_uri", Endpoints.url(requestInfo.baseUrl(ctx), Endpoints.CERTS, realm.name()));
        m.put(
                "delivery_methods_supported",
                List.of(Stream.DeliveryMethod.PUSH.urn(), Stream.DeliveryMethod.POLL.urn()));
        m.put("configuration_endpoint", issuer + "/ssf/streams");
        m.put("status_endpoint", issuer + "/ssf/streams/status");
        m.put("add_subject_endpoint", issuer + "/ssf/subjects/add");
        m.put("remove_subject_endpoint", issuer + "/ssf/subjects/remove");
        m.put("verification_endpoint", issuer + "/ssf/verify");
        m.put("authorization_schemes", List.of(Map.of("spec_urn", "urn:ietf:rfc:6749")));
        m.put("default_subjects", "ALL");
        ctx.header("Cache-Control", "public, max-age=60").json(m);
    }
}
