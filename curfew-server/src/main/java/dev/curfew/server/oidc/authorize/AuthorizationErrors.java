package dev.curfew.server.oidc.authorize;

import java.util.Optional;

/** The two ways an authorization request fails. */
public final class AuthorizationErrors {
    private AuthorizationErrors() {}

    /**
     * The client or redirect URI cannot be trusted: RFC 6749 §4.1.2.1 forbids redirecting, so the user
     * sees an error page.
     */
    public static final class Untrusted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Untrusted(String message) {
            super(message);
        }
    }

    /** Any other error is sent back to the (verified) redirect URI (RFC 6749 §4.1.2.1). */
    public static final class Redirectable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String redirectUri;
        private final Optional<String> state;
        private final String error;

        public Redirectable(String redirectUri, Optional<String> state, String error, String description) {
            super(description);
            this.redirectUri = redirectUri;
            this.state = state;
            this.error = error;
        }

        public String redirectUri() {
            return redirectUri;
        }

        public Optional<String> state() {
            return state;
        }

        public String error() {
            return error;
        }
    }
}
