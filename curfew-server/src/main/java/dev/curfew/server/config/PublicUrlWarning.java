package dev.curfew.server.config;

import java.util.Optional;

/**
 * What to tell the operator at start when {@code public-url} is not set: issuers then follow the address each
 * request used, so one server has several issuers ({@code localhost} and {@code 127.0.0.1} are two), and work done
 * outside a request falls back to {@code http://localhost:<port>}. Logged as a warning and printed in the start
 * banner.
 */
public final class PublicUrlWarning {
    private PublicUrlWarning() {}

    /** The warning, or empty when {@code public-url} is set. */
    public static Optional<String> of(CurfewConfig config) {
        if (config.publicUrl().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("public-url is not set: each request's issuer follows the address it used"
                + " (localhost and 127.0.0.1 are two issuers), and relying parties must use the one their"
                + " sessions signed in under. Set public-url (--public-url, CURFEW_PUBLIC_URL) to the address"
                + " applications use, such as https://id.example.com.");
    }
}
