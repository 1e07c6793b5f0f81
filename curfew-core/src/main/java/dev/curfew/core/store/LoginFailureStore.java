package dev.curfew.core.store;

import dev.curfew.core.bruteforce.LoginFailure;
import dev.curfew.core.bruteforce.UserLoginFailure;
import dev.curfew.core.session.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users' failed sign-ins (brute-force protection), one record per user, shared by every node. */
public interface LoginFailureStore {

    Optional<LoginFailure> find(String userId);

    /**
     * The user's record, locked against other transactions until the caller's ends (call it inside
     * {@link Store#inTransaction}); a record of no failures is created first when there is none. Concurrent
     * failures of one user, on any node, are thereby counted one after the other.
     */
    LoginFailure lock(String realmId, String userId);

    /** Writes the record {@link #lock} returned, changed. */
    void save(LoginFailure failure);

    /** Forgets the user's failures. @return false when there were none */
    boolean delete(String userId);

    /** Forgets the failures of every user of the realm. @return how many records there were */
    long deleteAll(String realmId);

    /**
     * The realm's records with their users, the latest failure first; with {@code lockedAt}, only users locked
     * at that instant ({@link UserLoginFailure#lockedAt}).
     */
    List<UserLoginFailure> list(String realmId, Optional<Instant> lockedAt, Page page);

    long count(String realmId, Optional<Instant> lockedAt);
}
