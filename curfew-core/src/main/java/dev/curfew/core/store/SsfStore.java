package dev.curfew.core.store;

import dev.curfew.core.session.Page;
import dev.curfew.core.ssf.EndedSession;
import dev.curfew.core.ssf.QueuedSet;
import dev.curfew.core.ssf.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared Signals streams, the subjects their receivers excluded, and the queue of SETs not yet taken (OpenID
 * Shared Signals Framework 1.0, RFC 8936). A stream belongs to a realm and a client: deleting either deletes
 * it, with its queue.
 */
public interface SsfStore {
    void create(Stream stream);

    Optional<Stream> find(String realmId, String streamId);

    /** The client's streams, oldest first. */
    List<Stream> listByClient(String realmId, String clientId);

    int countByClient(String realmId, String clientId);

    /** The realm's streams, oldest first. */
    List<Stream> listByRealm(String realmId, Page page);

    /**
     * The realm's streams that events are queued for: not disabled, and whose client is enabled and still a
     * Shared Signals receiver.
     */
    List<Stream> receiving(String realmId);

    /** Saves every field but the ids and creation time. @return false when there is no such stream */
    boolean update(Stream stream);

    /** Deletes the stream with its queue and excluded subjects. @return false when there was none */
    boolean delete(String realmId, String streamId);

    /** The receiver used the stream at {@code at} (its inactivity counts from here). */
    void touch(String streamId, Instant at);

    /**
     * Records a verification request of the stream at {@code now}, unless the last one recorded is less than
     * {@code interval} old (SSF 1.0 §8.1.1 {@code min_verification_interval}). One conditional update, so two nodes
     * answering at once cannot both record one.
     *
     * @return empty when recorded (or when there is no such stream); otherwise the time of the last one recorded
     */
    Optional<Instant> recordVerification(String streamId, Instant now, Duration interval);

    /** Deletes up to {@code limit} streams not used for longer than their inactivity timeout. @return how many */
    int deleteInactive(Instant now, int limit);

    /** Streams in every realm, for metrics. */
    long count();

    /** Excludes a subject (by its key) from the stream; idempotent. */
    void exclude(String streamId, String subjectKey);

    /** Includes the subject again; idempotent. */
    void include(String streamId, String subjectKey);

    /** The excluded subject keys of each of these streams (streams with none are absent). */
    Map<String, Set<String>> excluded(Collection<String> streamIds);

    /** Queues the SETs; one whose jti is already queued in its stream is left as it is. @return how many were new */
    int enqueue(Collection<QueuedSet> sets);

    /** Up to {@code limit} of the stream's queued SETs, in the order they were queued. */
    List<QueuedSet> next(String streamId, int limit);

    /** Removes these SETs from the stream's queue. @return how many were there */
    int remove(String streamId, Collection<String> jtis);

    /** Empties the stream's queue. @return how many SETs it held */
    int clear(String streamId);

    /** How many SETs the stream's queue holds. */
    long queued(String streamId);

    /**
     * Remembers, for each of these revoked session ids whose session still exists, its user and when it ended
     * (the first time, if it ends twice), so that a new stream can be told of it. Call it after revoking the
     * ids and before deleting the sessions. @return the sessions that existed
     */
    List<EndedSession> recordEnded(Collection<String> sessionIds, Instant at);

    /**
     * The realm's cut-offs set at {@code since} or later: the realm's own, the clients' (by public client_id) and
     * the users' (by user id).
     */
    CutOffsSince cutOffsSince(String realmId, Instant since);

    record CutOffsSince(Optional<Instant> realm, Map<String, Instant> clients, Map<String, Instant> users) {}

    /** The realm's sessions ended one by one whose ids are still revoked at {@code now}, oldest first. */
    List<EndedSession> endedSessions(String realmId, Instant now);
}
