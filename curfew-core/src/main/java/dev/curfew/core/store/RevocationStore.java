package dev.curfew.core.store;

import dev.curfew.core.validity.RevocationState;
import java.time.Instant;
import java.util.Collection;

/** The durable side of {@link RevocationState}: revoked session ids and every cut-off. */
public interface RevocationStore {
    /** Remembers the session ids as revoked until {@code until}; idempotent. */
    void revokeSessions(String realmId, Collection<String> sessionIds, Instant until);

    /** Every cut-off (realms, clients and users that have one) and every session id still revoked at {@code now}. */
    RevocationState.Snapshot snapshot(Instant now);

    /** Removes revoked session ids remembered until before {@code now}. @return rows removed (at most {@code limit}) */
    int purgeExpired(Instant now, int limit);
}
