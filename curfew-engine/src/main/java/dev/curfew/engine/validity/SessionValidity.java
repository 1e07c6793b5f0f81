package dev.curfew.engine.validity;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionExpiry;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.core.validity.ValidityRule;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies the {@link ValidityRule} — the one rule — to sessions and to what sessions issue.
 *
 * <p>The cut-offs and the revoked session ids come from memory, the {@link RevocationState}, never from the rows:
 * the engine applies every committed sign-out to it before answering, and the other nodes hear it through the change
 * feed ({@code docs/architecture.md}, "One source of truth for validity"). While this node does not hear the others,
 * the {@link FailSafe} bounds how long memory is trusted.
 *
 * <p>A <b>session</b> (the SSO cookie) is checked against the realm and user cut-offs by its creation
 * time: a client sign-out leaves users' SSO sessions alone. A <b>token or code</b> is checked against the
 * realm, client and user cut-offs by its own issue time, so after a client sign-out that client's old
 * tokens die while a new authorization in the same SSO session gets fresh, valid ones. Both also fail
 * when the session id is revoked or the session row is gone.
 */
public final class SessionValidity {
    private final Store store;
    private final RevocationState revocations;
    private final FailSafe failSafe;
    private final Clock clock;

    public SessionValidity(Store store, RevocationState revocations, FailSafe failSafe, Clock clock) {
        this.store = store;
        this.revocations = revocations;
        this.failSafe = failSafe;
        this.clock = clock;
    }

    /** The session's user, when the session is still valid in the realm. */
    public Optional<User> validUser(UserSession session, Realm realm) {
        if (!session.realmId().equals(realm.id()) || !realm.enabled()) {
            return Optional.empty();
        }
        Optional<User> user = store.users().findById(realm.id(), session.userId());
        if (user.isEmpty() || !user.get().enabled()) {
            return Optional.empty();
        }
        boolean valid = failSafe.trusts(session.createdAt().toEpochMilli())
                && ValidityRule.isValid(
                        clock.millis(),
                        session.createdAt().toEpochMilli(),
                        SessionExpiry.expiresAt(session, realm.settings()).toEpochMilli(),
                        revocations.forSession(realm.id(), user.get().id()),
                        revocations.isSessionRevoked(session.id()));
        return valid ? user : Optional.empty();
    }

    /** Whether a client-credentials token is still valid: no session, so only the realm and client cut-offs apply. */
    public boolean clientTokenValid(Realm realm, Client client, long issuedAtMillis, Instant expiresAt) {
        return client.enabled()
                && failSafe.trusts(issuedAtMillis)
                && ValidityRule.isValid(
                        clock.millis(),
                        issuedAtMillis,
                        expiresAt.toEpochMilli(),
                        revocations.forClientToken(realm.id(), client.id()),
                        false);
    }

    /** Whether the access token with this {@code jti} was revoked on its own (RFC 7009). */
    public boolean accessTokenRevoked(String jti) {
        return revocations.isAccessTokenRevoked(jti);
    }

    /**
     * Whether something a session issued to a client — a code, a refresh token, an access token — is still
     * valid: issued after the realm, client and user cut-offs, not expired, its session not revoked.
     */
    public boolean issuedTokenValid(
            Realm realm, Client client, User user, String sessionId, long issuedAtMillis, Instant expiresAt) {
        return client.enabled()
                && failSafe.trusts(issuedAtMillis)
                && ValidityRule.isValid(
                        clock.millis(),
                        issuedAtMillis,
                        expiresAt.toEpochMilli(),
                        revocations.forIssuedToken(realm.id(), client.id(), user.id()),
                        revocations.isSessionRevoked(sessionId));
    }
}
