package dev.curfew.core.session;

import dev.curfew.core.realm.RealmSettings;
import java.time.Instant;

/** When a session ends on its own: idle timeout after last use, or the maximum lifespan after login. */
public final class SessionExpiry {
    private SessionExpiry() {}

    public static Instant expiresAt(UserSession session, RealmSettings settings) {
        Instant idle = session.lastActiveAt().plus(settings.ssoSessionIdleTimeout());
        Instant max = session.createdAt().plus(settings.ssoSessionMaxLifespan());
        return idle.isBefore(max) ? idle : max;
    }
}
