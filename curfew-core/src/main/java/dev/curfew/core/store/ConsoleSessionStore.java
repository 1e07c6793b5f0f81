package dev.curfew.core.store;

import dev.curfew.core.console.StoredConsoleSession;
import java.time.Instant;
import java.util.Optional;

/** The consoles' sessions and sign-ins in progress, shared by every node, found by the hash of their secret. */
public interface ConsoleSessionStore {
    /** @throws DuplicateException when a row with this hash exists */
    void create(StoredConsoleSession session);

    /** The row of this kind and hash, unless it expired before {@code now}. */
    Optional<StoredConsoleSession> find(StoredConsoleSession.Kind kind, String idHash, Instant now);

    /** Saves a new state and expiry. @return false when the row is gone (ended on some node) */
    boolean update(StoredConsoleSession.Kind kind, String idHash, String data, Instant expiresAt);

    /** @return whether a row was deleted */
    boolean delete(StoredConsoleSession.Kind kind, String idHash);

    /**
     * Deletes the row and returns it, unless it expired before {@code now}: once, however many callers take it at
     * the same moment.
     */
    Optional<StoredConsoleSession> take(StoredConsoleSession.Kind kind, String idHash, Instant now);

    /** Deletes up to {@code limit} rows expired at {@code now}. @return how many */
    int purgeExpired(Instant now, int limit);
}
