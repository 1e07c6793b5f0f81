package dev.curfew.server.account;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.session.SealedState;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-ins the console has started and not finished: per {@code state}, the PKCE verifier (RFC 7636), the
 * nonce (OIDC Core §3.1.2.1) and the page to return to. They live in the database every node shares, found by
 * the SHA-256 of the state and sealed with a key derived from it ({@link SealedState}), so the callback may reach
 * any node. The state is also put in a cookie, so a callback only completes in the browser that started it (RFC
 * 9700 §4.7: CSRF against the redirect URI). That cookie is {@code SameSite=Lax}: the callback may arrive at the
 * end of a redirect chain that began on another site, where a {@code Strict} cookie would not be sent.
 */
public final class PendingSignIns {
    public static final String COOKIE = "CURFEW_ACCOUNT_SIGNIN";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final StoredConsoleSession.Kind KIND = StoredConsoleSession.Kind.ACCOUNT_SIGN_IN;

    private final Store store;
    private final Clock clock;

    public PendingSignIns(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One started sign-in. */
    public record Pending(String state, String verifier, String nonce, String returnTo) {
        /** RFC 7636 §4.2: S256 challenge of the verifier. */
        public String challenge() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(Secrets.sha256Bytes(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** Starts a sign-in in this browser. */
    public Pending start(Context ctx, Realm realm, String returnTo, boolean secure) {
        Pending p = new Pending(Secrets.newSecret(), Secrets.newSecret(), Secrets.newSecret(), returnTo);
        store.consoleSessions()
                .create(new StoredConsoleSession(
                        SealedState.idHash(p.state()),
                        KIND,
                        realm.id(),
                        SealedState.seal(p.state(), p),
                        clock.instant().plus(LIFETIME)));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=" + p.state() + "; Path=" + AccountPaths.cookiePath(realm.name())
                                + "; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
        return p;
    }

    /**
     * The sign-in the callback's {@code state} names, once (on whichever node): only when this browser started it,
     * in this realm. Whatever the answer, the cookie is cleared and the state cannot be used again.
     */
    public Optional<Pending> finish(Context ctx, Realm realm, Optional<String> state, boolean secure) {
        String cookie = ctx.cookie(COOKIE);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=; Path=" + AccountPaths.cookiePath(realm.name())
                                + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
        if (state.isEmpty()
                || state.get().length() > 128
                || cookie == null
                || !Secrets.constantTimeEquals(cookie, state.get())) {
            return Optional.empty();
        }
        return store.consoleSessions()
                .take(KIND, SealedState.idHash(state.get()), clock.instant())
                .filter(row -> row.realmId().equals(realm.id()))
                .flatMap(row -> SealedState.open(state.get(), row.data(), Pending.class));
    }
}
