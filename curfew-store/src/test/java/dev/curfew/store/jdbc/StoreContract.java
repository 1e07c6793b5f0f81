package dev.curfew.store.jdbc;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Store} implementation keeps, checked on each {@link Backend}: every test
 * class extending this one runs once against H2 and once against PostgreSQL.
 *
 * <p>Each test starts from an empty store. Emptying it deletes every realm, which relies on the cascades
 * that {@code RealmStoreTest} checks: everything Curfew keeps belongs to a realm.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class StoreContract {
    @Parameter
    Backend backend;

    Store store;
    Fixtures given;

    @BeforeEach
    void emptyStore() {
        store = backend.sharedDatabase().store();
        given = new Fixtures(store);
        for (Realm realm : store.realms().list()) {
            store.realms().delete(realm.id());
        }
    }
}
