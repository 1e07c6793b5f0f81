package dev.curfew.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.core.validity.RevocationState;
import dev.curfew.engine.cluster.ChangeApplier;
import dev.curfew.engine.ssf.PollWaiters;
import dev.curfew.engine.testing.MovableClock;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.change.InProcessChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two nodes' {@link RealmKeys} on one database: one makes a new key, the other must sign and verify with it. */
class RealmKeysTest {
    /** Old keys keep verifying long past these tests. */
    private static final RealmKeys.OldKeys KEEP_OLD =
            new RealmKeys.OldKeys.VerifyUntil(java.time.Instant.parse("9999-01-01T00:00:00Z"));

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final Database database = Database.open(DatabaseConfig.h2InMemory("realm-keys-" + UUID.randomUUID()));
    private final Store store = database.store();
    private final Realm realm =
            new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), NOW);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    @DisplayName("a new key made on one node was never seen by another that had the realm's keys cached; now it"
            + " drops them once the key is committed and signs with the new one")
    void aNewKeyMadeOnAnotherNodeWasNeverSeen() {
        InProcessChangeFeed feed = new InProcessChangeFeed();
        RealmKeys maker = new RealmKeys(store, clock, feed);
        RealmKeys other = new RealmKeys(store, clock, feed);
        listen(feed, other);
        String first = givenRealmWithKey(maker);
        assertThat(other.forRealm(realm.id()).activeKid()).isEqualTo(first);

        String second = store.inTransaction(tx -> {
            String kid = maker.rotate(tx, realm.id(), "ES256", KEEP_OLD).kid();
            assertThat(other.forRealm(realm.id()).activeKid())
                    .as("before the commit")
                    .isEqualTo(first);
            return kid;
        });

        assertThat(other.forRealm(realm.id()).activeKid()).isEqualTo(second);
        assertThat(other.forRealm(realm.id()).verifier(second)).isPresent();
    }

    @Test
    @DisplayName("a node that missed a new key (it was not listening) reads the realm's keys again after 5 minutes")
    void aMissedNewKeyIsReadAgainAfterFiveMinutes() {
        RealmKeys maker = new RealmKeys(store, clock, new InProcessChangeFeed());
        RealmKeys deaf = new RealmKeys(store, clock, new InProcessChangeFeed());
        String first = givenRealmWithKey(maker);
        assertThat(deaf.forRealm(realm.id()).activeKid()).isEqualTo(first);

        String second = store.inTransaction(
                tx -> maker.rotate(tx, realm.id(), "ES256", KEEP_OLD).kid());
        clock.advance(RealmKeys.RELOAD_AFTER.minus(Duration.ofMillis(1)));
        assertThat(deaf.forRealm(realm.id()).activeKid()).as("within 5 minutes").isEqualTo(first);
        clock.advance(Duration.ofMillis(1));

        assertThat(deaf.forRealm(realm.id()).activeKid()).isEqualTo(second);
    }

    @Test
    @DisplayName("RFC 8037: an EdDSA key is an Ed25519 key pair; its signer signs and its verifier verifies, the"
            + " published JWK holds no private part")
    void edDsaKeysSignAndVerify() throws Exception {
        RealmKeys keys = new RealmKeys(store, clock, new InProcessChangeFeed());
        store.realms().create(realm);
        String kid = store.inTransaction(
                tx -> keys.rotate(tx, realm.id(), "EdDSA", KEEP_OLD).kid());

        RealmKeys.KeySet set = keys.forRealm(realm.id());
        assertThat(set.algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        OctetKeyPair published = (OctetKeyPair) set.publicJwks().getKeyByKeyId(kid);
        assertThat(published.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(published.isPrivate()).isFalse();
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(set.algorithm()).keyID(kid).build(), new Payload("{\"sub\":\"alice\"}"));
        jws.sign(set.signer());

        assertThat(JWSObject.parse(jws.serialize()).verify(set.verifier(kid).orElseThrow()))
                .isTrue();
    }

    private String givenRealmWithKey(RealmKeys keys) {
        store.realms().create(realm);
        return store.inTransaction(
                tx -> keys.rotate(tx, realm.id(), "RS256", KEEP_OLD).kid());
    }

    private void listen(InProcessChangeFeed feed, RealmKeys keys) {
        feed.listen(new ChangeApplier(keys, new RevocationState(), new PollWaiters(), () -> {}, store, clock));
    }
}
