package dev.curfew.server.oidc.authorize;

import dev.curfew.core.client.Client;
import dev.curfew.engine.token.Scopes;
import java.util.Map;
import java.util.Optional;

/**
 * A validated authorization request (OIDC Core §3.1.2.1, RFC 7636).
 *
 * @param raw the parameters as received, carried through the login form unchanged
 */
public record AuthorizationRequest(
        Client client,
        String redirectUri,
        Optional<String> state,
        Scopes scopes,
        Optional<String> nonce,
        Optional<String> codeChallenge,
        Optional<String> prompt,
        Optional<Long> maxAgeSeconds,
        Map<String, String> raw) {

    public boolean promptNone() {
        return prompt.filter("none"::equals).isPresent();
    }

    public boolean promptLogin() {
        return prompt.filter("login"::equals).isPresent();
    }
}
