package dev.curfew.server.oidc.authorize;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.http.FormCsrf;
import dev.curfew.server.session.SealedState;
import dev.curfew.server.session.SessionCookie;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Logins whose password was right and whose second factor is awaited. Like the consoles' sign-ins in progress they
 * live in the database every node shares ({@code console_sessions}), found by the SHA-256 of a random secret held in
 * a cookie of this browser and sealed with a key derived from it ({@link SealedState}), so the code may be posted to
 * any node, and reading the table gives nothing to continue a login with.
 *
 * <p>Each post takes the row (once, whatever the node): concurrent guesses for one login do not each get a try.
 * After {@link #MAX_WRONG_CODES} wrong codes the login starts again from the password.
 */
public final class PendingSecondFactors {
    public static final String COOKIE = "CURFEW_LOGIN_OTP";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_WRONG_CODES = 5;

    private static final StoredConsoleSession.Kind KIND = StoredConsoleSession.Kind.LOGIN_SECOND_FACTOR;

    private final Store store;
    private final Clock clock;

    public PendingSecondFactors(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A login waiting for its second factor.
     *
     * @param authParams the authorization request as the login form carried it, validated again when it completes
     * @param wrongCodes wrong codes posted so far
     */
    public record Pending(String userId, Map<String, String> authParams, int wrongCodes) {}

    /**
     * Remembers that {@code user} gave the right password for this authorization request, in this browser. The login
     * form's own fields are left out: the password is never stored, not even sealed.
     */
    public void start(Context ctx, Realm realm, User user, Map<String, String> formParams, boolean secure) {
        Map<String, String> authParams = new HashMap<>(formParams);
        authParams.keySet().removeAll(Set.of("username", "password", FormCsrf.FIELD));
        String secret = Secrets.newSecret();
        save(realm, secret, new Pending(user.id(), Map.copyOf(authParams), 0));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=" + secret + "; Path=" + SessionCookie.path(realm.name()) + "; Max-Age="
                                + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    }

    /** The login this browser has waiting, taken: nobody else can use it until {@link #retry} puts it back. */
    public Optional<Pending> take(Context ctx, Realm realm) {
        return secret(ctx)
                .flatMap(secret -> store.consoleSessions()
                        .take(KIND, SealedState.idHash(secret), clock.instant())
                        .filter(row -> row.realmId().equals(realm.id()))
                        .flatMap(row -> SealedState.open(secret, row.data(), Pending.class)));
    }

    /**
     * Puts a login back after a wrong code, unless that was one too many.
     *
     * @return whether the browser may try another code
     */
    public boolean retry(Context ctx, Realm realm, Pending pending) {
        Optional<String> secret = secret(ctx);
        int wrong = pending.wrongCodes() + 1;
        if (secret.isEmpty() || wrong >= MAX_WRONG_CODES) {
            return false;
        }
        save(realm, secret.get(), new Pending(pending.userId(), pending.authParams(), wrong));
        return true;
    }

    /** Forgets the cookie: the login finished, or starts again from the password. */
    public void clear(Context ctx, Realm realm, boolean secure) {
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=; Path=" + SessionCookie.path(realm.name())
                                + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict"
                                + (secure ? "; Secure" : ""));
    }

    private void save(Realm realm, String secret, Pending pending) {
        store.consoleSessions()
                .create(new StoredConsoleSession(
                        SealedState.idHash(secret),
                        KIND,
                        realm.id(),
                        SealedState.seal(secret, pending),
                        clock.instant().plus(LIFETIME)));
    }

    private static Optional<String> secret(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE)).filter(v -> !v.isBlank() && v.length() <= 128);
    }
}
