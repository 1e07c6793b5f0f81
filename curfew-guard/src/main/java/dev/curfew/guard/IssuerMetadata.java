package dev.curfew.guard;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The realm's endpoints, from its OpenID Provider metadata ({@code {issuer}/.well-known/openid-configuration},
 * OIDC Discovery §4) and, for the revocation feed, its SSF transmitter metadata
 * ({@code {issuer}/.well-known/ssf-configuration}, SSF 1.0 §7.1). Both must name exactly the configured
 * issuer (OIDC Discovery §4.3), so a misconfigured URL is caught before any key is trusted.
 */
record IssuerMetadata(URI jwksUri, URI tokenEndpoint) {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static IssuerMetadata fetch(HttpJson http, String issuer) throws IOException, InterruptedException {
        Map<String, Object> json = wellKnown(http, issuer, "openid-configuration");
        return new IssuerMetadata(
                URI.create(HttpJson.string(json, "jwks_uri", "openid-configuration")),
                URI.create(HttpJson.string(json, "token_endpoint", "openid-configuration")));
    }

    /** The SSF stream configuration endpoint. */
    static URI streamsEndpoint(HttpJson http, String issuer) throws IOException, InterruptedException {
        Map<String, Object> json = wellKnown(http, issuer, "ssf-configuration");
        return URI.create(HttpJson.string(json, "configuration_endpoint", "ssf-configuration"));
    }

    private static Map<String, Object> wellKnown(HttpJson http, String issuer, String name)
            throws IOException, InterruptedException {
        HttpJson.Answer answer = http.get(URI.create(issuer + "/.well-known/" + name), TIMEOUT, null);
        if (!answer.ok()) {
            throw new HttpJson.UnexpectedAnswer(name + " of " + issuer, answer);
        }
        String named = HttpJson.string(answer.body(), "issuer", name);
        if (!named.equals(issuer)) {
            throw new IOException(name + " names the issuer " + named + ", not the configured " + issuer);
        }
        return answer.body();
    }
}
