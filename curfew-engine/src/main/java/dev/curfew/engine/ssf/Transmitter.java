package dev.curfew.engine.ssf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.client.Client;
import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.ssf.EndedSession;
import dev.curfew.core.ssf.QueuedSet;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.SsfStore;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sender side of the Shared Signals Framework: turns what happened into one SET per stream that receives it,
 * in the transaction of the change that caused it (like back-channel logout tokens). A poll stream's SETs go to its
 * queue, a push stream's to the outbox; a paused stream's wait in its queue, a disabled stream gets none. An event
 * type the stream did not ask for, or a subject its receiver removed, is left out for that stream.
 *
 * <p>A realm, client or user sign-out is one event whatever the number of sessions, so queuing it costs one
 * insert per stream; a sign-out of sessions one by one is one event per session, in the batch that ends them.
 */
public final class Transmitter {
    /** RFC 8935 §2: a pushed SET's media type. */
    public static final String PUSH_CONTENT_TYPE = "application/secevent+jwt";

    /** Held SETs moved to the outbox per statement when a push stream is enabled again. */
    private static final int MOVE_BATCH = 1000;

    private final Clock clock;
    private final PollWaiters waiters;
    private final ChangeFeed changes;
    private final SsfMetrics metrics;

    public Transmitter(Clock clock, PollWaiters waiters, ChangeFeed changes, SsfMetrics metrics) {
        this.clock = clock;
        this.waiters = waiters;
        this.changes = changes;
        this.metrics = metrics;
    }

    /** What a transaction queued: the poll streams to wake, whether the outbox has pushes, the count per type. */
    private record Queued(Set<String> streams, boolean pushed, Map<String, Integer> byType) {}

    /** The events a stream gets of those a receiver may ask for (SSF 1.0 §8.1.1: requested ∩ supported). */
    public static List<String> eventsDelivered(Stream stream) {
        return stream.eventsRequested()
                .map(requested -> SecurityEvent.SUPPORTED.stream()
                        .filter(requested::contains)
                        .toList())
                .orElse(SecurityEvent.SUPPORTED);
    }

    /**
     * A realm, client or user cut-off: one session-revoked event whose timestamp is the cut-off.
     *
     * @param scope a realm, client (internal id) or user scope
     */
    public void cutOff(
            Store tx,
            Realm realm,
            SignOutScope scope,
            Instant at,
            Initiator initiator,
            Optional<String> reason,
            Optional<String> signOutId) {
        List<Stream> streams = tx.ssf().receiving(realm.id());
        if (streams.isEmpty()) {
            return;
        }
        SecurityEvent.Subject subject = switch (scope) {
            case SignOutScope.Realm r -> new SecurityEvent.Tenant(realm.name());
            case SignOutScope.Client c -> {
                Optional<Client> client = tx.clients().findById(realm.id(), c.clientId());
                if (client.isEmpty()) {
                    yield null;
                }
                yield new SecurityEvent.Application(realm.name(), client.get().clientId());
            }
            case SignOutScope.User u -> new SecurityEvent.User(realm.name(), u.userId());
            default -> throw new IllegalArgumentException("not a cut-off scope: " + scope.type());
        };
        if (subject == null) {
            return;
        }
        queue(
                tx,
                streams,
                List.of(SecurityEvent.sessionRevoked(subject, at, initiator, reason, signOutId, Optional.empty())));
    }

    /**
     * Sessions ended one by one: call it inside the transaction that revokes them, before their rows are deleted.
     * Remembers each with its user and end time (for streams created later) and queues one session-revoked event
     * per session that existed.
     */
    public void sessionsEnded(
            Store tx,
            Realm realm,
            Collection<String> sessionIds,
            Instant at,
            Initiator initiator,
            Optional<String> reason,
            Optional<String> signOutId) {
        List<EndedSession> ended = tx.ssf().recordEnded(sessionIds, at);
        if (ended.isEmpty()) {
            return;
        }
        List<Stream> streams = tx.ssf().receiving(realm.id());
        if (streams.isEmpty()) {
            return;
        }
        List<SecurityEvent> events = new ArrayList<>(ended.size());
        for (EndedSession e : ended) {
            events.add(sessionEvent(realm, e, initiator, reason, signOutId));
        }
        queue(tx, streams, events);
    }

    /** A user's password was set ({@code first}: the user had none) or changed. */
    public void passwordChanged(Store tx, Realm realm, String userId, boolean first, Initiator initiator) {
        List<Stream> streams = tx.ssf().receiving(realm.id());
        if (streams.isEmpty()) {
            return;
        }
        queue(
                tx,
                streams,
                List.of(SecurityEvent.passwordChanged(
                        new SecurityEvent.User(realm.name(), userId), first, clock.instant(), initiator)));
    }

