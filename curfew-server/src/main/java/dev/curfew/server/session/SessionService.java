package dev.curfew.server.session;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Starts, finds and ends SSO sessions. */
public final class SessionService {
    private final Store store;
    private final SessionValidity validity;
    private final Clock clock;

    public SessionService(Store store, SessionValidity validity, Clock clock) {
        this.store = store;
        this.validity = validity;
        this.clock = clock;
    }

    /** A new session and the cookie secret that only the browser will hold. */
    public record Started(UserSession session, String cookieSecret) {}

    /** A session with its (valid) user. */
    public record Active(UserSession session, User user) {}

    public Started start(Realm realm, User user, String ip, String userAgent, Set<String> authMethods) {
        String cookieSecret = Secrets.newSecret();
        Instant now = clock.instant();
        UserSession session = new UserSession(
                Secrets.newId(),
                realm.id(),
                user.id(),
                Secrets.sha256(cookieSecret),
                now,
                now,
                ip,
                userAgent,
                authMethods);
        store.sessions().create(session);
        return new Started(session, cookieSecret);
    }

    /** The valid session the cookie secret belongs to, in this realm. */
    public Optional<Active> fromCookie(Realm realm, String cookieSecret) {
        return fromCookie(realm, cookieSecret, Optional.empty());
    }

    /** The session the cookie secret belongs to, when valid for this client too (its cut-off applies). */
    public Optional<Active> fromCookie(Realm realm, String cookieSecret, Optional<Client> client) {
        return store.sessions()
                .findByCookieHash(Secrets.sha256(cookieSecret))
                .flatMap(s -> validity.validUser(s, realm, client).map(u -> new Active(s, u)));
    }

    public Optional<Active> byId(Realm realm, String sessionId) {
        return byId(realm, sessionId, Optional.empty());
    }

    /**
     * The session when valid for this client too. Every path that issues or vouches for a client's
     * tokens must use this one: without the client, its cut-off would be skipped (DESIGN §3).
     */
    public Optional<Active> byId(Realm realm, String sessionId, Optional<Client> client) {
        return store.sessions()
                .findById(sessionId)
                .flatMap(s -> validity.validUser(s, realm, client).map(u -> new Active(s, u)));
    }

    public void touch(UserSession session) {
        store.sessions().touch(session.id(), clock.instant());
    }

    /** Ends the session: it, its client sessions and its refresh tokens are gone. */
    public boolean end(String sessionId) {
        return store.sessions().delete(sessionId);
    }
}
