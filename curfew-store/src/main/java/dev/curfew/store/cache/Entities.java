package dev.curfew.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.curfew.core.change.Change;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The realms, clients and users read on every request, kept in memory and exact: every committed change of one of
 * them — by this node or, through the change feed, by any other — makes what was read before it unusable.
 *
 * <p>Exactness does not depend on the order of a read and a change. Each entry carries the <em>generation</em> of its
 * kind and realm read <em>before</em> the database was; a change raises the generation <em>after</em> its commit. A
 * read that raced a commit and saw the old row is therefore stored under the old generation and never served. The
 * price of this simplicity is coarseness: changing one user makes the node read the realm's other users again once.
 *
 * <p>Entries also expire after {@link #RELOAD_AFTER}, which bounds how long a node that missed a notification
 * without noticing could serve a stale entity ({@code docs/architecture.md}, "One source of truth for validity").
 */
final class Entities implements Consumer<Change> {
    static final Duration RELOAD_AFTER = Duration.ofMinutes(5);
    private static final long MAX_ENTRIES = 10_000;

    /** What an entry belongs to, for its generation. */
    enum Kind {
        REALM,
        CLIENT,
        USER,
        /** The latest end of any group's lifetimes ({@link CachedGroups}), one entry for all realms. */
        GROUP_LIFETIMES
    }

    private record Key(Kind kind, String realmId, String id) {}

    private record Entry(Object value, long generation) {}

    private final Cache<Key, Entry> cache = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(RELOAD_AFTER)
            .build();
    private final Map<Key, AtomicLong> generations = new ConcurrentHashMap<>();
    /** Raised by {@link Change.Everything}: every entry read before it is unusable. */
    private final AtomicLong everything = new AtomicLong();

    /**
     * The entity of this kind, realm and id (or name, client id — any key unique in the realm) from memory, or read
     * with {@code load} and remembered. An absent entity is not remembered: it may be created at any time. Realms are
     * looked up with an empty {@code realmId}: a realm's name is all a request knows of it.
     */
    @SuppressWarnings("unchecked")
    <T> Optional<T> get(Kind kind, String realmId, String id, Supplier<Optional<T>> load) {
        Key key = new Key(kind, realmId, id);
        long generation = generation(kind, realmId);
        Entry entry = cache.getIfPresent(key);
        if (entry != null && entry.generation() == generation) {
            return Optional.of((T) entry.value());
        }
        Optional<T> loaded = load.get();
        loaded.ifPresent(value -> cache.put(key, new Entry(value, generation)));
        return loaded;
    }

    /** Everything of this kind in this realm read before now is unusable. */
    void changed(Kind kind, String realmId) {
        counter(new Key(kind, realmId, "")).incrementAndGet();
    }

    /** Everything of this kind, in every realm, read before now is unusable. */
    void changed(Kind kind) {
        counter(new Key(kind, "", "")).incrementAndGet();
    }

    @Override
    public void accept(Change change) {
        switch (change) {
            case Change.RealmChanged r -> {
                changed(Kind.REALM);
                changed(Kind.CLIENT, r.realmId());
                changed(Kind.USER, r.realmId());
            }
            case Change.ClientChanged c -> changed(Kind.CLIENT, c.realmId());
            case Change.UserChanged u -> changed(Kind.USER, u.realmId());
            case Change.GroupLifetimesChanged g -> changed(Kind.GROUP_LIFETIMES);
            case Change.CutOff c -> cutOff(c);
            case Change.Everything e -> {
                everything.incrementAndGet();
                cache.invalidateAll();
            }
            case Change.SessionsRevoked s -> {}
            case Change.AccessTokenRevoked t -> {}
            case Change.StreamQueued s -> {}
            case Change.OutboxQueued o -> {}
        }
    }

    /**
     * A cut-off is written on the entity's row, so a cached realm, client or user carries the old one. A client's or
     * user's cut-off does not name its realm: all clients or users are read again (cut-offs are rare).
     */
    private void cutOff(Change.CutOff c) {
        switch (c.level()) {
            case REALM -> changed(Kind.REALM);
            case CLIENT -> changed(Kind.CLIENT);
            case USER -> changed(Kind.USER);
        }
    }

    /** The counters only grow, so their sum changes whenever one does. */
    private long generation(Kind kind, String realmId) {
        return everything.get() + value(new Key(kind, "", "")) + value(new Key(kind, realmId, ""));
    }

    private long value(Key key) {
        AtomicLong counter = generations.get(key);
        return counter == null ? 0 : counter.get();
    }

    private AtomicLong counter(Key key) {
        return generations.computeIfAbsent(key, k -> new AtomicLong());
    }
}
