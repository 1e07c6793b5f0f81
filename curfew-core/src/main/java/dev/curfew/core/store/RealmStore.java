package dev.curfew.core.store;

import dev.curfew.core.realm.Realm;
import java.util.List;
import java.util.Optional;

public interface RealmStore {
    /** @throws DuplicateException when a realm of that name exists */
    void create(Realm realm);

    Optional<Realm> findByName(String name);

    Optional<Realm> findById(String id);

    /** All realms, ordered by name. */
    List<Realm> list();

    /** Saves every field except id and createdAt. @return false if the realm no longer exists */
    boolean update(Realm realm);

    /** Deletes the realm and everything in it. @return false if it did not exist */
    boolean delete(String id);

    /** Writes the realm's cut-off: one row, whatever the number of sessions. */
    void setNotBefore(String realmId, java.time.Instant cutOff);
}