    /** SSF 1.0 §8.1.4: a verification event on the stream, echoing the receiver's state. */
    public void verification(Store tx, Stream stream, Optional<String> state) {
        Map<String, Object> members = new LinkedHashMap<>();
        state.ifPresent(s -> members.put("state", s));
        queue(
                tx,
                List.of(stream),
                List.of(new SecurityEvent(
                        SecurityEvent.VERIFICATION,
                        new SecurityEvent.StreamItself(stream.id()),
                        members,
                        Optional.empty(),
                        Optional.empty())));
    }

    /**
     * SSF 1.0 §8.1.5: the stream's status changed (the stream as it is now). The event joins the stream's queue
     * behind what it holds; a push stream enabled again then sends the whole queue, in order.
     */
    public void streamUpdated(Store tx, Stream stream) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("status", stream.status().wire());
        stream.reason().ifPresent(r -> members.put("reason", r));
        queue(
                tx,
                List.of(stream),
                List.of(new SecurityEvent(
                        SecurityEvent.STREAM_UPDATED,
                        new SecurityEvent.StreamItself(stream.id()),
                        members,
                        Optional.empty(),
                        Optional.empty())),
                true);
        releaseHeld(tx, stream);
    }

    /**
     * The start-up snapshot of a new stream: the realm's cut-offs set within {@code lifetime} (the longest a token
     * they refuse can live) and every session id still revoked, with their original times, as session-revoked
     * events from {@code system}. A receiver that starts now thus knows everything that can still refuse a token.
     */
    public void snapshot(Store tx, Realm realm, Stream stream, Duration lifetime) {
        Instant now = clock.instant();
        SsfStore.CutOffsSince recent = tx.ssf().cutOffsSince(realm.id(), now.minus(lifetime));
        List<SecurityEvent> events = new ArrayList<>();
        recent.realm()
                .ifPresent(at -> events.add(replayed(new SecurityEvent.Tenant(realm.name()), at, Optional.empty())));
        recent.clients()
                .forEach((clientId, at) -> events.add(
                        replayed(new SecurityEvent.Application(realm.name(), clientId), at, Optional.empty())));
        recent.users()
                .forEach((userId, at) ->
                        events.add(replayed(new SecurityEvent.User(realm.name(), userId), at, Optional.empty())));
        for (EndedSession e : tx.ssf().endedSessions(realm.id(), now)) {
            events.add(sessionEvent(realm, e, Initiator.SYSTEM, Optional.empty(), Optional.empty()));
        }
        if (!events.isEmpty()) {
            queue(tx, List.of(stream), events);
        }
    }

    private static SecurityEvent replayed(SecurityEvent.Subject subject, Instant at, Optional<String> dedupKey) {
        return SecurityEvent.sessionRevoked(
                subject, at, Initiator.SYSTEM, Optional.empty(), Optional.empty(), dedupKey);
    }

    private static SecurityEvent sessionEvent(
            Realm realm, EndedSession e, Initiator initiator, Optional<String> reason, Optional<String> signOutId) {
        return SecurityEvent.sessionRevoked(
                new SecurityEvent.Session(realm.name(), e.userId(), e.sessionId()),
                e.endedAt(),
                initiator,
                reason,
                signOutId,
                Optional.of("session-revoked " + e.sessionId()));
    }

    /**
     * A push stream enabled again: the SETs held while it was paused (or queued while it was a poll stream) move to
     * the outbox, in their order.
     */
    public void releaseHeld(Store tx, Stream stream) {
        if (stream.method() != Stream.DeliveryMethod.PUSH || stream.status() != Stream.Status.ENABLED) {
            return;
        }
        boolean moved = false;
        long total = tx.ssf().queued(stream.id());
        for (long done = 0; done < total; done += MOVE_BATCH) {
            List<QueuedSet> held = tx.ssf().next(stream.id(), MOVE_BATCH);
            if (held.isEmpty()) {
                break;
            }
            List<Delivery> pushes = new ArrayList<>(held.size());
            Instant now = clock.instant();
            for (QueuedSet q : held) {
                pushes.add(push(stream, q.jti(), q.claims(), Optional.empty(), now, pushes.size()));
            }
            tx.outbox().enqueue(pushes);
            tx.ssf().remove(stream.id(), held.stream().map(QueuedSet::jti).toList());
            moved = true;
        }
        if (moved) {
            wakeAfterCommit(tx, new Queued(Set.of(), true, Map.of()));
        }
    }

    /**
     * Once {@code tx} commits, wakes whoever waits for what it queued, on every node: long polls and the outbox
     * dispatcher; and counts the events. Nothing is woken nor counted for a transaction that rolls back.
     */
    private void wakeAfterCommit(Store tx, Queued queued) {
        queued.streams().forEach(stream -> changes.publish(tx, new Change.StreamQueued(stream)));
        if (queued.pushed()) {
            changes.publish(tx, new Change.OutboxQueued());
        }
        tx.afterCommit(() -> queued.byType().forEach(metrics::queued));
    }

    /** Once {@code tx} commits, wakes the stream's long polls on every node without anything queued (its status changed). */
    public void streamChanged(Store tx, String streamId) {
        changes.publish(tx, new Change.StreamQueued(streamId));
    }

    /** Wakes this node's long polls of the stream without anything queued (it was deleted); the others' find out at their next look. */
    public void wake(String streamId) {
        waiters.wake(streamId);
    }

    private void queue(Store tx, List<Stream> streams, List<SecurityEvent> events) {
        queue(tx, streams, events, false);
    }

    /** @param hold into the stream's queue even when it is an enabled push stream */
    private void queue(Store tx, List<Stream> streams, List<SecurityEvent> events, boolean hold) {
        Instant now = clock.instant();
        boolean excludable = events.stream()
                .anyMatch(
                        e -> e.subject() instanceof SecurityEvent.User || e.subject() instanceof SecurityEvent.Session);
        Map<String, Set<String>> excluded =
                excludable ? tx.ssf().excluded(streams.stream().map(Stream::id).toList()) : Map.of();
        Map<String, Optional<String>> audiences = new HashMap<>();
        List<QueuedSet> held = new ArrayList<>();
        List<Delivery> pushes = new ArrayList<>();
        Set<String> woken = new HashSet<>();
        Map<String, Integer> byType = new HashMap<>();
        for (Stream stream : streams) {
            if (stream.status() == Stream.Status.DISABLED) {
                continue;
            }
            Optional<String> audience = audiences.computeIfAbsent(
                    stream.clientId(),
                    id -> tx.clients().findById(stream.realmId(), id).map(Client::clientId));
            if (audience.isEmpty()) {
                continue;
            }
            List<String> delivered = eventsDelivered(stream);
            Set<String> removed = excluded.getOrDefault(stream.id(), Set.of());
            for (SecurityEvent event : events) {
                boolean streamEvent = event.type().equals(SecurityEvent.VERIFICATION)
                        || event.type().equals(SecurityEvent.STREAM_UPDATED);
                if (!streamEvent && !delivered.contains(event.type())
                        || event.subject().excludedBy(removed)) {
                    continue;
                }
                String jti = event.dedupKey()
                        .map(k -> Secrets.sha256("ssf " + stream.id() + " " + k))
                        .orElseGet(Secrets::newId);
                String claims = claims(stream, audience.get(), event, jti, now);
                if (!hold
                        && stream.method() == Stream.DeliveryMethod.PUSH
                        && stream.status() == Stream.Status.ENABLED) {
                    pushes.add(push(stream, jti, claims, event.txn(), now, pushes.size()));
                } else {
                    held.add(new QueuedSet(stream.id(), jti, claims, now));
                    woken.add(stream.id());
                }
                byType.merge(event.type(), 1, Integer::sum);
            }
        }
        if (!held.isEmpty()) {
            tx.ssf().enqueue(held);
        }
        if (!pushes.isEmpty()) {
            tx.outbox().enqueue(pushes);
        }
        if (!byType.isEmpty()) {
            wakeAfterCommit(tx, new Queued(woken, !pushes.isEmpty(), byType));
        }
    }

    /** RFC 8417 §2.2 claims: one event, the subject in {@code sub_id} (SSF 1.0 §4.1), no {@code sub}, no {@code exp}. */
    private static String claims(Stream stream, String audience, SecurityEvent event, String jti, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", stream.issuer());
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", jti);
        event.txn().ifPresent(t -> claims.put("txn", t));
        claims.put("sub_id", event.subject().subId(stream.issuer()));
        claims.put("events", Map.of(event.type(), event.members()));
        try {
            return Json.MAPPER.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An outbox row for a push stream: the stream's id travels with the claims, for its Authorization header. The
     * dispatcher sends a destination's due rows by creation time: the {@code order}-th SET of one transaction is
     * created that many milliseconds later, so SETs queued together arrive in the order they were queued.
     */
    private static Delivery push(
            Stream stream, String jti, String claims, Optional<String> txn, Instant now, int order) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.put("stream_id", stream.id());
        payload.putRawValue("claims", new com.fasterxml.jackson.databind.util.RawValue(claims));
        return new Delivery(
                jti,
                stream.realmId(),
                Delivery.SSF_PUSH,
                stream.endpointUrl().orElseThrow(),
                payload.toString(),
                PUSH_CONTENT_TYPE,
                now.plusMillis(order),
                now,
                now,
                0,
                Optional.empty(),
                Delivery.Status.QUEUED,
                txn,
                stream.clientId(),
                Optional.empty());
    }
}
