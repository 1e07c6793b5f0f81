package dev.curfew.server.account;

import java.util.Optional;

/**
 * The account console's own small session in one browser: who signed in, through which SSO session
 * ({@code sid}, "this device"), and the ID token to name that session in RP-initiated logout. It grants
 * nothing by itself: every request checks the SSO session again. It lives in the database every node shares
 * ({@link AccountConsoleSessions}); a message kept for the next page is saved there at once.
 */
public final class AccountConsoleSession {
    /** Everything the database keeps of the session, sealed. */
    record State(String realmId, String userId, String sid, String idToken, Optional<Flash> flash) {
        State {
            flash = flash == null ? Optional.empty() : flash;
        }
    }

    /** Where a change is saved: nowhere until the session is started. */
    interface Saver {
        void save(State state);
    }

    private State state;
    private Saver saver = s -> {};

    public AccountConsoleSession(String realmId, String userId, String sid, String idToken) {
        this(new State(realmId, userId, sid, idToken, Optional.empty()));
    }

    AccountConsoleSession(State state) {
        this.state = state;
    }

    synchronized State state() {
        return state;
    }

    synchronized void savedBy(Saver value) {
        saver = value;
    }

    public String realmId() {
        return state().realmId();
    }

    public String userId() {
        return state().userId();
    }

    /** The SSO session this browser signed in with: "this device". */
    public String sid() {
        return state().sid();
    }

    public String idToken() {
        return state().idToken();
    }

    /** Keeps a result message for the page the browser is redirected to next (POST-redirect-GET). */
    public synchronized void flash(Flash message) {
        save(new State(state.realmId(), state.userId(), state.sid(), state.idToken(), Optional.of(message)));
    }

    /** The message kept for this page view, removed as it is read. */
    public synchronized Optional<Flash> takeFlash() {
        Optional<Flash> message = state.flash();
        if (message.isPresent()) {
            save(new State(state.realmId(), state.userId(), state.sid(), state.idToken(), Optional.empty()));
        }
        return message;
    }

    private void save(State next) {
        state = next;
        saver.save(next);
    }
}
