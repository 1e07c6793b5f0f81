package dev.curfew.core.store;

import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The history of sign-outs, per realm. */
public interface SignOutStore {
    /** @throws DuplicateException when a sign-out with this id exists */
    void create(SignOut signOut);

    /** Saves status, affected count and completion time. */
    boolean update(SignOut signOut);

    Optional<SignOut> find(String realmId, String id);

    /** Newest first. */
    List<SignOut> list(String realmId, Page page);

    long count(String realmId);

    /** Sign-outs of every realm still RUNNING (to resume after a crash), oldest first. */
    List<SignOut> running();

    /**
     * RUNNING sign-outs of every realm that no node holds: never leased, or whose lease ended before {@code now}
     * (their node died or stalled). Oldest first.
     */
    List<SignOut> unleased(Instant now);

    /**
     * Leases a RUNNING sign-out to {@code owner} until {@code until}, when no other node holds it at {@code now}
     * (or {@code owner} already does). Atomic: of nodes claiming at once, one wins. @return whether {@code owner}
     * holds it now
     */
    boolean claim(String realmId, String id, String owner, Instant now, Instant until);

    /** Extends {@code owner}'s lease on a RUNNING sign-out. @return false when it no longer holds it */
    boolean renew(String realmId, String id, String owner, Instant until);

    /**
     * Inside a transaction: whether {@code owner} holds the lease of this RUNNING sign-out, locking its row until
     * the transaction ends, so no other node can claim it (nor complete it) in between.
     */
    boolean lockIfHeld(String realmId, String id, String owner);
}
