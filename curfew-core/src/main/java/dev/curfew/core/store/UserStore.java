package dev.curfew.core.store;

import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

public interface UserStore {
    /** @throws DuplicateException when the realm has a user of that username */
    void create(User user);

    Optional<User> findById(String realmId, String id);

    /** Case-insensitive: usernames are stored normalized. */
    Optional<User> findByUsername(String realmId, String username);

    List<User> search(UserQuery query);

    long count(UserQuery query);

    /** Saves email, names, enabled and notBefore. @return false if the user no longer exists */
    boolean update(User user);

    /** Deletes the user with their sessions, tokens, password and grants. */
    boolean delete(String realmId, String id);

    /** The encoded password hash (PHC string), if the user has a password. */
    Optional<String> passwordHash(String userId);

    void setPasswordHash(String userId, String encodedHash);

    /** What the user must do at their next browser sign-in, in {@link RequiredAction}'s order. */
    SortedSet<RequiredAction> requiredActions(String userId);

    /** The hashes of the user's earlier passwords (not the current one), newest first, at most {@code limit}. */
    java.util.List<String> passwordHistory(String userId, int limit);

    /**
     * Keeps {@code hash}, a password the user had until {@code at}, among their earlier ones, and forgets all but
     * the newest {@code keep} of them.
     */
    void rememberPassword(String userId, String hash, java.time.Instant at, int keep);

    /** Replaces what the user must do at their next browser sign-in; an empty set clears it. */
    void setRequiredActions(String userId, Set<RequiredAction> actions);

    /**
     * Adds {@code action} to the required actions of the realm's users named in {@code userIds}, or of every user of
     * the realm when it is empty. @return how many users did not have it yet
     */
    int addRequiredAction(String realmId, Set<String> userIds, RequiredAction action);

    /** Writes the user's cut-off. */
    void setNotBefore(String realmId, String id, java.time.Instant cutOff);
}
