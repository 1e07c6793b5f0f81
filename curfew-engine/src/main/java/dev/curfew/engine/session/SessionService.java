package dev.curfew.engine.session;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.token.TokenLifetimes;
import dev.curfew.engine.validity.SessionValidity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Starts, finds and ends SSO sessions. */
public final class SessionService {
    private final Store store;
    private final SessionValidity validity;
    private final RevocationState revocations;
    private final BackChannelLogout backChannel;
    private final Transmitter ssf;
    private final Runnable onQueued;
    private final Clock clock;

    /** @param onQueued told after a commit that queued logout tokens (wakes the dispatcher) */
    public SessionService(
            Store store,
            SessionValidity validity,
            RevocationState revocations,
            BackChannelLogout backChannel,
            Transmitter ssf,
            Runnable onQueued,
            Clock clock) {
        this.store = store;
        this.validity = validity;
        this.revocations = revocations;
        this.backChannel = backChannel;
        this.ssf = ssf;
        this.onQueued = onQueued;
        this.clock = clock;
    }

    /** A new session and the cookie secret that only the browser will hold. */
    public record Started(UserSession session, String cookieSecret) {}

    /** A session with its (valid) user. */
    public record Active(UserSession session, User user) {}

    /**
     * @param issuer the issuer the request was answered under ({@code <base>/realms/<realm>}), which the session's
     *     logout tokens name
     */
    public Started start(Realm realm, User user, String ip, String userAgent, Set<String> authMethods, String issuer) {
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
                authMethods,
                Optional.of(issuer));
        store.inTransaction(tx -> {
            tx.sessions().create(session);
            // The dashboard's "sessions started" chart: the sessions table forgets signed-out sessions.
            tx.sessionStats().countStart(realm.id(), now);
            return null;
        });
        return new Started(session, cookieSecret);
    }

    /** The valid session the cookie secret belongs to, in this realm. */
    public Optional<Active> fromCookie(Realm realm, String cookieSecret) {
        return store.sessions()
                .findByCookieHash(Secrets.sha256(cookieSecret))
                .flatMap(s -> validity.validUser(s, realm).map(u -> new Active(s, u)));
    }

    /** The session, when still valid in the realm. */
    public Optional<Active> byId(Realm realm, String sessionId) {
        return store.sessions()
                .findById(sessionId)
                .flatMap(s -> validity.validUser(s, realm).map(u -> new Active(s, u)));
    }

    /**
     * The session, when both it and something it issued to {@code client} at {@code issuedAt} (a code or
     * a refresh token, valid until {@code expiresAt}) are still valid. Every path that issues or vouches
     * for a client's tokens goes through here, so the client's cut-off always applies.
     */
    public Optional<Active> forIssuedToken(
            Realm realm, Client client, String sessionId, Instant issuedAt, Instant expiresAt) {
        return byId(realm, sessionId)
                .filter(a -> validity.issuedTokenValid(
                        realm, client, a.user(), sessionId, issuedAt.toEpochMilli(), expiresAt));
    }

    public void touch(UserSession session) {
        store.sessions().touch(session.id(), clock.instant());
    }

    /**
     * Ends the session: its id is remembered as revoked (durably, then in memory) for as long as any token
     * naming it can live, and it, its client sessions and its refresh tokens are deleted, in one
     * transaction — which also queues a back-channel logout token for each of its clients that registered a
     * URI for them, and a CAEP session-revoked event for each Shared Signals stream of the realm. Every way a
     * single session ends (RP-initiated logout, refresh token reuse, the account console, a new login in the
     * same browser) comes through here.
     */
    public boolean end(Realm realm, String sessionId) {
        return end(realm, sessionId, Initiator.USER);
    }

    /** {@link #end(Realm, String)}, saying who ended it (refresh-token reuse is a {@link Initiator#POLICY}). */
    public boolean end(Realm realm, String sessionId, Initiator initiator) {
        Instant now = clock.instant();
        Instant until = now.plus(TokenLifetimes.longest(store, realm));
        record Ended(boolean existed, int queued, Transmitter.Queued signals) {}
        Ended ended = store.inTransaction(tx -> {
            tx.revocations().revokeSessions(realm.id(), List.of(sessionId), until);
            Transmitter.Queued signals = ssf.sessionsEnded(
                    tx, realm, List.of(sessionId), now, initiator, Optional.empty(), Optional.empty());
            int queued = backChannel.enqueue(tx, tx.sessions().clientSessionsOf(List.of(sessionId)), Optional.empty());
            return new Ended(tx.sessions().delete(sessionId), queued, signals);
        });
        revocations.revokeSession(sessionId, until);
        if (ended.queued() > 0) {
            onQueued.run();
        }
        ssf.afterCommit(ended.signals());
        return ended.existed();
    }
}
