package dev.curfew.server.console.auth;

import dev.curfew.core.privilege.Privileges;
import java.time.Instant;
import java.util.Optional;

/**
 * One browser's console session: the login in progress (PKCE verifier and state), then the administrator's
 * tokens, a CSRF token for every form, and a one-shot message for the next page. It lives in the database, shared
 * by every node (sealed, see {@link AdminConsoleSessions}); every change is saved there at once, so the next
 * request finds it on whichever node it reaches. The browser holds only the random secret (cookie {@value
 * AdminConsoleSessions#COOKIE}); tokens never reach it.
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
            Privileges privileges) {
        public Tokens {
            refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        }
    }

    /** A client secret Curfew just issued, for the next page of that client to show once. */
    public record Revealed(String clientPageId, String secret) {}

    /** Everything the database keeps of the session, sealed. */
    record State(
            String csrf,
            Optional<Pending> pending,
            Optional<Tokens> tokens,
            Optional<String> flash,
            Optional<Revealed> revealed) {
        State {
            pending = pending == null ? Optional.empty() : pending;
            tokens = tokens == null ? Optional.empty() : tokens;
            flash = flash == null ? Optional.empty() : flash;
            revealed = revealed == null ? Optional.empty() : revealed;
        }

        static State signedOut(String csrf) {
            return new State(csrf, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private final String secret;
    private final AdminConsoleSessions sessions;
    private State state;

    AdminConsoleSession(String secret, State state, AdminConsoleSessions sessions) {
        this.secret = secret;
        this.state = state;
        this.sessions = sessions;
    }

    /** The cookie's secret. */
    String secret() {
        return secret;
    }

    synchronized State state() {
        return state;
    }

    /** The token every state-changing console form carries (synchronizer token, OWASP CSRF cheat sheet). */
    public synchronized String csrf() {
        return state.csrf();
    }

    public synchronized Optional<Pending> pending() {
        return state.pending();
    }

    public synchronized void pending(Pending value) {
        save(new State(state.csrf(), Optional.of(value), state.tokens(), state.flash(), state.revealed()));
    }

    public synchronized Optional<Tokens> tokens() {
        return state.tokens();
    }

    /** Signed in: the login in progress is over. */
    public synchronized void tokens(Tokens value) {
        save(new State(state.csrf(), Optional.empty(), Optional.of(value), state.flash(), state.revealed()));
    }

    public synchronized void flash(String message) {
        save(new State(state.csrf(), state.pending(), state.tokens(), Optional.of(message), state.revealed()));
    }

    /**
     * Keeps a new client secret for the redirect that follows the form (POST-redirect-GET), so the page shows it
     * once: Curfew stores only its hash and can never show it again.
     */
    public synchronized void reveal(Revealed secret) {
        save(new State(state.csrf(), state.pending(), state.tokens(), state.flash(), Optional.of(secret)));
    }

    /** The secret issued for this client, removed so that a reload does not show it again. */
    public synchronized Optional<String> takeRevealed(String clientPageId) {
        Optional<Revealed> value = state.revealed().filter(v -> v.clientPageId().equals(clientPageId));
        if (value.isPresent()) {
            save(new State(state.csrf(), state.pending(), state.tokens(), state.flash(), Optional.empty()));
        }
        return value.map(Revealed::secret);
    }

    /** The message for this page, removed so that a reload does not repeat it. */
    public synchronized Optional<String> takeFlash() {
        Optional<String> message = state.flash();
        if (message.isPresent()) {
            save(new State(state.csrf(), state.pending(), state.tokens(), Optional.empty(), state.revealed()));
        }
        return message;
    }

    private void save(State next) {
        state = next;
        sessions.save(this, next);
    }
}
