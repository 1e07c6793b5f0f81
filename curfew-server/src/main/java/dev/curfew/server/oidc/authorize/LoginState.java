package dev.curfew.server.oidc.authorize;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.session.SealedState;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A login in progress between two pages, kept where every node finds it: a row of {@code console_sessions} found by
 * the SHA-256 of a random secret held in a cookie of this browser, and sealed with a key derived from that secret
 * ({@link SealedState}), so the next page may be posted to any node and reading the table gives nothing to continue
 * a login with. Each post takes the row (once, whatever the node); {@link #put} puts it back for one more try.
 *
 * @param <T> what the login carries from one page to the next
 */
final class LoginState<T> {
    private final Store store;
    private final Clock clock;
    private final StoredConsoleSession.Kind kind;
    private final String cookie;
    private final Duration lifetime;
    private final Class<T> type;

    LoginState(
            Store store, Clock clock, StoredConsoleSession.Kind kind, String cookie, Duration lifetime, Class<T> type) {
        this.store = store;
        this.clock = clock;
        this.kind = kind;
        this.cookie = cookie;
        this.lifetime = lifetime;
        this.type = type;
    }

    /** Keeps {@code state} under a new secret, and gives the browser the secret in a cookie. */
    void start(Context ctx, Realm realm, T state, boolean secure) {
        String secret = Secrets.newSecret();
        save(realm, secret, state);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookie + "=" + secret + "; Path=" + SessionCookie.path(realm.name()) + "; Max-Age="
                                + lifetime.toSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    /** The state this browser has waiting, taken: nobody else can use it until {@link #put} puts it back. */
    Optional<T> take(Context ctx, Realm realm) {
        return secret(ctx)
                .flatMap(secret -> store.consoleSessions()
                        .take(kind, SealedState.idHash(secret), clock.instant())
                        .filter(row -> row.realmId().equals(realm.id()))
                        .flatMap(row -> SealedState.open(secret, row.data(), type)));
    }

    /** Puts a state back under the browser's secret. @return false when the browser has no secret any more */
    boolean put(Context ctx, Realm realm, T state) {
        Optional<String> secret = secret(ctx);
        secret.ifPresent(s -> save(realm, s, state));
        return secret.isPresent();
    }

    /** Forgets the cookie: the login finished, or starts again from the password. */
    void clear(Context ctx, Realm realm, boolean secure) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookie + "=; Path=" + SessionCookie.path(realm.name())
                                + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict"
                                + (secure ? "; Secure" : ""));
    }

    private void save(Realm realm, String secret, T state) {
        store.consoleSessions()
                .create(new StoredConsoleSession(
                        SealedState.idHash(secret),
                        kind,
                        realm.id(),
                        SealedState.seal(secret, state),
                        clock.instant().plus(lifetime)));
    }

    private Optional<String> secret(Context ctx) {
        return Optional.ofNullable(ctx.cookie(cookie)).filter(v -> !v.isBlank() && v.length() <= 128);
    }
}
