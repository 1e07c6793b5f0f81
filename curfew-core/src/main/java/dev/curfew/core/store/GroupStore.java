package dev.curfew.core.store;

import dev.curfew.core.group.Group;
import dev.curfew.core.session.Page;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.Optional;

/** Groups of users and who belongs to them. A user's memberships go with the user, a group's with the group. */
public interface GroupStore {
    /** @throws DuplicateException when the realm has a group of that name */
    void create(Group group);

    Optional<Group> find(String realmId, String id);

    Optional<Group> findByName(String realmId, String name);

    /** The realm's groups ordered by name; {@code search} is a case-insensitive substring of the name. */
    List<Group> list(String realmId, Optional<String> search, Page page);

    long count(String realmId, Optional<String> search);

    /**
     * @return false when there is no such group
     * @throws DuplicateException when the realm has another group of that name
     */
    boolean rename(String realmId, String id, String name);

    /** Deletes the group and its memberships. @return false when there is no such group */
    boolean delete(String realmId, String id);

    /** @return true when the user was not a member before */
    boolean addMember(String groupId, String userId);

    /** @return true when the user was a member */
    boolean removeMember(String groupId, String userId);

    /** The group's members ordered by username. */
    List<User> members(String realmId, String groupId, Page page);

    /** The groups the user belongs to, ordered by name. */
    List<Group> groupsOf(String realmId, String userId);

    /** Sets (or replaces) the group's shorter lifetimes. */
    void setLifetimes(dev.curfew.core.group.GroupLifetimes lifetimes);

    /** The group's shorter lifetimes, also once they no longer apply (until they are cleared or cleaned up). */
    Optional<dev.curfew.core.group.GroupLifetimes> lifetimes(String groupId);

    /** @return false when the group had none */
    boolean clearLifetimes(String groupId);

    /**
     * The shortest lifetimes among the user's groups that still apply at {@code now}; empty when none does. Read at
     * every user token issued: one indexed query.
     */
    Optional<dev.curfew.core.group.GroupLifetimes.ForMember> lifetimesOf(String userId, java.time.Instant now);

    /**
     * The latest end of any group's shorter lifetimes, ended or not (until they are cleaned up); empty when no group
     * has any. When it is not after {@code now}, no user has lifetimes in force.
     */
    Optional<java.time.Instant> lastLifetimeEnd();

    /** Forgets every group's lifetimes that ended before {@code now}. @return how many */
    int deleteLifetimesEndedBefore(java.time.Instant now);
}
