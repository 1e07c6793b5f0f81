package dev.curfew.server.console.auth;

import dev.curfew.core.privilege.Privileges;
import java.time.Instant;
import java.util.Optional;

/**
 * One browser's console session, held in memory only: the login in progress (PKCE verifier and state),
 * then the administrator's tokens, a CSRF token for every form, and a one-shot message for the next page.
 * The browser holds only the random id (cookie {@value AdminConsoleSessions#COOKIE}); tokens never reach it.
 */
public final class AdminConsoleSession {
    /** A login started here and not yet called back: RFC 7636 verifier, RFC 6749 §10.12 state. */
    public record Pending(String state, String verifier, String redirectUri, String returnTo) {}

    /** The administrator's tokens and what the access token says about them. */
    public record Tokens(
            String accessToken,
            Optional<String> refreshToken,
            String idToken,
            Instant accessExpiresAt,
            String username,
            Privileges privileges) {}

    private final String id;
    private final String csrf;
    private volatile Instant lastUsed;
    private volatile Optional<Pending> pending = Optional.empty();
    private volatile Optional<Tokens> tokens = Optional.empty();
    private volatile Optional<String> flash = Optional.empty();
    private volatile Optional<Revealed> revealed = Optional.empty();

    /** A client secret Curfew just issued, for the next page of that client to show once. */
    public record Revealed(String clientPageId, String secret) {}

    AdminConsoleSession(String id, String csrf, Instant now) {
        this.id = id;
        this.csrf = csrf;
        this.lastUsed = now;
    }

    public String id() {
        return id;
    }

    /** The token every state-changing console form carries (synchronizer token, OWASP CSRF cheat sheet). */
    public String csrf() {
        return csrf;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    public Optional<Pending> pending() {
        return pending;
    }

    public void pending(Pending value) {
        pending = Optional.of(value);
    }

    public Optional<Tokens> tokens() {
        return tokens;
    }

    /** Signed in: the login in progress is over. */
    public void tokens(Tokens value) {
        tokens = Optional.of(value);
        pending = Optional.empty();
    }

    public void flash(String message) {
        flash = Optional.of(message);
    }

    /**
     * Keeps a new client secret for the redirect that follows the form (POST-redirect-GET), so the page shows it
     * once: Curfew stores only its hash and can never show it again.
     */
    public void reveal(Revealed secret) {
        revealed = Optional.of(secret);
    }

    /** The secret issued for this client, removed so that a reload does not show it again. */
    public Optional<String> takeRevealed(String clientPageId) {
        Optional<Revealed> value = revealed.filter(v -> v.clientPageId().equals(clientPageId));
        if (value.isPresent()) {
            revealed = Optional.empty();
        }
        return value.map(Revealed::secret);
    }

    /** The message for this page, removed so that a reload does not repeat it. */
    public Optional<String> takeFlash() {
        Optional<String> message = flash;
        flash = Optional.empty();
        return message;
    }
}
