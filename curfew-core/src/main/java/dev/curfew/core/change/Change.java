package dev.curfew.core.change;

import java.time.Instant;
import java.util.List;

/**
 * Something a node committed that the other nodes must know at once, because they keep it in memory or wait for it
 * ({@code docs/architecture.md}, "How changes reach every node"). A change names what moved, never its new value:
 * a node that hears it drops or reloads what it holds, or looks again.
 */
public sealed interface Change {

    /** The realm's settings, signing keys or clients changed: whatever a node caches of them is stale. */
    record RealmChanged(String realmId) implements Change {}

    /** A client was created, changed or deleted (its internal id): whatever a node caches of it is stale. */
    record ClientChanged(String realmId, String id) implements Change {}

    /** A user was created, changed or deleted: whatever a node caches of them is stale. */
    record UserChanged(String realmId, String id) implements Change {}

    /**
     * A group's shorter lifetimes were set or cleared: whatever a node remembers of which lifetimes are in force is
     * stale.
     */
    record GroupLifetimesChanged() implements Change {}

    /** These sessions were ended; their ids are remembered as revoked until {@code until}. */
    record SessionsRevoked(List<String> sessionIds, Instant until) implements Change {
        public SessionsRevoked {
            sessionIds = List.copyOf(sessionIds);
        }
    }

    /** An access token was revoked on its own (RFC 7009); its id is remembered until it expires. */
    record AccessTokenRevoked(String jti, Instant expiresAt) implements Change {}

    /** A realm, client or user sign-out: what that level issued before {@code at} is no longer valid. */
    record CutOff(Level level, String id, Instant at) implements Change {}

    /** The level of a {@link CutOff}; its id is the realm's, the client's (internal, not its client id) or the user's. */
    enum Level {
        REALM,
        CLIENT,
        USER
    }

    /** A Shared Signals stream has something new to poll, or its status changed: its long polls look again. */
    record StreamQueued(String streamId) implements Change {}

    /** Rows were queued in the outbox: the delivery dispatcher looks at once. */
    record OutboxQueued() implements Change {}

    /**
     * Anything may have changed: the node was not listening for a while (its connection to the database was lost),
     * so it missed what others said. It drops every cache, reloads what it keeps and wakes everyone who waits.
     */
    record Everything() implements Change {}
}
