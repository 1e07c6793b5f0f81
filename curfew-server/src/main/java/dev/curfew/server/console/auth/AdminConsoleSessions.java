package dev.curfew.server.console.auth;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.session.SealedState;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The console sessions, in the database every node shares (docs/architecture.md, "Several nodes"): any node serves
 * a browser's next request, and ending a session (signing out, or the administrator's SSO session ending) ends it
 * on every node at once. A row is found by the SHA-256 of the cookie's random secret and its state is sealed with
 * a key derived from that secret ({@link SealedState}); nothing is cached. The cookie is {@code HttpOnly}, {@code
 * SameSite=Strict} (no other site can make the browser send it) and limited to {@code /admin}.
 */
public final class AdminConsoleSessions {
    public static final String COOKIE = "CURFEW_CONSOLE";
    /** Idle console sessions are dropped; the refresh token's own idle limit is usually shorter. */
    static final Duration IDLE = Duration.ofHours(1);
    /** A session's expiry moves on at most this often, so reading a page does not always write. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final StoredConsoleSession.Kind KIND = StoredConsoleSession.Kind.ADMIN;

    private final Store store;
    private final Clock clock;

    public AdminConsoleSessions(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The browser's console session, if it has a live one. */
    public Optional<AdminConsoleSession> find(Context ctx) {
        String secret = ctx.cookie(COOKIE);
        if (secret == null || secret.isBlank() || secret.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String idHash = SealedState.idHash(secret);
        Optional<StoredConsoleSession> row = store.consoleSessions().find(KIND, idHash, now);
        Optional<AdminConsoleSession.State> state =
                row.flatMap(r -> SealedState.open(secret, r.data(), AdminConsoleSession.State.class));
        if (state.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().expiresAt().isBefore(now.plus(IDLE).minus(TOUCH_EVERY))) {
            store.consoleSessions().update(KIND, idHash, row.get().data(), now.plus(IDLE));
        }
        return Optional.of(new AdminConsoleSession(secret, state.get(), this));
    }

    /** A new, signed-out session, with its cookie set on the response. */
    public AdminConsoleSession start(Context ctx, boolean secure) {
        String secret = Secrets.newSecret();
        AdminConsoleSession.State state = AdminConsoleSession.State.signedOut(Secrets.newSecret());
        String realmId = store.realms()
                .findByName(Realm.MASTER)
                .orElseThrow(() -> new IllegalStateException("the master realm is missing"))
                .id();
        store.consoleSessions()
                .create(new StoredConsoleSession(
                        SealedState.idHash(secret),
                        KIND,
                        realmId,
                        SealedState.seal(secret, state),
                        clock.instant().plus(IDLE)));
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + secret + attributes(secure));
        return new AdminConsoleSession(secret, state, this);
    }

    /** Ends the session on every node, and clears its cookie. */
    public void end(Context ctx, AdminConsoleSession session, boolean secure) {
        store.consoleSessions().delete(KIND, SealedState.idHash(session.secret()));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(secure));
    }

    /** Saves a change of the session; a session ended meanwhile (on any node) stays ended. */
    void save(AdminConsoleSession session, AdminConsoleSession.State state) {
        String secret = session.secret();
        store.consoleSessions()
                .update(
                        KIND,
                        SealedState.idHash(secret),
                        SealedState.seal(secret, state),
                        clock.instant().plus(IDLE));
    }

    private static String attributes(boolean secure) {
        return "; Path=/admin; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
