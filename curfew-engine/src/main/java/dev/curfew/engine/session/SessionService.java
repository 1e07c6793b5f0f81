package dev.curfew.engine.session;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.SessionLimits;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.engine.bruteforce.SignInAttempt;
import dev.curfew.engine.validity.SessionValidity;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Starts, finds and ends SSO sessions. */
public final class SessionService {
    private final Store store;
    private final SessionValidity validity;
    private final SessionEnding ending;
    private final Clock clock;

    private final AuditLog audit;
    private final SharingWatch sharing;

    public SessionService(Store store, SessionValidity validity, SessionEnding ending, AuditLog audit, Clock clock) {
        this.store = store;
        this.validity = validity;
        this.ending = ending;
        this.audit = audit;
        this.clock = clock;
        this.sharing = new SharingWatch(audit);
    }

    /** The audit action of a sign-in that ended the user's oldest sessions to stay within the realm's limit. */
    public static final String LIMIT_ENDED_OLDEST = "session.limit.ended-oldest";

    /** What the audit entry of {@link #LIMIT_ENDED_OLDEST} records. */
    public record LimitEndedOldest(
            String userId,
            int maxPerUser,
            int maxPerUserPerClient,
            String clientId,
            List<String> endedSessionIds,
            String newSessionId) {}

    /** A new session and the cookie secret that only the browser will hold. */
    public record Started(UserSession session, String cookieSecret) {}

    /** A session with its (valid) user. */
    public record Active(UserSession session, User user) {}

    /**
     * Starts a session within the realm's session limits ({@code docs/operator-guide.md}, "Concurrent sessions and
     * shared accounts"): the user's active sessions are counted with the user's row locked, so two sign-ins at once
     * cannot both pass the limit; beyond it the sign-in is refused, or the oldest sessions end in the same
     * transaction as the new one starts. A sign-in that makes the user a suspect of account sharing is recorded
     * ({@link SharingWatch}).
     *
     * @param issuer the issuer the request was answered under ({@code <base>/realms/<realm>}), which the session's
     *     logout tokens name
     * @param clientId the internal id of the client the user signs in to, which {@code maxPerUserPerClient} counts
     * @throws SessionLimitReached when the realm refuses sign-ins beyond its limit and the user is at it
     */
    public Started start(
            Realm realm,
            User user,
            String clientId,
            SignInAttempt attempt,
            String userAgent,
            Set<String> authMethods,
            String issuer) {
        Started started = newSession(realm, user, attempt, userAgent, authMethods, issuer);
        store.inTransaction(tx -> {
            record(tx, realm, user, clientId, started.session(), attempt);
            return null;
        });
        return started;
    }

    /**
     * A session made but not stored yet: for a sign-in that stores it with {@link #record} in the transaction that
     * also stores what the sign-in issues (the password grant's tokens), so that both take one commit.
     */
    public Started newSession(
            Realm realm, User user, SignInAttempt attempt, String userAgent, Set<String> authMethods, String issuer) {
        String cookieSecret = Secrets.newSecret();
        Instant now = clock.instant();
        UserSession session = new UserSession(
                Secrets.newId(),
                realm.id(),
                user.id(),
                Secrets.sha256(cookieSecret),
                now,
                now,
                attempt.sourceIp(),
                userAgent,
                authMethods,
                Optional.of(issuer));
        return new Started(session, cookieSecret);
    }

    /**
     * Stores a session made by {@link #newSession} in {@code tx}, within the realm's session limits, as
     * {@link #start} describes.
     *
     * @throws SessionLimitReached when the realm refuses sign-ins beyond its limit and the user is at it
     */
    public void record(Store tx, Realm realm, User user, String clientId, UserSession session, SignInAttempt attempt) {
        List<UserSession> others = withinLimits(tx, realm, user, clientId, session, attempt);
        tx.sessions().create(session);
        // The dashboard's "sessions started" chart: the sessions table forgets signed-out sessions.
        tx.sessionStats().countStart(realm.id(), session.createdAt());
        sharing.signedIn(tx, realm, user, session, others, attempt);
    }

    /**
     * Keeps the realm's session limits, and gives the user's other active sessions as they are once the limits hold
     * (empty when neither the limits nor sharing detection need them: then nothing is read).
     */
    private List<UserSession> withinLimits(
            Store tx, Realm realm, User user, String clientId, UserSession session, SignInAttempt attempt) {
        SessionLimits limits = realm.settings().sessionLimits();
        if (!limits.limited() && !realm.settings().sharingDetection().enabled()) {
            return List.of();
        }
        Instant now = session.createdAt();
        List<UserSession> active = tx.sessions()
                .lockActiveOfUser(
                        realm.id(),
                        user.id(),
                        now.minus(realm.settings().ssoSessionIdleTimeout()),
                        now.minus(realm.settings().ssoSessionMaxLifespan()));
        if (!limits.limited()) {
            return active;
        }
        // Oldest first, as the store gives them; the client's own sessions go first so that both limits hold after.
        Set<String> excess = new LinkedHashSet<>();
        if (limits.maxPerUserPerClient() > 0) {
            Set<String> withClient =
                    tx
                            .sessions()
                            .clientSessionsOf(
                                    active.stream().map(UserSession::id).toList())
                            .stream()
                            .filter(ref -> ref.clientId().equals(clientId))
                            .map(ClientSessionRef::sessionId)
                            .collect(Collectors.toSet());
            List<String> ofClient = active.stream()
                    .map(UserSession::id)
                    .filter(withClient::contains)
                    .toList();
            ofClient.stream()
                    .limit(Math.max(0, ofClient.size() + 1 - limits.maxPerUserPerClient()))
                    .forEach(excess::add);
        }
        if (limits.maxPerUser() > 0) {
            long beyond = active.size() - excess.size() + 1 - limits.maxPerUser();
            active.stream()
                    .map(UserSession::id)
                    .filter(id -> !excess.contains(id))
                    .limit(Math.max(0, beyond))
                    .forEach(excess::add);
        }
        if (excess.isEmpty()) {
            return active;
        }
        if (limits.whenExceeded() == SessionLimits.WhenExceeded.REFUSE) {
            throw new SessionLimitReached(limits);
        }
        List<String> oldest = List.copyOf(excess);
        ending.end(tx, realm, oldest, new SessionEnding.Cause.SessionLimit());
        audit.record(
                tx,
                realm.id(),
                AuditLog.Actor.system(attempt.requestId(), attempt.sourceIp()),
                LIMIT_ENDED_OLDEST,
                "Signed in beyond the realm's session limits: the oldest sessions ended",
                new LimitEndedOldest(
                        user.id(), limits.maxPerUser(), limits.maxPerUserPerClient(), clientId, oldest, session.id()),
                oldest.size());
        return active.stream().filter(a -> !excess.contains(a.id())).toList();
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
     * Ends the session, in a transaction of its own ({@link SessionEnding}). Every way a single session ends
     * (RP-initiated logout, a new login in the same browser) comes through here, or through
     * {@link #end(Realm, String, SessionEnding.Cause)}.
     */
    public boolean end(Realm realm, String sessionId) {
        return end(realm, sessionId, new SessionEnding.Cause.UserSignedOut());
    }

    /** {@link #end(Realm, String)}, saying why (refresh-token reuse is a {@link SessionEnding.Cause.TokenReuse}). */
    public boolean end(Realm realm, String sessionId, SessionEnding.Cause cause) {
        return store.inTransaction(tx -> ending.end(tx, realm, List.of(sessionId), cause)) > 0;
    }
}
