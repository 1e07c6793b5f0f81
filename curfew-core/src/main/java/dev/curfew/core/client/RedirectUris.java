package dev.curfew.core.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Rules for registered redirect URIs (RFC 6749 §3.1.2, RFC 9700 §2.1 and §4.1). */
public final class RedirectUris {
    private RedirectUris() {}

    /** Why the URI cannot be registered, or empty if it can. */
    public static Optional<String> problem(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.of("redirect URI must not be empty");
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute()) {
                return Optional.of("redirect URI must be absolute: " + uri);
            }
            if (parsed.getRawFragment() != null) {
                return Optional.of("redirect URI must not contain a fragment: " + uri);
            }
            if (uri.contains("*")) {
                return Optional.of("redirect URI must not contain wildcards (exact matching only): " + uri);
            }
            String scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() == null) {
                return Optional.of("redirect URI must name a host: " + uri);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("redirect URI is not a valid URI: " + uri);
        }
    }
}
