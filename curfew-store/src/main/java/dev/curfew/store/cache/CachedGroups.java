package dev.curfew.store.cache;

import dev.curfew.core.change.Change;
import dev.curfew.core.group.Group;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.GroupStore;
import dev.curfew.core.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Groups from the database, except one fact every user token asks: whether any group's shorter lifetimes are in force
 * at all. Their latest end is kept in memory, so that while none is in force (almost always) issuing a token reads
 * nothing for them; setting or clearing lifetimes announces {@link Change.GroupLifetimesChanged}, so this node and
 * every other one read it again once that commits.
 */
final class CachedGroups implements GroupStore {
    /** No group has lifetimes: remembered as an end long past, since an absent value is not remembered. */
    private static final Instant NONE = Instant.EPOCH;

    private static final List<Change> LIFETIMES_CHANGED = List.of(new Change.GroupLifetimesChanged());

    private final GroupStore database;
    private final CachingStore.Reads reads;
    private final CachingStore.Writes writes;

    CachedGroups(GroupStore database, CachingStore.Reads reads, CachingStore.Writes writes) {
        this.database = database;
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public Optional<GroupLifetimes.ForMember> lifetimesOf(String userId, Instant now) {
        if (!lastLifetimeEnd().orElse(NONE).isAfter(now)) {
            return Optional.empty();
        }
        return database.lifetimesOf(userId, now);
    }

    @Override
    public Optional<Instant> lastLifetimeEnd() {
        return reads.get(
                        Entities.Kind.GROUP_LIFETIMES,
                        "",
                        "last-end",
                        () -> Optional.of(database.lastLifetimeEnd().orElse(NONE)))
                .filter(end -> !end.equals(NONE));
    }

    @Override
    public void setLifetimes(GroupLifetimes lifetimes) {
        writes.run(tx -> tx.groups().setLifetimes(lifetimes), LIFETIMES_CHANGED);
    }

    @Override
    public boolean clearLifetimes(String groupId) {
        return writes.write(tx -> tx.groups().clearLifetimes(groupId), LIFETIMES_CHANGED);
    }

    @Override
    public Optional<GroupLifetimes> lifetimes(String groupId) {
        return database.lifetimes(groupId);
    }

    /** Only lifetimes already ended go: whether any is in force does not change. */
    @Override
    public int deleteLifetimesEndedBefore(Instant now) {
        return database.deleteLifetimesEndedBefore(now);
    }

    @Override
    public void create(Group group) {
        database.create(group);
    }

    @Override
    public Optional<Group> find(String realmId, String id) {
        return database.find(realmId, id);
    }

    @Override
    public Optional<Group> findByName(String realmId, String name) {
        return database.findByName(realmId, name);
    }

    @Override
    public List<Group> list(String realmId, Optional<String> search, Page page) {
        return database.list(realmId, search, page);
    }

    @Override
    public long count(String realmId, Optional<String> search) {
        return database.count(realmId, search);
    }

    @Override
    public boolean rename(String realmId, String id, String name) {
        return database.rename(realmId, id, name);
    }

    /** Its lifetimes go with it: the latest end kept can only be later than the true one, which costs a query. */
    @Override
    public boolean delete(String realmId, String id) {
        return database.delete(realmId, id);
    }

    @Override
    public boolean addMember(String groupId, String userId) {
        return database.addMember(groupId, userId);
    }

    @Override
    public boolean removeMember(String groupId, String userId) {
        return database.removeMember(groupId, userId);
    }

    @Override
    public List<User> members(String realmId, String groupId, Page page) {
        return database.members(realmId, groupId, page);
    }

    @Override
    public List<Group> groupsOf(String realmId, String userId) {
        return database.groupsOf(realmId, userId);
    }
}
