package dev.curfew.server.oidc.authorize;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.RedirectUris;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.engine.token.Scopes;
import dev.curfew.server.oidc.Params;
import dev.curfew.server.oidc.authorize.AuthorizationErrors.Redirectable;
import dev.curfew.server.oidc.authorize.AuthorizationErrors.Untrusted;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request, one rule per method, in the order the specifications imply:
 * first what decides whether Curfew may redirect at all (client, redirect URI), then everything whose
 * failure is reported to the client by redirect.
 */
public final class AuthorizationRequestParser {
    /** RFC 7636 §4.2: code_challenge is 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final Store store;

    public AuthorizationRequestParser(Store store) {
        this.store = store;
    }

    public AuthorizationRequest parse(Realm realm, Params params) {
        return parse(realm, params, Set.of());
    }

    /** @param repeated names of parameters sent more than once, left out of {@code params} */
    public AuthorizationRequest parse(Realm realm, Params params, Set<String> repeated) {
        Client client = client(realm, params, repeated);
        String redirectUri = redirectUri(client, params, repeated);
        Optional<String> state = params.get("state");
        // From here on, errors go back to the client's verified redirect URI.
        notRepeated(repeated, redirectUri, state);
        responseType(params, redirectUri, state);
        codeFlowAllowed(client, redirectUri, state);
        requestObjectsUnsupported(params, redirectUri, state);
        responseMode(params, redirectUri, state);
        Optional<String> challenge = pkce(client, params, redirectUri, state);
        Optional<String> prompt = prompt(params, redirectUri, state);
        Optional<Long> maxAge = maxAge(params, redirectUri, state);
        Scopes scopes = Scopes.granted(params.get("scope").orElse(""));
        return new AuthorizationRequest(
                client, redirectUri, state, scopes, params.get("nonce"), challenge, prompt, maxAge, params.values());
    }

    /** RFC 6749 §4.1.2.1: an unknown or disabled client gets no redirect. */
    private Client client(Realm realm, Params params, Set<String> repeated) {
        if (repeated.contains("client_id")) {
            throw new Untrusted("The request names more than one client (client_id is repeated).");
        }
        String clientId = params.get("client_id")
                .orElseThrow(() -> new Untrusted("The request names no client (client_id is missing)."));
        return store.clients()
                .findByClientId(realm.id(), clientId)
                .filter(Client::enabled)
                .orElseThrow(() -> new Untrusted("The application is not known to this realm, or it is disabled."));
    }

    /**
     * OIDC Core §3.1.2.1: redirect_uri is required and must exactly match a registered one (RFC 9700 §4.1.3), but
     * for the port of a loopback IP literal (RFC 8252 §7.3, {@link RedirectUris#matches}).
     */
    private static String redirectUri(Client client, Params params, Set<String> repeated) {
        if (repeated.contains("redirect_uri")) {
            throw new Untrusted("The request has more than one redirect_uri.");
        }
        String uri = params.get("redirect_uri").orElseThrow(() -> new Untrusted("The request has no redirect_uri."));
        if (client.redirectUris().stream().noneMatch(registered -> RedirectUris.matches(registered, uri))) {
            throw new Untrusted("The redirect URI is not registered for this application.");
        }
        return uri;
    }

    /**
     * RFC 6749 §3.1: request parameters must not be included more than once. Reported to the verified
     * redirect URI; a repeated state is not echoed, since neither value can be told to be the client's.
     */
    private static void notRepeated(Set<String> repeated, String redirectUri, Optional<String> state) {
        if (!repeated.isEmpty()) {
            throw new Redirectable(
                    redirectUri,
                    state,
                    "invalid_request",
                    "Parameters included more than once: " + String.join(", ", repeated));
        }
    }

