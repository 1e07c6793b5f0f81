package dev.curfew.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.change.Change;
import dev.curfew.core.client.Client;
import dev.curfew.core.group.Group;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.testing.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The realms, clients and users every request reads come from memory, and memory is never behind a committed write:
 * this node's, or another node's on the same PostgreSQL.
 */
class CachingStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Database h2 = Database.open(DatabaseConfig.h2InMemory("caching-" + UUID.randomUUID()));
    private final Store store = h2.store();

    @AfterEach
    void close() {
        h2.close();
    }

    @Test
    @DisplayName("a user read once is served from memory: a row changed behind the store's back is not read again,"
            + " while a transaction reads the row")
    void readsComeFromMemory() {
        Realm realm = realm(store, "acme");
        User alice = user(store, realm, "alice");
        assertThat(store.users().findById(realm.id(), alice.id())).contains(alice);

        ((CachingStore) store).jdbc().users().update(alice.withEnabled(false));

        assertThat(store.users().findById(realm.id(), alice.id())).contains(alice);
        Optional<User> inTransaction = store.inTransaction(tx -> tx.users().findById(realm.id(), alice.id()));
        assertThat(inTransaction)
                .hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
    }

    @Test
    @DisplayName("every write of a realm, client or user through the store is seen by the next read")
    void writesAreSeenAtOnce() {
        Realm realm = realm(store, "acme");
        User alice = user(store, realm, "alice");
        Client app = client(store, realm, "app");
        store.realms().findByName("acme");
        store.users().findById(realm.id(), alice.id());
        store.clients().findByClientId(realm.id(), "app");

        store.users().update(alice.withEnabled(false));
        store.inTransaction(
                tx -> tx.clients().update(app.toBuilder().enabled(false).build()));
        Instant cutOff = T0.plusSeconds(60);
        store.realms().setNotBefore(realm.id(), cutOff);

        assertThat(store.users().findById(realm.id(), alice.id()))
                .hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
        assertThat(store.clients().findByClientId(realm.id(), "app"))
                .hasValueSatisfying(c -> assertThat(c.enabled()).isFalse());
        assertThat(store.realms().findByName("acme"))
                .hasValueSatisfying(r -> assertThat(r.notBefore()).contains(cutOff));

        store.users().delete(realm.id(), alice.id());
        assertThat(store.users().findById(realm.id(), alice.id())).isEmpty();
    }

    @Test
    @DisplayName("a write in a transaction that rolls back leaves memory as it was, and so does the database")
    void rolledBackWriteChangesNothing() {
        Realm realm = realm(store, "acme");
        User alice = user(store, realm, "alice");
        store.users().findById(realm.id(), alice.id());

        try {
            store.inTransaction(tx -> {
                tx.users().update(alice.withEnabled(false));
                throw new IllegalStateException("the rest failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(store.users().findById(realm.id(), alice.id())).contains(alice);
        Optional<User> inTransaction = store.inTransaction(tx -> tx.users().findById(realm.id(), alice.id()));
        assertThat(inTransaction).contains(alice);
    }

    @Test
    @DisplayName("a read that raced a committed change is not served afterwards, even though it finished after the"
            + " change was heard")
    void aReadThatRacedAChangeIsNotServed() {
        Entities entities = new Entities();
        AtomicInteger loads = new AtomicInteger();

        // The row is read (old value), then the change commits and is heard, then the read stores its result.
        Optional<String> first = entities.get(Entities.Kind.USER, "realm-1", "user-1", () -> {
            loads.incrementAndGet();
            entities.accept(new Change.UserChanged("realm-1", "user-1"));
            return Optional.of("old");
        });
        Optional<String> second = entities.get(Entities.Kind.USER, "realm-1", "user-1", () -> {
            loads.incrementAndGet();
            return Optional.of("new");
        });

        assertThat(first).contains("old");
        assertThat(second).contains("new");
        assertThat(loads).hasValue(2);
    }

    @Test
    @DisplayName("after notifications were missed, nothing held before is served")
    void everythingDropsAll() {
        Entities entities = new Entities();
        entities.get(Entities.Kind.CLIENT, "realm-1", "c", () -> Optional.of("old"));
        entities.get(Entities.Kind.REALM, "", "name:acme", () -> Optional.of("old"));

        entities.accept(new Change.Everything());

        assertThat(entities.get(Entities.Kind.CLIENT, "realm-1", "c", () -> Optional.of("new")))
                .contains("new");
        assertThat(entities.get(Entities.Kind.REALM, "", "name:acme", () -> Optional.of("new")))
                .contains("new");
    }

    @Test
    @DisplayName("an absent user is not remembered: one created afterwards is found")
    void absenceIsNotRemembered() {
        Realm realm = realm(store, "acme");
        assertThat(store.users().findById(realm.id(), "not-yet")).isEmpty();

        User bob = new User(
                "not-yet",
                realm.id(),
                "bob",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                T0);
        ((CachingStore) store).jdbc().users().create(bob);

        assertThat(store.users().findById(realm.id(), "not-yet")).contains(bob);
    }

    @Test
    @DisplayName("two nodes on one PostgreSQL: a user disabled and a client changed on one node are seen by the other,"
            + " which had both in memory")
    void anotherNodesWriteReachesThisNodesMemory() {
        onTwoNodes((one, two) -> {
            Realm realm = realm(one.store(), "acme");
            User alice = user(one.store(), realm, "alice");
            Client app = client(one.store(), realm, "app");
            assertThat(two.store().users().findById(realm.id(), alice.id())).contains(alice);
            assertThat(two.store().clients().findByClientId(realm.id(), "app")).contains(app);

            one.store().users().update(alice.withEnabled(false));
            one.store().clients().update(app.toBuilder().enabled(false).build());

            Awaitility.await("node two sees the writes of node one")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> {
                        assertThat(two.store().users().findById(realm.id(), alice.id()))
                                .hasValueSatisfying(u -> assertThat(u.enabled()).isFalse());
                        assertThat(two.store().clients().findByClientId(realm.id(), "app"))
                                .hasValueSatisfying(c -> assertThat(c.enabled()).isFalse());
                    });
        });
    }

    @Test
    @DisplayName("while no group's lifetimes are in force, a token asks the database nothing about them; lifetimes set"
            + " or cleared through the store apply at the next token")
    void groupLifetimesInForceAreKnownWithoutAQuery() {
        Realm realm = realm(store, "acme");
        User alice = user(store, realm, "alice");
        Group risky = group(store, realm, "risky", alice);
        Instant now = Instant.now();
        assertThat(store.groups().lifetimesOf(alice.id(), now)).isEmpty();

        GroupLifetimes shorter = new GroupLifetimes(
                risky.id(), Duration.ofMinutes(1), Duration.ofMinutes(5), now.plus(Duration.ofHours(1)), now);
        ((CachingStore) store).jdbc().groups().setLifetimes(shorter);
        assertThat(store.groups().lifetimesOf(alice.id(), now))
                .as("memory says none is in force: the row written behind the store's back is not read")
                .isEmpty();

        store.groups().setLifetimes(shorter);
        assertThat(store.groups().lifetimesOf(alice.id(), now))
                .contains(new GroupLifetimes.ForMember(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertThat(store.groups().lifetimesOf(alice.id(), now.plus(Duration.ofHours(2))))
                .as("ended")
                .isEmpty();

        store.inTransaction(tx -> tx.groups().clearLifetimes(risky.id()));
        assertThat(store.groups().lifetimesOf(alice.id(), now)).isEmpty();
        assertThat(store.groups().lastLifetimeEnd()).isEmpty();
    }

    @Test
    @DisplayName(
            "two nodes on one PostgreSQL: group lifetimes set on one node apply on the other, which remembered that"
                    + " none was in force")
    void anotherNodesGroupLifetimesReachThisNode() {
        onTwoNodes((one, two) -> {
            Realm realm = realm(one.store(), "acme");
            User alice = user(one.store(), realm, "alice");
            Group risky = group(one.store(), realm, "risky", alice);
            Instant now = Instant.now();
            assertThat(two.store().groups().lifetimesOf(alice.id(), now)).isEmpty();

            one.store()
                    .groups()
                    .setLifetimes(new GroupLifetimes(
                            risky.id(),
                            Duration.ofMinutes(1),
                            Duration.ofMinutes(5),
                            now.plus(Duration.ofHours(1)),
                            now));

            Awaitility.await("node two applies the lifetimes node one set")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(two.store().groups().lifetimesOf(alice.id(), now))
                            .contains(new GroupLifetimes.ForMember(Duration.ofMinutes(1), Duration.ofMinutes(5))));
        });
    }

    /** Two nodes on one fresh PostgreSQL, both listening to the change feed, given to {@code test}. */
    private static void onTwoNodes(BiConsumer<Database, Database> test) {
        DatabaseConfig config = PostgresTestDatabase.create();
        try (Database one = Database.open(config);
                Database two = Database.open(config)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> one.changes().isListening() && two.changes().isListening());
            test.accept(one, two);
        }
    }

    private static Group group(Store store, Realm realm, String name, User member) {
        Group group = new Group(Secrets.newId(), realm.id(), name, T0);
        store.groups().create(group);
        store.groups().addMember(group.id(), member.id());
        return group;
    }

    private static Realm realm(Store store, String name) {
        Realm realm = new Realm(Secrets.newId(), name, name, true, RealmSettings.DEFAULTS, Optional.empty(), T0);
        store.realms().create(realm);
        return realm;
    }

    private static User user(Store store, Realm realm, String username) {
        User user = new User(
                Secrets.newId(),
                realm.id(),
                username,
                Optional.of(username + "@example.com"),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                T0);
        store.users().create(user);
        return user;
    }

    private static Client client(Store store, Realm realm, String clientId) {
        Client client = Client.create(Secrets.newId(), realm.id(), clientId, true, Optional.empty(), T0);
        store.clients().create(client);
        return client;
    }
}
