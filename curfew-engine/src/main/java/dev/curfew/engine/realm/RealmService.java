package dev.curfew.engine.realm;

import dev.curfew.core.change.Change;
import dev.curfew.core.change.ChangeFeed;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.keys.RealmKeys;
import dev.curfew.engine.keys.TokenLifetimes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Realm life cycle: a realm is created together with its first signing key, in one transaction. */
public final class RealmService {
    private final Store store;
    private final RealmKeys keys;
    private final ChangeFeed changes;
    private final Clock clock;
    /** What every new realm gets in the same transaction (its built-in clients), as {@code (tx, realm)}. */
    private final List<BiConsumer<Store, Realm>> onCreate = new CopyOnWriteArrayList<>();

    public RealmService(Store store, RealmKeys keys, ChangeFeed changes, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.changes = changes;
        this.clock = clock;
    }

    /** Runs {@code action} inside the transaction of every realm created from now on. */
    public void onCreate(BiConsumer<Store, Realm> action) {
        onCreate.add(action);
    }

    /** @throws dev.curfew.core.store.DuplicateException when the name is taken */
    public Realm create(String name, String displayName, boolean enabled, RealmSettings settings) {
        Realm realm =
                new Realm(Secrets.newId(), name, displayName, enabled, settings, Optional.empty(), clock.instant());
        return store.inTransaction(tx -> {
            tx.realms().create(realm);
            keys.rotate(tx, realm.id(), settings.signingAlgorithm(), new RealmKeys.OldKeys.Retire());
            onCreate.forEach(action -> action.accept(tx, realm));
            return realm;
        });
    }

    public Optional<Realm> find(String name) {
        return store.realms().findByName(name);
    }

    /**
     * Saves the realm; a change of signing algorithm brings a new active key of that algorithm, the old keys
     * verifying until the tokens they signed have expired.
     */
    public Realm update(Realm before, Realm after) {
        return store.inTransaction(tx -> {
            tx.realms().update(after);
            changes.publish(tx, new Change.RealmChanged(after.id()));
            if (!before.settings().signingAlgorithm().equals(after.settings().signingAlgorithm())) {
                Instant until = clock.instant().plus(TokenLifetimes.longest(tx, before));
                keys.rotate(
                        tx, after.id(), after.settings().signingAlgorithm(), new RealmKeys.OldKeys.VerifyUntil(until));
            }
            return after;
        });
    }

    /** @throws IllegalArgumentException for the master realm, which holds the administrators */
    public boolean delete(Realm realm) {
        if (realm.name().equals(Realm.MASTER)) {
            throw new IllegalArgumentException("the master realm cannot be deleted: it holds the administrators");
        }
        boolean deleted = store.realms().delete(realm.id());
        changes.publish(store, new Change.RealmChanged(realm.id()));
        return deleted;
    }
}
