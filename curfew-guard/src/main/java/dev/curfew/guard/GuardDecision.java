package dev.curfew.guard;

import java.util.Optional;

/**
 * The answer of {@link CurfewGuard#check(String)}: the token is {@link Allowed} with its verified claims, or
 * {@link Refused} with what to answer the caller (RFC 6750 §3).
 */
public sealed interface GuardDecision permits GuardDecision.Allowed, GuardDecision.Refused {

    /** Whether the request may go on. */
    boolean allowed();

    /** The verified token when allowed. */
    Optional<VerifiedToken> token();

    /** The token passed every check; {@code token} holds its verified claims. */
    record Allowed(VerifiedToken verified) implements GuardDecision {
        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public Optional<VerifiedToken> token() {
            return Optional.of(verified);
        }
    }

    /**
     * The token is refused.
     *
     * @param status the HTTP status to answer: 401, or 400 for a malformed {@code Authorization} header
     * @param error the RFC 6750 error code ({@code invalid_token}, {@code invalid_request}); empty when the
     *     request carried no token at all (§3.1: then no error code is sent)
     * @param description a short public explanation, never the token or a secret
     * @param wwwAuthenticate the {@code WWW-Authenticate} header value to answer with
     */
    record Refused(int status, Optional<String> error, String description, String wwwAuthenticate)
            implements GuardDecision {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public Optional<VerifiedToken> token() {
            return Optional.empty();
        }

        /** {@code invalid_token} with this description: 401, {@code Bearer error="invalid_token", ...}. */
        static Refused invalidToken(String description) {
            return new Refused(
                    401,
                    Optional.of("invalid_token"),
                    description,
                    "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
        }

        static Refused invalidRequest(String description) {
            return new Refused(
                    400,
                    Optional.of("invalid_request"),
                    description,
                    "Bearer error=\"invalid_request\", error_description=\"" + description + "\"");
        }

        static Refused noToken() {
            return new Refused(401, Optional.empty(), "no bearer token", "Bearer");
        }
    }
}
