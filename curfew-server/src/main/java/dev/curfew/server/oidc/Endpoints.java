package dev.curfew.server.oidc;

/** The realm-relative paths of the protocol endpoints, as Keycloak lays them out. */
public final class Endpoints {
    public static final String REALM = "/realms/{realm}";
    public static final String DISCOVERY = REALM + "/.well-known/openid-configuration";
    public static final String PROTOCOL = REALM + "/protocol/openid-connect";
    public static final String AUTH = PROTOCOL + "/auth";
    public static final String TOKEN = PROTOCOL + "/token";
    public static final String USERINFO = PROTOCOL + "/userinfo";
    public static final String CERTS = PROTOCOL + "/certs";
    public static final String INTROSPECT = PROTOCOL + "/token/introspect";
    public static final String REVOKE = PROTOCOL + "/revoke";
    public static final String LOGOUT = PROTOCOL + "/logout";
    public static final String LOGIN = REALM + "/login-actions/authenticate";
    public static final String LOGIN_OTP = REALM + "/login-actions/otp";
    public static final String LOGIN_REQUIRED_ACTION = REALM + "/login-actions/required-action";

    private Endpoints() {}

    /** The absolute URL of an endpoint for a realm under a base URL. */
    public static String url(String baseUrl, String path, String realmName) {
        return baseUrl + path.replace("{realm}", realmName);
    }
}
