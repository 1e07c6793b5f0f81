package dev.curfew.server.account;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.session.SealedState;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions, in the database every node shares, found by the SHA-256 of a random cookie secret, their
 * state sealed with a key derived from it ({@link SealedState}); nothing is cached, so signing out on one node
 * ends the session on all. The cookie is {@code HttpOnly}, {@code SameSite=Strict} and scoped to the realm's
 * console path.
 */
public final class AccountConsoleSessions {
    public static final String COOKIE = "CURFEW_ACCOUNT";
    /** Idle time after which the console asks the SSO session again (which may sign in silently). */
    static final Duration IDLE = Duration.ofMinutes(30);
    /** A session's expiry moves on at most this often, so reading a page does not always write. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final StoredConsoleSession.Kind KIND = StoredConsoleSession.Kind.ACCOUNT;

    private final Store store;
    private final Clock clock;

    public AccountConsoleSessions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Starts a console session and sets its cookie. */
    public void start(Context ctx, String realmName, AccountConsoleSession session, boolean secure) {
        String secret = Secrets.newSecret();
        AccountConsoleSession.State state = session.state();
        store.consoleSessions()
                .create(new StoredConsoleSession(
                        SealedState.idHash(secret),
                        KIND,
                        state.realmId(),
                        SealedState.seal(secret, state),
                        clock.instant().plus(IDLE)));
        session.savedBy(saver(secret));
        ctx.res().addHeader("Set-Cookie", cookie(realmName, secret, "", secure));
    }

    /** The console session of this browser, if any. */
    public Optional<AccountConsoleSession> find(Context ctx) {
        Optional<String> secret = secret(ctx);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String idHash = SealedState.idHash(secret.get());
        Optional<StoredConsoleSession> row = store.consoleSessions().find(KIND, idHash, now);
        Optional<AccountConsoleSession.State> state =
                row.flatMap(r -> SealedState.open(secret.get(), r.data(), AccountConsoleSession.State.class));
        if (state.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().expiresAt().isBefore(now.plus(IDLE).minus(TOUCH_EVERY))) {
            store.consoleSessions().update(KIND, idHash, row.get().data(), now.plus(IDLE));
        }
        AccountConsoleSession session = new AccountConsoleSession(state.get());
        session.savedBy(saver(secret.get()));
        return Optional.of(session);
    }

    /** Ends this browser's console session on every node and clears its cookie. */
    public void end(Context ctx, String realmName, boolean secure) {
        secret(ctx).ifPresent(s -> store.consoleSessions().delete(KIND, SealedState.idHash(s)));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookie(realmName, "", "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT", secure));
    }

    /** Saves a change of the session; a session ended meanwhile (on any node) stays ended. */
    private AccountConsoleSession.Saver saver(String secret) {
        return state -> store.consoleSessions()
                .update(
                        KIND,
                        SealedState.idHash(secret),
                        SealedState.seal(secret, state),
                        clock.instant().plus(IDLE));
    }

    private static Optional<String> secret(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE)).filter(v -> !v.isBlank() && v.length() <= 128);
    }

    private static String cookie(String realmName, String value, String expiry, boolean secure) {
        return COOKIE + "=" + value + "; Path=" + AccountPaths.cookiePath(realmName) + expiry
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
