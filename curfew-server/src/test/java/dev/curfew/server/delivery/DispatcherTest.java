package dev.curfew.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.delivery.Delivery;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.delivery.DeliverySettings;
import dev.curfew.engine.delivery.Dispatcher;
import dev.curfew.engine.outbound.HostResolver;
import dev.curfew.engine.outbound.OutboundAllowList;
import dev.curfew.engine.outbound.OutboundPolicy;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.Receiver;
import dev.curfew.store.Database;
import dev.curfew.store.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox dispatcher against a real HTTP receiver on 127.0.0.1, on a real (in-memory H2) store, with
 * time driven by hand: each {@code runOnce} is one delivery round at the clock's current time.
 */
class DispatcherTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String KIND = "test";
    /** Full jitter draws the largest wait, so the backoff schedule is exact: 1 s, 2 s, 4 s, ... */
    private static final RandomGenerator LONGEST_WAIT = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private Database database;
    private Store store;
    private Realm realm;
    private MutableClock clock;
    private Receiver receiver;
    private SimpleMeterRegistry meters;
    private final List<Dispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = Database.open(DatabaseConfig.h2InMemory("dispatcher-" + Secrets.newId()));
        store = database.store();
        realm = new Realm(Secrets.newId(), "acme", "Acme", true, RealmSettings.DEFAULTS, Optional.empty(), T0);
        store.realms().create(realm);
        clock = new MutableClock(T0);
        receiver = Receiver.start();
        meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void tearDown() {
        dispatchers.forEach(Dispatcher::close);
        receiver.close();
        database.close();
    }

    /** The receiver listens on 127.0.0.1, which the outbound policy allows only when told to. */
    private static final OutboundPolicy LOOPBACK_ALLOWED =
            new OutboundPolicy(OutboundAllowList.parse("127.0.0.1/32"), HostResolver.SYSTEM);

    private Dispatcher dispatcher(DeliverySettings settings) {
        return dispatcher(settings, LOOPBACK_ALLOWED);
    }

    private Dispatcher dispatcher(DeliverySettings settings, OutboundPolicy policy) {
        Dispatcher d = new Dispatcher(
                store,
                settings,
                Map.of(KIND, Delivery::payload),
                clock,
                LONGEST_WAIT,
                meters,
                policy,
                OutboundHttp::new);
        dispatchers.add(d);
        return d;
    }

    private Dispatcher dispatcher() {
        return dispatcher(DeliverySettings.DEFAULTS);
    }

    private void enqueue(String id, String path) {
        store.outbox()
                .enqueue(List.of(Delivery.queued(
                        id,
                        realm.id(),
                        KIND,
                        receiver.url(path),
                        "payload=" + id,
                        "application/x-www-form-urlencoded",
                        Optional.empty(),
                        "client-1",
                        clock.instant())));
    }

    private Delivery row(String id) {
        return store.outbox().find(realm.id(), id).orElseThrow();
    }

    @Test
    @DisplayName("2xx: delivered once, with the stored body and content type")
    void successfulAnswerEndsTheDelivery() {
        enqueue("a", "/rp");

        assertThat(dispatcher().runOnce()).isEqualTo(1);

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("payload=a");
            assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
        });
        assertThat(row("a").status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(row("a").attempts()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher().runOnce()).isZero();
        assertThat(receiver.received()).hasSize(1);
        assertThat(meters.counter("curfew.delivery.delivered", "kind", KIND).count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("5xx: retried with exponential backoff until a 2xx")
    void serverErrorsAreRetriedWithBackoff() {
        receiver.answer(503, 503, 500);
        enqueue("a", "/rp");
        Dispatcher dispatcher = dispatcher();

        dispatcher.runOnce();
        assertThat(row("a").nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(row("a").lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("HTTP 503"));

        clock.advance(Duration.ofMillis(999));
        assertThat(dispatcher.runOnce()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofMillis(1));
        dispatcher.runOnce();
        assertThat(row("a").nextAttemptAt()).isEqualTo(T0.plusSeconds(1 + 2));
        clock.advance(Duration.ofSeconds(2));
        dispatcher.runOnce();
        assertThat(row("a").nextAttemptAt()).isEqualTo(T0.plusSeconds(1 + 2 + 4));
        clock.advance(Duration.ofSeconds(4));
        dispatcher.runOnce();

        assertThat(receiver.received()).hasSize(4);
        assertThat(row("a").status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(row("a").attempts()).isEqualTo(4);
        assertThat(meters.counter("curfew.delivery.failed", "kind", KIND).count())
                .isEqualTo(3);
    }

    @Test
    @DisplayName("408 and 429 are retried; other 4xx answers make the notification dead at once")
    void clientErrorsAreFinalExceptTimeoutAndTooManyRequests() {
        // Per path: "a" and "b" are delivered concurrently in the last round, so a shared queue of answers races.
        receiver.answerAt("/retried", 408, 429, 400);
        enqueue("a", "/retried");
        Dispatcher dispatcher = dispatcher();
        dispatcher.runOnce();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.runOnce();
        assertThat(row("a").status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(row("a").attempts()).isEqualTo(2);

        enqueue("b", "/refused");
        clock.advance(Duration.ofSeconds(2));
        dispatcher.runOnce();

        assertThat(row("a").status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(row("a").lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("HTTP 400"));
        assertThat(row("b").status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(store.outbox()
                        .list(realm.id(), Delivery.Status.DEAD, Optional.empty(), dev.curfew.core.session.Page.DEFAULT))
                .extracting(Delivery::id)
                .containsExactly("a");
    }

    @Test
    @DisplayName("connection refused is retried like a 5xx")
    void connectionErrorsAreRetried() {
        store.outbox()
                .enqueue(List.of(Delivery.queued(
                        "a",
                        realm.id(),
                        KIND,
                        "http://127.0.0.1:1/nobody-listens",
                        "x",
                        "text/plain",
                        Optional.empty(),
                        "client-1",
                        T0)));

        dispatcher().runOnce();

        assertThat(row("a").status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(row("a").attempts()).isEqualTo(1);
        assertThat(row("a").lastError()).contains("connection refused");
    }

    @Test
    @DisplayName("a notification not delivered within the maximum age is dead; an administrator's retry revives it")
    void maximumAgeEndsRetriesInTheDeadLetterList() {
        DeliverySettings settings = DeliverySettings.DEFAULTS.withMaxAge(Duration.ofSeconds(10));
        receiver.answer(503, 503, 503, 503);
        enqueue("a", "/rp");
        Dispatcher dispatcher = dispatcher(settings);

        for (int round = 0; round < 10 && row("a").status() == Delivery.Status.QUEUED; round++) {
            dispatcher.runOnce();
            clock.set(row("a").nextAttemptAt());
        }

        assertThat(row("a").status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(row("a").lastError())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("not delivered within").contains("HTTP 503"));
        // Attempts at 0, 1, 3 and 7 s; the next would come at 15 s, past the 10 s maximum age.
        assertThat(receiver.received()).hasSize(4);
        assertThat(meters.counter("curfew.delivery.dead", "kind", KIND).count()).isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        assertThat(store.outbox().retry(realm.id(), "a", clock.instant())).isTrue();
        dispatcher.runOnce();
        assertThat(row("a").status()).isEqualTo(Delivery.Status.DELIVERED);
    }

    @Test
    @DisplayName("a restart picks up what was queued, and what a crashed node had claimed once its claim expires")
    void restartDeliversWhatWasLeft() {
        enqueue("left", "/rp");
        enqueue("claimed", "/rp");
        // A node claimed "claimed" and died before any outcome was written.
        store.outbox().claimDue(T0, T0.plus(DeliverySettings.DEFAULTS.claimLease()), 1);
        assertThat(store.outbox().find(realm.id(), "left").orElseThrow().status())
                .isEqualTo(Delivery.Status.QUEUED);

        Dispatcher restarted = dispatcher();
        restarted.runOnce();
        assertThat(receiver.received()).extracting(Receiver.Received::body).containsExactly("payload=left");

        clock.advance(DeliverySettings.DEFAULTS.claimLease().plusMillis(1));
        restarted.runOnce();
        assertThat(receiver.received())
                .extracting(Receiver.Received::body)
                .containsExactly("payload=left", "payload=claimed");
        assertThat(row("claimed").status()).isEqualTo(Delivery.Status.DELIVERED);
    }

    @Test
    @DisplayName(
            "one destination receives in queue order; a failing head holds back the rest, other destinations go on")
    void perDestinationOrder() {
        for (int i = 0; i < 5; i++) {
            enqueue("a" + i, "/a");
            clock.advance(Duration.ofMillis(1));
        }
        enqueue("b0", "/b");
        receiver.answerAt("/a", 503);
        Dispatcher dispatcher = dispatcher();

        dispatcher.runOnce();
        List<String> firstRound =
                receiver.received().stream().map(Receiver.Received::body).toList();
        assertThat(firstRound).containsExactlyInAnyOrder("payload=a0", "payload=b0");
        for (int i = 1; i < 5; i++) {
            assertThat(row("a" + i).nextAttemptAt()).isEqualTo(row("a0").nextAttemptAt());
        }

        clock.set(row("a0").nextAttemptAt());
        dispatcher.runOnce();
        assertThat(receiver.receivedAt("/a"))
                .extracting(Receiver.Received::body)
                .containsExactly("payload=a0", "payload=a0", "payload=a1", "payload=a2", "payload=a3", "payload=a4");
    }

    @Test
    @DisplayName("jti is the idempotency key: queuing the same notification twice delivers it once")
    void duplicateJtiIsDeliveredOnce() {
        enqueue("same", "/rp");
        enqueue("same", "/rp");

        dispatcher().runOnce();
        clock.advance(Duration.ofMinutes(5));
        dispatcher().runOnce();

        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    @DisplayName("successes to one destination are written together: each row keeps its attempts, and a failure"
            + " writes those before it and holds those after it")
    void successesAreWrittenTogetherUpToAFailure() {
        int before = Dispatcher.DELIVERED_WRITE_BATCH + 10;
        int[] statuses = new int[before + 1];
        java.util.Arrays.fill(statuses, 200);
        statuses[before] = 503;
        receiver.answerAt("/rp", statuses);
        for (int i = 0; i < before + 5; i++) {
            enqueue(String.format("r%03d", i), "/rp");
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(dispatcher().runOnce()).isEqualTo(before + 5);

        assertThat(receiver.received()).hasSize(before + 1);
        for (int i = 0; i < before; i++) {
            Delivery row = row(String.format("r%03d", i));
            assertThat(row.status()).as(row.id()).isEqualTo(Delivery.Status.DELIVERED);
            assertThat(row.attempts()).as(row.id()).isEqualTo(1);
            assertThat(row.deliveredAt()).as(row.id()).contains(clock.instant());
        }
        Delivery failed = row(String.format("r%03d", before));
        assertThat(failed.status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("HTTP 503"));
        for (int i = before + 1; i < before + 5; i++) {
            Delivery waiting = row(String.format("r%03d", i));
            assertThat(waiting.status()).isEqualTo(Delivery.Status.QUEUED);
            assertThat(waiting.attempts()).isZero();
            assertThat(waiting.nextAttemptAt()).isEqualTo(failed.nextAttemptAt());
        }
        assertThat(meters.counter("curfew.delivery.delivered", "kind", KIND).count())
                .isEqualTo(before);
    }

    @Test
    @DisplayName("rounds are bounded by the batch size")
    void roundClaimsAtMostOneBatch() {
        DeliverySettings small = new DeliverySettings(
                Duration.ofHours(24),
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                3,
                2,
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1));
        for (int i = 0; i < 7; i++) {
            enqueue("r" + i, "/d" + (i % 4));
        }
        Dispatcher dispatcher = dispatcher(small);

        assertThat(dispatcher.runOnce()).isEqualTo(3);
        assertThat(dispatcher.runOnce()).isEqualTo(3);
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(receiver.received()).hasSize(7);
    }

    private void enqueueTo(String id, String url) {
        store.outbox()
                .enqueue(List.of(Delivery.queued(
                        id,
                        realm.id(),
                        KIND,
                        url,
                        "payload=" + id,
                        "application/x-www-form-urlencoded",
                        Optional.empty(),
                        "client-1",
                        clock.instant())));
    }

    /** A resolver that knows one name, {@code receiver.test} (RFC 6761: no real DNS answers for .test). */
    private static HostResolver resolving(String address, AtomicInteger lookups) {
        return host -> {
            lookups.incrementAndGet();
            if (!host.equals("receiver.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    @Test
    @DisplayName("SSRF through delivery URLs: a name resolving to a loopback address is refused when sent,"
            + " dead with a short reason, and nothing reaches the address")
    void ssrfThroughDeliveryUrlsNameResolvingToLoopbackIsRefused() {
        AtomicInteger lookups = new AtomicInteger();
        OutboundPolicy policy = new OutboundPolicy(OutboundAllowList.NONE, resolving("127.0.0.1", lookups));
        enqueueTo("a", "https://receiver.test:" + receiver.port() + "/rp");

        dispatcher(DeliverySettings.DEFAULTS, policy).runOnce();

        assertThat(lookups).hasValue(1);
        assertThat(row("a").status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(row("a").lastError()).contains("destination not allowed: loopback address");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    @DisplayName("SSRF through delivery URLs: the URL forms of loopback, metadata and private addresses are refused"
            + " when sent, also when stored before the policy existed")
    void ssrfThroughDeliveryUrlsLiteralAddressesAreRefused() {
        int port = receiver.port();
        enqueueTo("v4", "https://127.0.0.1:" + port + "/rp");
        enqueueTo("v6", "https://[::1]:" + port + "/rp");
        enqueueTo("mapped", "https://[::ffff:127.0.0.1]:" + port + "/rp");
        enqueueTo("octal", "https://0177.0.0.1:" + port + "/rp");
        enqueueTo("metadata", "https://169.254.169.254/latest/meta-data/");
        enqueueTo("http", "http://127.0.0.1:" + port + "/rp");

        dispatcher(DeliverySettings.DEFAULTS, new OutboundPolicy(OutboundAllowList.NONE, HostResolver.SYSTEM))
                .runOnce();

        for (String id : List.of("v4", "v6", "mapped", "octal")) {
            assertThat(row(id).lastError()).as(id).contains("destination not allowed: loopback address");
        }
        assertThat(row("metadata").lastError()).contains("destination not allowed: link-local address");
        assertThat(row("http").lastError())
                .contains("destination not allowed: plain http is allowed only to destinations in outbound-allow");
        assertThat(store.outbox().count(Delivery.Status.DEAD)).isEqualTo(6);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    @DisplayName("the connection goes to the address the policy checked (no second lookup), with the URL's host in"
            + " the Host header")
    void connectionIsPinnedToTheCheckedAddress() {
        AtomicInteger lookups = new AtomicInteger();
        // The name is allowed, so plain http may go to it; only the policy's resolver knows what it stands for.
        OutboundPolicy policy =
                new OutboundPolicy(OutboundAllowList.parse("receiver.test"), resolving("127.0.0.1", lookups));
        enqueueTo("a", "http://receiver.test:" + receiver.port() + "/rp");

        dispatcher(DeliverySettings.DEFAULTS, policy).runOnce();

        assertThat(row("a").status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.header("Host")).isEqualTo("receiver.test:" + receiver.port()));
        assertThat(lookups).hasValue(1);
    }

    @Test
    @DisplayName("SSRF through delivery URLs: the body of a failed answer never lands in lastError, only its status")
    void ssrfThroughDeliveryUrlsAnswerBodyIsNeverStored() {
        receiver.errorBody("{\"AccessKeyId\":\"ASIA-internal-secret\"}");
        receiver.answerAt("/retried", 500);
        receiver.answerAt("/refused", 403);
        enqueue("a", "/retried");
        enqueue("b", "/refused");

        dispatcher().runOnce();

        assertThat(row("a").lastError()).contains("HTTP 500");
        assertThat(row("b").lastError()).contains("HTTP 403");
        assertThat(row("b").status()).isEqualTo(Delivery.Status.DEAD);
    }

    @Test
    @DisplayName("redirects are not followed: a 3xx is an unsuccessful answer, retried")
    void redirectsAreNotFollowed() {
        receiver.answerAt("/moved", 307);
        enqueue("a", "/moved");

        dispatcher().runOnce();

        assertThat(receiver.received()).hasSize(1);
        assertThat(row("a").status()).isEqualTo(Delivery.Status.QUEUED);
        assertThat(row("a").lastError()).contains("HTTP 307");
    }
}
