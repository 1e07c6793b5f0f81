package dev.curfew.server.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.curfew.core.util.Secrets;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sign-ins the console has started and not finished: per {@code state}, the PKCE verifier (RFC 7636), the
 * nonce (OIDC Core §3.1.2.1) and the page to return to. The state is also put in a cookie, so a callback
 * only completes in the browser that started it (RFC 9700 §4.7: CSRF against the redirect URI). That
 * cookie is {@code SameSite=Lax}: the callback may arrive at the end of a redirect chain that began on
 * another site, where a {@code Strict} cookie would not be sent.
 */
public final class PendingSignIns {
    public static final String COOKIE = "CURFEW_ACCOUNT_SIGNIN";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Cache<String, Pending> pending;

    public PendingSignIns(Clock clock) {
        this.pending = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(LIFETIME)
                .maximumSize(100_000)
                .build();
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
    public Pending start(Context ctx, String realmName, String returnTo, boolean secure) {
        Pending p = new Pending(Secrets.newSecret(), Secrets.newSecret(), Secrets.newSecret(), returnTo);
        pending.put(p.state(), p);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=" + p.state() + "; Path=" + AccountPaths.cookiePath(realmName)
                                + "; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
        return p;
    }

    /**
     * The sign-in the callback's {@code state} names, once: only when this browser started it. Whatever
     * the answer, the cookie is cleared and the state cannot be used again.
     */
    public Optional<Pending> finish(Context ctx, String realmName, Optional<String> state, boolean secure) {
        String cookie = ctx.cookie(COOKIE);
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=; Path=" + AccountPaths.cookiePath(realmName)
                                + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
                                + (secure ? "; Secure" : ""));
        if (state.isEmpty() || cookie == null || !Secrets.constantTimeEquals(cookie, state.get())) {
            return Optional.empty();
        }
        return Optional.ofNullable(pending.asMap().remove(state.get()));
    }
}