    /** Only the authorization code flow is offered (RFC 9700 §2.1.2 advises against implicit). */
    private static void responseType(Params params, String redirectUri, Optional<String> state) {
        String responseType = params.get("response_type")
                .orElseThrow(() ->
                        new Redirectable(redirectUri, state, "invalid_request", "Missing parameter: response_type"));
        if (!responseType.equals("code")) {
            throw new Redirectable(
                    redirectUri, state, "unsupported_response_type", "Only response_type=code is supported");
        }
    }

    private static void codeFlowAllowed(Client client, String redirectUri, Optional<String> state) {
        if (!client.standardFlow()) {
            throw new Redirectable(
                    redirectUri, state, "unauthorized_client", "This client may not use the authorization code flow");
        }
    }

    /** OIDC Core §6: request objects are optional for providers; say so with the dedicated errors. */
    private static void requestObjectsUnsupported(Params params, String redirectUri, Optional<String> state) {
        if (params.get("request").isPresent()) {
            throw new Redirectable(
                    redirectUri, state, "request_not_supported", "The request parameter is not supported");
        }
        if (params.get("request_uri").isPresent()) {
            throw new Redirectable(
                    redirectUri, state, "request_uri_not_supported", "The request_uri parameter is not supported");
        }
    }

    private static void responseMode(Params params, String redirectUri, Optional<String> state) {
        Optional<String> mode = params.get("response_mode");
        if (mode.isPresent() && !mode.get().equals("query")) {
            throw new Redirectable(redirectUri, state, "invalid_request", "Only response_mode=query is supported");
        }
    }

    /**
     * RFC 7636 and RFC 9700 §2.1.1: public clients must use PKCE; confidential clients may. Only S256 is
     * accepted ("plain" protects nothing once the request leaks).
     */
    private static Optional<String> pkce(Client client, Params params, String redirectUri, Optional<String> state) {
        Optional<String> challenge = params.get("code_challenge");
        Optional<String> method = params.get("code_challenge_method");
        if (challenge.isEmpty()) {
            if (client.publicClient()) {
                throw new Redirectable(
                        redirectUri,
                        state,
                        "invalid_request",
                        "Public clients must send code_challenge with code_challenge_method=S256 (PKCE)");
            }
            if (method.isPresent()) {
                throw new Redirectable(
                        redirectUri, state, "invalid_request", "code_challenge_method without code_challenge");
            }
            return Optional.empty();
        }
        if (!method.orElse("plain").equals("S256")) {
            throw new Redirectable(redirectUri, state, "invalid_request", "code_challenge_method must be S256");
        }
        if (!CODE_CHALLENGE.matcher(challenge.get()).matches()) {
            throw new Redirectable(redirectUri, state, "invalid_request", "code_challenge is malformed");
        }
        return challenge;
    }

    /** OIDC Core §3.1.2.1: none and login are supported; none must not be combined with others. */
    private static Optional<String> prompt(Params params, String redirectUri, Optional<String> state) {
        Optional<String> prompt = params.get("prompt");
        if (prompt.isEmpty()) {
            return prompt;
        }
        String[] values = prompt.get().trim().split("\\s+");
        boolean hasNone = java.util.Arrays.asList(values).contains("none");
        if (hasNone && values.length > 1) {
            throw new Redirectable(
                    redirectUri, state, "invalid_request", "prompt=none cannot be combined with other values");
        }
        if (hasNone) {
            return Optional.of("none");
        }
        // consent and select_account have nothing to show here; login forces re-authentication.
        return java.util.Arrays.asList(values).contains("login") ? Optional.of("login") : Optional.empty();
    }

    private static Optional<Long> maxAge(Params params, String redirectUri, Optional<String> state) {
        Optional<String> maxAge = params.get("max_age");
        if (maxAge.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = AsciiNumbers.parseLong(maxAge.get());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(seconds);
        } catch (NumberFormatException e) {
            throw new Redirectable(
                    redirectUri, state, "invalid_request", "max_age must be a non-negative number of seconds");
        }
    }
}
