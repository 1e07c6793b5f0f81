package dev.curfew.server.console.auth;

import dev.curfew.core.util.Secrets;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console sessions of this node, in memory. A restart signs administrators out of the console (their
 * SSO session in the master realm signs them back in at once). The cookie is {@code HttpOnly}, {@code
 * SameSite=Strict} (no other site can make the browser send it) and limited to {@code /admin}.
 */
public final class AdminConsoleSessions {
    public static final String COOKIE = "CURFEW_CONSOLE";
    /** Idle console sessions are dropped; the refresh token's own idle limit is usually shorter. */
    static final Duration IDLE = Duration.ofHours(1);

    private final Map<String, AdminConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public AdminConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** The browser's console session, if it has a live one. */
    public Optional<AdminConsoleSession> find(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null || id.isBlank() || id.length() > 128) {
            return Optional.empty();
        }
        AdminConsoleSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (session.lastUsed().plus(IDLE).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** A new, signed-out session, with its cookie set on the response. */
    public AdminConsoleSession start(Context ctx, boolean secure) {
        purgeIdle();
        AdminConsoleSession session =
                new AdminConsoleSession(Secrets.newSecret(), Secrets.newSecret(), clock.instant());
        sessions.put(session.id(), session);
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + session.id() + attributes(secure));
        return session;
    }

    public void end(Context ctx, AdminConsoleSession session, boolean secure) {
        sessions.remove(session.id());
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        COOKIE + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(secure));
    }

    private static String attributes(boolean secure) {
        return "; Path=/admin; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    private void purgeIdle() {
        Instant limit = clock.instant().minus(IDLE);
        sessions.values().removeIf(s -> s.lastUsed().isBefore(limit));
    }
}
