package dev.curfew.core.store;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.delivery.DestinationSummary;
import dev.curfew.core.session.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactional outbox ({@code docs/architecture.md}, "Outbox and delivery"): notifications written with the change that causes them, and
 * the state of their delivery. Claims let several nodes share the work: a claimed row is skipped by others
 * until the claim expires, so a crashed node's rows are picked up again.
 */
public interface OutboxStore {
    /**
     * Queues the notifications; one whose id is already in the outbox is left as it is (the id is the
     * {@code jti}, the idempotency key). @return how many were new
     */
    int enqueue(Collection<Delivery> deliveries);

    /**
     * Claims up to {@code limit} QUEUED rows due at {@code now} that no one holds a live claim on, oldest
     * first, until {@code claimUntil}. @return the claimed rows
     */
    List<Delivery> claimDue(Instant now, Instant claimUntil, int limit);

    /** Ends a claim without an attempt (the row stays as it was, due again). */
    void release(String id);

    void markDelivered(String id, int attempts, Instant at);

    /** A row's successful attempt: how many attempts it took, and when it succeeded. */
    record Delivered(String id, int attempts, Instant at) {}

    /**
     * {@link #markDelivered(String, int, Instant)} for several rows in one round trip to the database (a dispatcher
     * delivering thousands of notifications to one receiver would otherwise spend a round trip on each).
     */
    void markDelivered(Collection<Delivered> rows);

    /** Records a failed attempt; the row is tried again at {@code nextAttemptAt}. Ends the claim. */
    void reschedule(String id, int attempts, Instant nextAttemptAt, String error);

    /** Gives up on the row: it joins the dead-letter list. Ends the claim. */
    void markDead(String id, int attempts, String error);

    Optional<Delivery> find(String realmId, String id);

    /** The realm's rows of that status, newest first; only those to one client when {@code clientId} is given. */
    List<Delivery> list(String realmId, Delivery.Status status, Optional<String> clientId, Page page);

    /**
     * How many of the realm's rows to one client (internal id) are in each status; every status is a key,
     * zero when there are none.
     */
    Map<Delivery.Status, Long> countsOfClient(String realmId, String clientId);

    /** Per destination: how one sign-out's notifications stand. */
    List<DestinationSummary> summaryOfSignOut(String realmId, String signOutId);

    /**
     * Puts a DEAD row back in the queue, due at {@code now}, with a new delivery window from {@code now}.
     * @return false when there is no such DEAD row in the realm
     */
    boolean retry(String realmId, String id, Instant now);

    /** Rows of that status in every realm, for metrics. */
    long count(Delivery.Status status);

    /** Deletes up to {@code limit} DELIVERED rows delivered before {@code before}. @return how many */
    int purgeDelivered(Instant before, int limit);
}
