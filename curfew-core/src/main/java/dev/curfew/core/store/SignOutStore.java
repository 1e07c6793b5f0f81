package dev.curfew.core.store;

import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
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
}
