package dev.curfew.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Rules for a client's back-channel logout URI (OpenID Connect Back-Channel Logout 1.0 §2.2): an absolute
 * http or https URI, which MAY contain a query but MUST NOT contain a fragment; http only for a confidential
 * client. Unlike a redirect URI it is called server to server, never by a browser, so http is not limited to the
 * loopback interface and private-use schemes make no sense.
 */
public final class BackChannelLogoutUris {
    private BackChannelLogoutUris() {}

    /** Why the URI cannot be registered, or empty if it can. */
    public static Optional<String> problem(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.of("back-channel logout URI must not be empty");
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || parsed.getScheme() == null) {
                return Optional.of("back-channel logout URI must be absolute: " + uri);
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("back-channel logout URI must use http or https: " + uri);
            }
            if (parsed.getHost() == null) {
                return Optional.of("back-channel logout URI must name a host: " + uri);
            }
            if (parsed.getRawFragment() != null) {
                return Optional.of("back-channel logout URI must not contain a fragment: " + uri);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("back-channel logout URI is not a valid URI: " + uri);
        }
    }

    /** §2.2: the URI "MAY use the http scheme, provided that the Client Type is confidential". */
    public static Optional<String> problemForPublicClient(String uri) {
        if (uri.regionMatches(true, 0, "http:", 0, "http:".length())) {
            return Optional.of("back-channel logout URI of a public client must use https: " + uri);
        }
        return Optional.empty();
    }
}
