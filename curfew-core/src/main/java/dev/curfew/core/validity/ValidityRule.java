package dev.curfew.core.validity;

/**
 * The one rule that decides whether a session or a token is still valid. Every enforcement point (SSO
 * cookie, refresh grant, introspection, userinfo, admin views) calls it; nothing re-implements it.
 *
 * <p>Valid iff: not expired, issued strictly after the latest of the realm, client and user cut-offs,
 * and its session id not revoked. Runs on every token check, so it works on primitives and allocates
 * nothing.
 */
public final class ValidityRule {
    private ValidityRule() {}

    /**
     * @param nowMillis the current time
     * @param issuedAtMillis when the session was created or the token issued
     * @param expiresAtMillis when it expires on its own (exclusive)
     * @param cutOffs the cut-offs that apply to it
     * @param sessionRevoked whether its session id has been individually revoked
     */
    public static boolean isValid(
            long nowMillis, long issuedAtMillis, long expiresAtMillis, CutOffs cutOffs, boolean sessionRevoked) {
        return nowMillis < expiresAtMillis && issuedAtMillis > cutOffs.latest() && !sessionRevoked;
    }
}
