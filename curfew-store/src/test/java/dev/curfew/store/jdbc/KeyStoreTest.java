package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.curfew.core.key.SigningKey;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyStoreTest extends StoreContract {
    private Realm realm;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
    }

    @Test
    void listGivesTheRealmsKeysNewestFirstWithEveryField() {
        SigningKey old = given.key(realm, T0);
        SigningKey newest = given.key(realm, T0.plusSeconds(2));
        SigningKey middle = given.key(realm, T0.plusSeconds(1));
        given.key(given.realm("other"), T0.plusSeconds(3));

        assertThat(store.keys().list(realm.id())).containsExactly(newest, middle, old);
    }

    @Test
    void updateStatusRetiresAKey() {
        SigningKey key = given.key(realm, T0);

        assertThat(store.keys().updateStatus(key.kid(), SigningKey.Status.PASSIVE))
                .isTrue();

        assertThat(store.keys().list(realm.id()))
                .extracting(SigningKey::status)
                .containsExactly(SigningKey.Status.PASSIVE);
        assertThat(store.keys().updateStatus("unknown", SigningKey.Status.PASSIVE))
                .isFalse();
    }

    @Test
    void updateStatusWithAnEndOfVerificationStoresBoth() {
        SigningKey key = given.key(realm, T0);

        assertThat(store.keys().updateStatus(key.kid(), SigningKey.Status.PASSIVE, Optional.of(T0.plusSeconds(300))))
                .isTrue();

        assertThat(store.keys().list(realm.id())).singleElement().satisfies(k -> {
            assertThat(k.status()).isEqualTo(SigningKey.Status.PASSIVE);
            assertThat(k.verifyUntil()).contains(T0.plusSeconds(300));
        });
    }

    @Test
    void retireExpiredRetiresOnlyPassiveKeysWhoseVerificationHasEnded() {
        SigningKey ended = given.key(realm, T0);
        SigningKey endsLater = given.key(realm, T0.plusSeconds(1));
        SigningKey noEnd = given.key(realm, T0.plusSeconds(2));
        SigningKey active = given.key(realm, T0.plusSeconds(3));
        store.keys().updateStatus(ended.kid(), SigningKey.Status.PASSIVE, Optional.of(T0.plusSeconds(60)));
        store.keys().updateStatus(endsLater.kid(), SigningKey.Status.PASSIVE, Optional.of(T0.plusSeconds(61)));
        store.keys().updateStatus(noEnd.kid(), SigningKey.Status.PASSIVE);

        assertThat(store.keys().retireExpired(T0.plusSeconds(60))).isEqualTo(1);

        assertThat(store.keys().list(realm.id()))
                .extracting(SigningKey::kid, SigningKey::status)
                .containsExactly(
                        tuple(active.kid(), SigningKey.Status.ACTIVE),
                        tuple(noEnd.kid(), SigningKey.Status.PASSIVE),
                        tuple(endsLater.kid(), SigningKey.Status.PASSIVE),
                        tuple(ended.kid(), SigningKey.Status.RETIRED));
    }

    @Test
    void takenKidThrowsDuplicate() {
        SigningKey key = given.key(realm, T0);

        assertThatThrownBy(() -> store.keys().create(key))
                .isInstanceOf(DuplicateException.class)
                .hasMessageContaining(key.kid());
    }
}
