package dev.curfew.server.oidc;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.client.ClientService;
import dev.curfew.server.http.OAuthError;
import dev.curfew.server.http.StorableText;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 §2.3):
 * {@code client_secret_basic} or {@code client_secret_post} for confidential clients; a public client
 * only names itself with {@code client_id}. Using two methods at once is an error (§2.3).
 */
public final class ClientAuthenticator {
    private final Store store;

    public ClientAuthenticator(Store store) {
        this.store = store;
    }

    /** @param allowPublic whether a public client (no secret) is acceptable at this endpoint */
    public Client authenticate(Context ctx, Realm realm, Params params, boolean allowPublic) {
        Optional<String[]> basic = basic(ctx);
        Optional<String> formId = params.get("client_id");
        Optional<String> formSecret = params.get("client_secret");
        if (basic.isPresent() && formSecret.isPresent()) {
            throw OAuthError.invalidRequest("Use one client authentication method, not both Basic and client_secret");
        }
        String clientId = basic.map(b -> b[0])
                .or(() -> formId)
                .orElseThrow(() -> OAuthError.invalidClient("Client authentication is required"));
        if (basic.isPresent() && formId.isPresent() && !formId.get().equals(clientId)) {
            throw OAuthError.invalidRequest("client_id does not match the authenticated client");
        }
        Optional<String> secret = basic.map(b -> b[1]).or(() -> formSecret);
        Client client = store.clients()
                .findByClientId(realm.id(), clientId)
                .filter(Client::enabled)
                .orElseThrow(() -> OAuthError.invalidClient("Client authentication failed"));
        if (client.publicClient()) {
            if (!allowPublic) {
                throw OAuthError.invalidClient("This endpoint requires a confidential client");
            }
            return client;
        }
        if (secret.isEmpty() || !ClientService.secretMatches(client, secret.get())) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        return client;
    }

    /** RFC 6749 §2.3.1: id and secret are form-urlencoded before being put in the Basic header. */
    private static Optional<String[]> basic(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient("Malformed Basic authorization header");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (!StorableText.is(id) || !StorableText.is(secret)) {
                throw OAuthError.invalidClient("Malformed Basic authorization header");
            }
            return Optional.of(new String[] {id, secret});
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed Basic authorization header");
        }
    }
}
