package dev.curfew.store.cache;

import dev.curfew.core.change.Change;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.RealmStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Realms found by name or id through memory; every write announces {@link Change.RealmChanged}, and its cut-off when
 * it writes one.
 */
final class CachedRealms implements RealmStore {
    private final RealmStore database;
    private final CachingStore.Reads reads;
    private final CachingStore.Writes writes;

    CachedRealms(RealmStore database, CachingStore.Reads reads, CachingStore.Writes writes) {
        this.database = database;
        this.reads = reads;
        this.writes = writes;
    }

    @Override
    public void create(Realm realm) {
        writes.run(tx -> tx.realms().create(realm), changed(realm.id(), realm.notBefore()));
    }

    @Override
    public Optional<Realm> findByName(String name) {
        return reads.get(Entities.Kind.REALM, "", "name:" + name, () -> database.findByName(name));
    }

    @Override
    public Optional<Realm> findById(String id) {
        return reads.get(Entities.Kind.REALM, "", "id:" + id, () -> database.findById(id));
    }

    @Override
    public List<Realm> list() {
        return database.list();
    }

    @Override
    public boolean update(Realm realm) {
        return writes.write(tx -> tx.realms().update(realm), changed(realm.id(), realm.notBefore()));
    }

    @Override
    public boolean delete(String id) {
        return writes.write(tx -> tx.realms().delete(id), changed(id, Optional.empty()));
    }

    @Override
    public void setNotBefore(String realmId, Instant cutOff) {
        writes.run(tx -> tx.realms().setNotBefore(realmId, cutOff), changed(realmId, Optional.of(cutOff)));
    }

    private static List<Change> changed(String realmId, Optional<Instant> cutOff) {
        Change changed = new Change.RealmChanged(realmId);
        return cutOff.map(at -> List.of(changed, new Change.CutOff(Change.Level.REALM, realmId, at)))
                .orElse(List.of(changed));
    }
}
