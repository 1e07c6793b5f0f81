package dev.curfew.engine.session;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.store.Store;
import dev.curfew.engine.backchannel.BackChannelLogout;
import dev.curfew.engine.ssf.Initiator;
import dev.curfew.engine.ssf.Transmitter;
import dev.curfew.engine.validity.TokenLifetimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one way sessions end, inside the caller's transaction: every path — RP-initiated logout, a new login in the
 * same browser, refresh-token or code reuse, the account console, session and filter sign-outs, the clean-up after a
 * realm, user or client cut-off — comes here. In that transaction the session ids are revoked (remembered for as
 * long as a token naming them can live), a CAEP session-revoked event is queued for each Shared Signals stream, a
 * back-channel logout token for each client session whose client registered a URI, and the rows are deleted; so a
 * crash never ends a session silently. What lives outside the database — the in-memory revocation state, the
 * delivery dispatcher, the long polls — hears of it on every node once the transaction commits, and never if it
 * rolls back ({@link ChangeFeed}).
 */
public final class SessionEnding {
    private final ChangeFeed changes;
    private final BackChannelLogout backChannel;
    private final Transmitter ssf;
    private final Clock clock;

    public SessionEnding(ChangeFeed changes, BackChannelLogout backChannel, Transmitter ssf, Clock clock) {
        this.changes = changes;
        this.backChannel = backChannel;
        this.ssf = ssf;
        this.clock = clock;
    }

    /** Why sessions end: what the Shared Signals events and the logout tokens say of it. */
    public sealed interface Cause {
        /** CAEP {@code initiating_entity}. */
        Initiator initiator();

        /** The reason an administrator or the user gave. */
        default Optional<String> reason() {
            return Optional.empty();
        }

        /** The sign-out the sessions end in, so the admin API can report its deliveries. */
        default Optional<String> signOutId() {
            return Optional.empty();
        }

        /** The user signed out: RP-initiated logout, the refresh-token logout, a new login in the same browser. */
        record UserSignedOut() implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.USER;
            }
        }

        /** A refresh token or an authorization code was used twice: the session it was issued in ends by policy. */
        record TokenReuse() implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.POLICY;
            }
        }

        /** A sign-out of sessions one by one (a session or filter scope, the account console's sign-outs). */
        record SignOut(String id, String reasonGiven, Initiator initiator) implements Cause {
            @Override
            public Optional<String> reason() {
                return Optional.of(reasonGiven);
            }

            @Override
            public Optional<String> signOutId() {
                return Optional.of(id);
            }
        }

        /**
         * The user signed in beyond the realm's session limit, which ends their oldest sessions
         * ({@code sessionLimits.whenExceeded = end-oldest}).
         */
        record SessionLimit() implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.POLICY;
            }

            @Override
            public Optional<String> reason() {
                return Optional.of("The user signed in beyond the realm's session limits");
            }
        }

        /**
         * An administrator deleted the user: their sessions end before the user's rows go, so that every relying
         * party and stream hears of each (the rows would otherwise vanish with the user, told to no one).
         */
        record UserDeleted() implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.ADMIN;
            }
        }

        /**
         * An administrator removed the user's authenticator (a lost phone): the sessions signed in with it end, so
         * that whoever holds the phone, or a session opened with it, is out; the user signs in again with the
         * password and enrols a new authenticator.
         */
        record AuthenticatorRemoved() implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.ADMIN;
            }

            @Override
            public Optional<String> reason() {
                return Optional.of("The user's authenticator was removed by an administrator");
            }
        }

        /**
         * The clean-up after a realm, user or client cut-off: the cut-off already refuses the sessions' tokens and
         * its one event already told the streams, so the ids are not revoked one by one nor announced again; only
         * their relying parties still hear of each.
         */
        record CutOff(String id) implements Cause {
            @Override
            public Initiator initiator() {
                return Initiator.SYSTEM;
            }

            @Override
            public Optional<String> signOutId() {
                return Optional.of(id);
            }
        }
    }

    /** {@link #end(Store, Realm, Collection, Cause, Duration)} with the realm's longest token lifetime, looked up now. */
    public int end(Store tx, Realm realm, Collection<String> sessionIds, Cause cause) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        // A cut-off's clean-up revokes no id, so it has no lifetime to look up.
        return end(
                tx,
                realm,
                sessionIds,
                cause,
                cause instanceof Cause.CutOff ? Duration.ZERO : TokenLifetimes.longest(tx, realm));
    }

    /**
     * Ends these sessions of the realm inside {@code tx}. @return how many existed (and were deleted)
     *
     * @param lifetime how long after now a token naming them can live: their ids are remembered that long
     */
    public int end(Store tx, Realm realm, Collection<String> sessionIds, Cause cause, Duration lifetime) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        List<String> ids = List.copyOf(sessionIds);
        Instant now = clock.instant();
        if (!(cause instanceof Cause.CutOff)) {
            Instant until = now.plus(lifetime);
            tx.revocations().revokeSessions(realm.id(), ids, until);
            // Every node, this one included, remembers the ids in memory once they are committed.
            changes.publish(tx, new Change.SessionsRevoked(ids, until));
            // Queued while the sessions' rows still name their users.
            ssf.sessionsEnded(tx, realm, ids, now, cause.initiator(), cause.reason(), cause.signOutId());
        }
        backChannel.enqueue(tx, tx.sessions().clientSessionsOf(ids), cause.signOutId());
        return tx.sessions().deleteAll(ids);
    }

    /**
     * Ends up to {@code limit} of the client's client sessions created before its cut-off, inside {@code tx}: only
     * that client hears of them; the SSO sessions and the other clients' client sessions stay. @return how many
     * were deleted (fewer than {@code limit}: none are left)
     */
    public int endClientSessionsBefore(
            Store tx, Realm realm, String clientId, Instant cutOff, int limit, Cause.CutOff cause) {
        List<ClientSessionRef> ended = tx.sessions().clientSessionsBefore(realm.id(), clientId, cutOff, limit);
        backChannel.enqueue(tx, ended, cause.signOutId());
        return tx.sessions().deleteClientSessionsBefore(realm.id(), clientId, cutOff, limit);
    }
}
