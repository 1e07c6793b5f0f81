package dev.curfew.server.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.curfew.core.util.Secrets;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Console sessions, in memory, keyed by the SHA-256 of a random cookie secret. The cookie is
 * {@code HttpOnly}, {@code SameSite=Strict} and scoped to the realm's console path. Losing them (a restart,
 * another node) costs nothing but a silent round trip through the SSO session.
 */
public final class AccountConsoleSessions {
    public static final String COOKIE = "CURFEW_ACCOUNT";
    /** Idle time after which the console asks the SSO session again (which may sign in silently). */
    static final Duration IDLE = Duration.ofMinutes(30);

    private static final long MAX_SESSIONS = 100_000;

    private final Cache<String, AccountConsoleSession> sessions;

    public AccountConsoleSessions(Clock clock) {
        this.sessions = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterAccess(IDLE)
                .maximumSize(MAX_SESSIONS)
                .build();
    }

    /** Starts a console session and sets its cookie. */
    public void start(Context ctx, String realmName, AccountConsoleSession session, boolean secure) {
        String secret = Secrets.newSecret();
        sessions.put(Secrets.sha256(secret), session);
        ctx.res().addHeader("Set-Cookie", cookie(realmName, secret, "", secure));
    }

    /** The console session of this browser, if any. */
    public Optional<AccountConsoleSession> find(Context ctx) {
        return secret(ctx).map(s -> sessions.getIfPresent(Secrets.sha256(s)));
    }

    /** Forgets this browser's console session and clears its cookie. */
    public void end(Context ctx, String realmName, boolean secure) {
        secret(ctx).ifPresent(s -> sessions.invalidate(Secrets.sha256(s)));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        cookie(realmName, "", "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT", secure));
    }

    private static Optional<String> secret(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE)).filter(v -> !v.isBlank() && v.length() <= 128);
    }

    private static String cookie(String realmName, String value, String expiry, boolean secure) {
        return COOKIE + "=" + value + "; Path=" + AccountPaths.cookiePath(realmName) + expiry
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
