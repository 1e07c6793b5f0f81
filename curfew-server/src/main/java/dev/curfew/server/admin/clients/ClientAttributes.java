package dev.curfew.server.admin.clients;

import dev.curfew.core.client.RedirectUris;
import dev.curfew.server.admin.FieldProblems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The two Keycloak client attributes Curfew understands, with Keycloak's encodings. */
final class ClientAttributes {
    /** Keycloak's list of post-logout redirect URIs, joined with {@value #SEPARATOR}. */
    static final String POST_LOGOUT_REDIRECT_URIS = "post.logout.redirect.uris";
    /** Seconds, overriding the realm's access token lifespan for this client. */
    static final String ACCESS_TOKEN_LIFESPAN = "access.token.lifespan";

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
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Optional.of(Optional.of(Duration.ofSeconds(seconds)));
            }
        } catch (NumberFormatException e) {
            // reported below, like a number that is not positive
        }
        problems.add("attributes." + ACCESS_TOKEN_LIFESPAN, "must be a positive number of seconds");
        return Optional.empty();
    }
}
