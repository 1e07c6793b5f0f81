package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.realm.MaintenanceWindow;
import dev.curfew.core.realm.Realm;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceStoreTest extends StoreContract {
    @Test
    void aWindowIsSetReplacedClearedAndGoesWithItsRealm() {
        Realm realm = given.realm("acme");
        MaintenanceWindow open = new MaintenanceWindow(realm.id(), T0, Optional.empty(), "Upgrade", T0);
        MaintenanceWindow bounded =
                new MaintenanceWindow(realm.id(), T0.plusSeconds(60), Optional.of(T0.plusSeconds(3600)), "Move", T0);

        assertThat(store.maintenance().find(realm.id())).isEmpty();
        store.maintenance().set(open);
        assertThat(store.maintenance().find(realm.id())).contains(open);
        store.maintenance().set(bounded);
        assertThat(store.maintenance().find(realm.id())).contains(bounded);
        assertThat(store.maintenance().clear(realm.id())).isTrue();
        assertThat(store.maintenance().clear(realm.id())).isFalse();

        store.maintenance().set(open);
        store.realms().delete(realm.id());
        assertThat(store.maintenance().find(realm.id())).isEmpty();
    }
}
