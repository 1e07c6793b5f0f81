package dev.curfew.server.oidc.discovery;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.engine.token.AuthMethods;
import dev.curfew.engine.token.Scopes;
import dev.curfew.server.http.RequestInfo;
import dev.curfew.server.oidc.Endpoints;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenID Connect Discovery 1.0 §4: the provider metadata of one realm. */
public final class DiscoveryEndpoint implements Handler {
    private final RealmResolver realms;
    private final RequestInfo requestInfo;

    public DiscoveryEndpoint(RealmResolver realms, RequestInfo requestInfo) {
        this.realms = realms;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        Realm realm = realms.require(ctx);
        String base = requestInfo.baseUrl(ctx);
        String name = realm.name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", requestInfo.issuer(ctx, name));
        m.put("authorization_endpoint", Endpoints.url(base, Endpoints.AUTH, name));
        m.put("token_endpoint", Endpoints.url(base, Endpoints.TOKEN, name));
        m.put("userinfo_endpoint", Endpoints.url(base, Endpoints.USERINFO, name));
        m.put("jwks_uri", Endpoints.url(base, Endpoints.CERTS, name));
        m.put("end_session_endpoint", Endpoints.url(base, Endpoints.LOGOUT, name));
        m.put("introspection_endpoint", Endpoints.url(base, Endpoints.INTROSPECT, name));
        m.put("revocation_endpoint", Endpoints.url(base, Endpoints.REVOKE, name));
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put(
                "grant_types_supported",
                List.of("authorization_code", "refresh_token", "client_credentials", "password"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", RealmSettings.SUPPORTED_ALGORITHMS);
        m.put("scopes_supported", Scopes.SUPPORTED.stream().sorted().toList());
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "none");
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint_auth_methods_supported", authMethods.subList(0, 2));
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put(
                "claims_supported",
                List.of(
                        "sub",
                        "iss",
                        "aud",
                        "exp",
                        "iat",
                        "auth_time",
                        "acr",
                        "amr",
                        "nonce",
                        "sid",
                        "azp",
                        "preferred_username",
                        "name",
                        "given_name",
                        "family_name",
                        "email",
                        "email_verified"));
        m.put("prompt_values_supported", List.of("none", "login"));
        // The acr of an ID token: "1" for the password alone, "2" with a second factor (docs/integrator-guide.md).
        m.put("acr_values_supported", List.of(AuthMethods.ACR_ONE_FACTOR, AuthMethods.ACR_TWO_FACTORS));
        m.put("claims_parameter_supported", false);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        // RFC 9207: the authorization response names its issuer, against mix-up attacks.
        m.put("authorization_response_iss_parameter_supported", true);
        // OpenID Connect Back-Channel Logout 1.0 §2.1: logout tokens are sent, and carry sid.
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        ctx.header("Cache-Control", "public, max-age=60").json(m);
    }
}
