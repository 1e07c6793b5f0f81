package dev.curfew.server.account;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The account console's own small session in one browser: who signed in, through which SSO session
 * ({@code sid}, "this device"), and the ID token to name that session in RP-initiated logout. It grants
 * nothing by itself: every request checks the SSO session again.
 */
public final class AccountConsoleSession {
    private final String realmId;
    private final String userId;
    private final String sid;
    private final String idToken;
    private final AtomicReference<Flash> flash = new AtomicReference<>();

    public AccountConsoleSession(String realmId, String userId, String sid, String idToken) {
        this.realmId = realmId;
        this.userId = userId;
        this.sid = sid;
        this.idToken = idToken;
    }

    public String realmId() {
        return realmId;
    }

    public String userId() {
        return userId;
    }

    /** The SSO session this browser signed in with: "this device". */
    public String sid() {
        return sid;
    }

    public String idToken() {
        return idToken;
    }

    /** Keeps a result message for the page the browser is redirected to next (POST-redirect-GET). */
    public void flash(Flash message) {
        flash.set(message);
    }

    /** The message kept for this page view, removed as it is read. */
    public Optional<Flash> takeFlash() {
        return Optional.ofNullable(flash.getAndSet(null));
    }
}
