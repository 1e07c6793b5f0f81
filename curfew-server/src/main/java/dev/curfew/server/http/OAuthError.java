package dev.curfew.server.http;

/**
 * A protocol endpoint failure, answered as an RFC 6749 §5.2 error response: {@code error},
 * {@code error_description}, and the HTTP status. One type for every protocol endpoint.
 */
public class OAuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final int status;

    public OAuthError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
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

    /** RFC 6750 §3.1, for bearer-token protected endpoints. */
    public static OAuthError invalidToken(String description) {
        return new OAuthError(401, "invalid_token", description);
    }
}
