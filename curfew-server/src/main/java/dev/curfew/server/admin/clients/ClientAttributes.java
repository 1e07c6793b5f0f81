package dev.curfew.server.admin.clients;

import dev.curfew.core.client.BackChannelLogoutUris;
import dev.curfew.core.client.RedirectUris;
import dev.curfew.core.util.AsciiNumbers;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.admin.FieldProblems;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Keycloak client attributes Curfew understands, with Keycloak's encodings. */
final class ClientAttributes {
    /** Keycloak's list of post-logout redirect URIs, joined with {@value #SEPARATOR}. */
    static final String POST_LOGOUT_REDIRECT_URIS = "post.logout.redirect.uris";
    /** Seconds, overriding the realm's access token lifespan for this client. */
    static final String ACCESS_TOKEN_LIFESPAN = "access.token.lifespan";

    /** OpenID Connect Back-Channel Logout 1.0 §2.2 {@code backchannel_logout_uri}; {@code ""} removes it. */
    static final String BACKCHANNEL_LOGOUT_URL = "backchannel.logout.url";
    /** §2.2 {@code backchannel_logout_session_required}: {@code "true"} or {@code "false"}. */
    static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "backchannel.logout.session.required";

    /**
     * The client may create OpenID Shared Signals Framework streams and receive the realm's security events:
     * {@code "true"} or {@code "false"}; setting or clearing it needs {@code STREAM_ADMINISTRATOR}.
     */
    static final String SSF_RECEIVER = "ssf.receiver";

    static final String SEPARATOR = "##";

    private ClientAttributes() {}

    /** The URIs when the attribute is given ({@code ""} clears them); empty when it is absent. */
    static Optional<List<String>> postLogoutRedirectUris(Map<String, String> attributes, FieldProblems problems) {
        if (attributes == null || !attributes.containsKey(POST_LOGOUT_REDIRECT_URIS)) {
            return Optional.empty();
        }
        String value = attributes.get(POST_LOGOUT_REDIRECT_URIS);
        if (value == null || value.isBlank()) {
            return Optional.of(List.of());
        }
        List<String> uris = new ArrayList<>();
        for (String uri : value.split(SEPARATOR)) {
            RedirectUris.problem(uri)
                    .ifPresentOrElse(
                            p -> problems.add("attributes." + POST_LOGOUT_REDIRECT_URIS, p), () -> uris.add(uri));
        }
        return Optional.of(uris);
    }

    /**
     * The lifespan when the attribute is given: {@code Optional.of(Optional.empty())} for {@code ""} or
     * {@code "-1"} (use the realm's), empty when it is absent.
     */
    static Optional<Optional<Duration>> accessTokenLifespan(Map<String, String> attributes, FieldProblems problems) {
        if (attributes == null || !attributes.containsKey(ACCESS_TOKEN_LIFESPAN)) {
            return Optional.empty();
        }
        String value = attributes.get(ACCESS_TOKEN_LIFESPAN);
        if (value == null || value.isBlank() || value.strip().equals("-1")) {
            return Optional.of(Optional.empty());
        }
        try {
            long seconds = AsciiNumbers.parseLong(value.strip());
            // Bounded like the realm's own accessTokenLifespan (an int): a token's expiry past what an instant
            // holds failed every token request of the client.
            if (seconds > 0 && seconds <= Integer.MAX_VALUE) {
                return Optional.of(Optional.of(Duration.ofSeconds(seconds)));
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        problems.add(
                "attributes." + ACCESS_TOKEN_LIFESPAN,
                "must be a positive number of seconds, at most " + Integer.MAX_VALUE);
        return Optional.empty();
    }

    /**
     * The back-channel logout URI when the attribute is given: {@code Optional.of(Optional.empty())} for
     * {@code ""} (no back-channel logout), empty when it is absent. Besides §2.2's rules it must be a destination
     * the outbound policy allows (https; no loopback, private or link-local address or localhost, unless
     * {@code outbound-allow} lists it).
     */
    static Optional<Optional<String>> backchannelLogoutUri(
            Map<String, String> attributes, OutboundPolicy outbound, FieldProblems problems) {
        if (attributes == null || !attributes.containsKey(BACKCHANNEL_LOGOUT_URL)) {
            return Optional.empty();
        }
        String value = attributes.get(BACKCHANNEL_LOGOUT_URL);
        if (value == null || value.isBlank()) {
            return Optional.of(Optional.empty());
        }
        Optional<String> problem =
                policyProblem(outbound, value.strip()).or(() -> BackChannelLogoutUris.problem(value.strip()));
        if (problem.isPresent()) {
            problems.add("attributes." + BACKCHANNEL_LOGOUT_URL, problem.get());
            return Optional.empty();
        }
        return Optional.of(Optional.of(value.strip()));
    }

    /** The outbound policy's objection, first: it names the problem of a numeric host that is not a DNS name. */
    private static Optional<String> policyProblem(OutboundPolicy outbound, String uri) {
        try {
            return outbound.registrationProblem(new URI(uri));
        } catch (URISyntaxException e) {
            return Optional.empty(); // BackChannelLogoutUris says so
        }
    }

    /** The flag when the attribute is given. */
    static Optional<Boolean> ssfReceiver(Map<String, String> attributes, FieldProblems problems) {
        if (attributes == null || !attributes.containsKey(SSF_RECEIVER)) {
            return Optional.empty();
        }
        String value = String.valueOf(attributes.get(SSF_RECEIVER)).strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        problems.add("attributes." + SSF_RECEIVER, "must be true or false");
        return Optional.empty();
    }

    /** The flag when the attribute is given. */
    static Optional<Boolean> backchannelLogoutSessionRequired(Map<String, String> attributes, FieldProblems problems) {
        if (attributes == null || !attributes.containsKey(BACKCHANNEL_LOGOUT_SESSION_REQUIRED)) {
            return Optional.empty();
        }
        String value = String.valueOf(attributes.get(BACKCHANNEL_LOGOUT_SESSION_REQUIRED))
                .strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        problems.add("attributes." + BACKCHANNEL_LOGOUT_SESSION_REQUIRED, "must be true or false");
        return Optional.empty();
    }
}
