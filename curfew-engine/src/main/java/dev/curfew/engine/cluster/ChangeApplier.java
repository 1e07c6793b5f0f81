package dev.curfew.engine.cluster;

import dev.curfew.core.change.Change;
import dev.curfew.core.store.Store;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.ssf.PollWaiters;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with a change committed by any node, itself included ({@code docs/architecture.md}, "How changes
 * reach every node"): drops the realm's cached keys, remembers cut-offs and revoked sessions, wakes the long polls
 * of a stream or the outbox dispatcher. Every step is harmless to repeat, so hearing a change twice costs nothing.
 */
public final class ChangeApplier implements Consumer<Change> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

    private final RealmKeys keys;
    private final RevocationState revocations;
    private final PollWaiters pollWaiters;
    private final Runnable wakeDispatcher;
    private final Store store;
    private final Clock clock;

    public ChangeApplier(
            RealmKeys keys,
            RevocationState revocations,
            PollWaiters pollWaiters,
            Runnable wakeDispatcher,
            Store store,
            Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.pollWaiters = pollWaiters;
        this.wakeDispatcher = wakeDispatcher;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(Change change) {
        switch (change) {
            case Change.RealmChanged r -> keys.invalidate(r.realmId());
            case Change.SessionsRevoked s -> s.sessionIds().forEach(id -> revocations.revokeSession(id, s.until()));
            case Change.AccessTokenRevoked t -> revocations.revokeAccessToken(t.jti(), t.expiresAt());
            case Change.CutOff c -> cutOff(c);
            case Change.StreamQueued s -> pollWaiters.wake(s.streamId());
            // The store keeps its own cached clients, users and group lifetimes exact; nothing here holds them.
            case Change.ClientChanged c -> {}
            case Change.UserChanged u -> {}
            case Change.GroupLifetimesChanged g -> {}
            case Change.OutboxQueued o -> wakeDispatcher.run();
            case Change.Everything e -> everything();
        }
    }

    private void cutOff(Change.CutOff c) {
        switch (c.level()) {
            case REALM -> revocations.realmCutOff(c.id(), c.at());
            case CLIENT -> revocations.clientCutOff(c.id(), c.at());
            case USER -> revocations.userCutOff(c.id(), c.at());
        }
    }

    /** Notifications were missed: nothing cached is trusted, the revocations are read again, everyone looks again. */
    private void everything() {
        keys.invalidateAll();
        pollWaiters.wakeAll();
        wakeDispatcher.run();
        try {
            revocations.replaceAll(store.revocations().snapshot(clock.instant()));
        } catch (RuntimeException e) {
            // The periodic housekeeping reloads them too; until then sessions' rows still decide their validity.
            LOG.warn("could not reload the revocations after missed changes; housekeeping will", e);
        }
    }
}
