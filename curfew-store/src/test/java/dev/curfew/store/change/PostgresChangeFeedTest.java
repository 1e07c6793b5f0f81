package dev.curfew.store.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curfew.core.change.Change;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import dev.curfew.store.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two nodes on one real PostgreSQL hear each other's changes through {@code LISTEN/NOTIFY}. */
class PostgresChangeFeedTest {
    private final DatabaseConfig config = PostgresTestDatabase.create();
    private final Database one = Database.open(config);
    private final Database two = Database.open(config);
    private final List<Change> heardByOne = new CopyOnWriteArrayList<>();
    private final List<Change> heardByTwo = new CopyOnWriteArrayList<>();

    {
        one.changes().listen(heardByOne::add);
        two.changes().listen(heardByTwo::add);
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    @Test
    @DisplayName("a change published in a transaction reaches the other node once the transaction commits, and the"
            + " publishing node's own listeners once, without its echo")
    void aCommittedChangeReachesBothNodesOnce() {
        awaitListening();
        Change change = new Change.RealmChanged("realm-1");

        one.store().inTransaction(tx -> {
            one.changes().publish(tx, change);
            assertThat(heardByOne).as("this node, before the commit").isEmpty();
            return null;
        });

        await("the other node hears it").until(() -> heardByTwo.contains(change));
        // Notifications arrive in commit order: once a later one is heard, an echo of the first would have been too.
        Change later = new Change.StreamQueued("stream-1");
        two.changes().publish(two.store(), later);
        await("this node hears the other node's later change").until(() -> heardByOne.contains(later));
        assertThat(heardByOne).containsExactly(change, later);
        assertThat(heardByTwo).containsExactly(change, later);
    }

    @Test
    @DisplayName("a change published in a transaction that rolls back reaches no node")
    void aRolledBackChangeReachesNoOne() {
        awaitListening();
        Change rolledBack = new Change.RealmChanged("rolled-back");

        assertThatThrownBy(() -> one.store().inTransaction(tx -> {
                    one.changes().publish(tx, rolledBack);
                    throw new IllegalStateException("the rest of the transaction failed");
                }))
                .hasMessage("the rest of the transaction failed");
        Change committed = new Change.RealmChanged("committed");
        one.store().inTransaction(tx -> {
            one.changes().publish(tx, committed);
            return null;
        });

        await("the committed change arrives").until(() -> heardByTwo.contains(committed));
        assertThat(heardByTwo).containsExactly(committed);
        assertThat(heardByOne).containsExactly(committed);
    }

    @Test
    @DisplayName("a thousand revoked sessions, more than one notification holds, arrive complete on the other node")
    void manyRevokedSessionsArriveComplete() {
        awaitListening();
        List<String> ids =
                IntStream.range(0, 1_000).mapToObj(i -> "session-" + i).toList();
        Instant until = Instant.parse("2026-03-01T10:05:00Z");

        one.store().inTransaction(tx -> {
            one.changes().publish(tx, new Change.SessionsRevoked(ids, until));
            return null;
        });

        await("every id arrives").until(() -> revokedHeardByTwo().size() == ids.size());
        assertThat(revokedHeardByTwo()).containsExactlyElementsOf(ids);
        assertThat(heardByTwo)
                .allSatisfy(
                        c -> assertThat(((Change.SessionsRevoked) c).until()).isEqualTo(until));
    }

    @Test
    @DisplayName("a node whose listening connection is cut listens again, hears that everything may have changed,"
            + " and then hears the other node again")
    void aLostListeningConnectionIsReplacedAndEverythingCounts() throws SQLException {
        awaitListening();

        assertThat(terminateListeners()).as("listening connections cut").isEqualTo(2);

        await("both nodes are told everything may have changed")
                .until(() ->
                        heardByOne.contains(new Change.Everything()) && heardByTwo.contains(new Change.Everything()));
        awaitListening();
        Change after = new Change.OutboxQueued();
        one.changes().publish(one.store(), after);
        await("the other node hears a change made after the reconnection").until(() -> heardByTwo.contains(after));
    }

    @Test
    @DisplayName("a node listens before Database.open returns, is deaf from the moment its listening connection is"
            + " lost, still while it reloads, and hears again only once it has")
    void deafFromTheLossUntilItHasReloaded() throws SQLException {
        assertThat(one.changes().isListening()).as("listening once opened").isTrue();
        assertThat(one.changes().deafSince()).isEmpty();
        List<Boolean> deafWhileReloading = new CopyOnWriteArrayList<>();
        one.changes().listen(change -> {
            if (change instanceof Change.Everything) {
                deafWhileReloading.add(one.changes().deafSince().isPresent());
            }
        });
        Instant beforeTheLoss = Instant.now();

        terminateListeners();

        await("node one hears that everything may have changed").until(() -> !deafWhileReloading.isEmpty());
        assertThat(deafWhileReloading).containsOnly(true);
        awaitListening();
        assertThat(one.changes().deafSince()).isEmpty();
        assertThat(beforeTheLoss).isBefore(Instant.now());
    }

    @Test
    @DisplayName("the listening connection is a connection of its own, outside the pool, named in pg_stat_activity")
    void listensOnAConnectionOutsideThePool() throws SQLException {
        awaitListening();

        assertThat(listeningConnections()).isEqualTo(2);
    }

    private List<String> revokedHeardByTwo() {
        return heardByTwo.stream()
                .map(c -> ((Change.SessionsRevoked) c).sessionIds())
                .flatMap(List::stream)
                .toList();
    }

    private void awaitListening() {
        await("both nodes listen")
                .until(() -> one.changes().isListening() && two.changes().isListening());
    }

    private int terminateListeners() throws SQLException {
        return count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = ?");
    }

    private int listeningConnections() throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = ?");
    }

    private int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.username(), config.password());
                PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, PostgresChangeFeed.APPLICATION_NAME);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .pollDelay(Duration.ZERO);
    }
}
