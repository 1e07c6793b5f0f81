package dev.curfew.server.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A protocol endpoint failure, answered as an RFC 6749 §5.2 error response: {@code error},
 * {@code error_description}, and the HTTP status. One type for every protocol endpoint.
 */
public class OAuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;
    /** Seconds for a {@code Retry-After} header; 0 for none. */
    private final long retryAfterSeconds;

    public OAuthError(int status, String error, String description) {
        this(status, error, description, 0);
    }

    private OAuthError(int status, String error, String description, long retryAfterSeconds) {
        super(description);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String description() {
        return getMessage();
    }

    /** When the client may try again (RFC 9110 section 10.2.3), for errors that pass. */
    public Optional<Duration> retryAfter() {
        return retryAfterSeconds > 0 ? Optional.of(Duration.ofSeconds(retryAfterSeconds)) : Optional.empty();
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** RFC 6749 §5.2: 401 when the client tried to authenticate (the endpoint adds WWW-Authenticate). */
    public static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError(400, "unauthorized_client", description);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError(400, "unsupported_grant_type", description);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError(400, "invalid_scope", description);
    }

    /**
     * The server cannot handle the request now: {@code temporarily_unavailable} (RFC 6749 §4.1.2.1, used by the
     * token endpoint as well), with the status (429 or 503) and when to come back.
     */
    public static OAuthError temporarilyUnavailable(int status, String description, Duration retryAfter) {
        return new OAuthError(
                status, "temporarily_unavailable", description, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** RFC 6750 §3.1, for bearer-token protected endpoints. */
    public static OAuthError invalidToken(String description) {
        return new OAuthError(401, "invalid_token", description);
    }
}
