package dev.curfew.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.change.InProcessChangeFeed;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keys found ahead of a first start's realms: each taken once, the same kind of key a realm would have generated. */
class SpareKeysTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final Database database = Database.open(DatabaseConfig.h2InMemory("spare-keys-" + UUID.randomUUID()));
    private final Store store = database.store();

    @AfterEach
    void close() {
        // Nothing prepared here is left for another test to take.
        while (SpareKeys.take("RS256").isPresent()) {}
        database.close();
    }

    @Test
    @DisplayName("each spare is taken once, then keys are generated as before")
    void eachSpareIsTakenOnce() {
        SpareKeys.prepare("RS256", 2);

        JWK first = SpareKeys.take("RS256").orElseThrow();
        JWK second = SpareKeys.take("RS256").orElseThrow();

        assertThat(first.getKeyID()).isNotEqualTo(second.getKeyID());
        assertThat(SpareKeys.take("RS256")).isEmpty();
        assertThat(SpareKeys.take("ES256")).isEmpty();
    }

    @Test
    @DisplayName("a spare is the key a realm would have generated: RSA 2048, RS256, for signatures, kid its thumbprint")
    void spareIsTheKeyARealmGenerates() throws Exception {
        SpareKeys.prepare("RS256", 1);

        JWK spare = SpareKeys.take("RS256").orElseThrow();
        JWK generated = RealmKeys.generateNew("RS256");

        for (JWK key : new JWK[] {spare, generated}) {
            assertThat(key.toRSAKey().size()).isEqualTo(2048);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
            assertThat(key.isPrivate()).isTrue();
        }
    }

    @Test
    @DisplayName("a new realm's key is the spare prepared for it")
    void newRealmTakesTheSpare() {
        RealmKeys keys = new RealmKeys(store, new MovableClock(NOW), new InProcessChangeFeed());
        Realm realm = new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);
        store.realms().create(realm);
        SpareKeys.prepare("RS256", 1);

        String kid = store.inTransaction(tx -> keys.rotate(tx, realm.id(), "RS256", new RealmKeys.OldKeys.Retire())
                .kid());

        assertThat(SpareKeys.take("RS256")).isEmpty();
        assertThat(keys.forRealm(realm.id()).activeKid()).isEqualTo(kid);
    }
}
