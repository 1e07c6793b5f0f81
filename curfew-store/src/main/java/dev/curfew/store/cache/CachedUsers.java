package dev.curfew.store.cache;

import dev.curfew.core.change.Change;
import dev.curfew.core.store.UserQuery;
import dev.curfew.core.store.UserStore;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Users found by id through memory (what every token check and userinfo read); every write announces {@link
 * Change.UserChanged}. Searches and sign-in by username go to the database.
 */
final class CachedUsers implements UserStore {
    private final UserStore database;
    private final CachingStore.Reads reads;
    private final CachingStore.Writes writes;

    CachedUsers(UserStore database, CachingStore.Reads reads, CachingStore.Writes writes) {
        this.database = database;
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public void create(User user) {
        writes.run(tx -> tx.users().create(user), changed(user.realmId(), user.id(), user.notBefore()));
    }

    @Override
    public Optional<User> findById(String realmId, String id) {
        return reads.get(Entities.Kind.USER, realmId, id, () -> database.findById(realmId, id));
    }

    @Override
    public Optional<User> findByUsername(String realmId, String username) {
        return database.findByUsername(realmId, username);
    }

    @Override
    public List<User> search(UserQuery query) {
        return database.search(query);
    }

    @Override
    public long count(UserQuery query) {
        return database.count(query);
    }

    @Override
    public boolean update(User user) {
        return writes.write(tx -> tx.users().update(user), changed(user.realmId(), user.id(), user.notBefore()));
    }

    @Override
    public boolean delete(String realmId, String id) {
        return writes.write(tx -> tx.users().delete(realmId, id), changed(realmId, id, Optional.empty()));
    }

    /** The hash is not part of {@link User} and is never cached; nothing to announce. */
    @Override
    public Optional<String> passwordHash(String userId) {
        return database.passwordHash(userId);
    }

    @Override
    public void setPasswordHash(String userId, String encodedHash) {
        database.setPasswordHash(userId, encodedHash);
    }

    /** Read at sign-in only, not cached. */
    @Override
    public SortedSet<RequiredAction> requiredActions(String userId) {
        return database.requiredActions(userId);
    }

    @Override
    public java.util.List<String> passwordHistory(String userId, int limit) {
        return database.passwordHistory(userId, limit);
    }

    @Override
    public void rememberPassword(String userId, String hash, java.time.Instant at, int keep) {
        database.rememberPassword(userId, hash, at, keep);
    }

    @Override
    public void setRequiredActions(String userId, Set<RequiredAction> actions) {
        database.setRequiredActions(userId, actions);
    }

    @Override
    public int addRequiredAction(String realmId, Set<String> userIds, RequiredAction action) {
        return database.addRequiredAction(realmId, userIds, action);
    }

    @Override
    public void setNotBefore(String realmId, String id, Instant cutOff) {
        writes.run(tx -> tx.users().setNotBefore(realmId, id, cutOff), changed(realmId, id, Optional.of(cutOff)));
    }

    private static List<Change> changed(String realmId, String id, Optional<Instant> cutOff) {
        Change changed = new Change.UserChanged(realmId, id);
        return cutOff.map(at -> List.of(changed, new Change.CutOff(Change.Level.USER, id, at)))
                .orElse(List.of(changed));
    }
}
