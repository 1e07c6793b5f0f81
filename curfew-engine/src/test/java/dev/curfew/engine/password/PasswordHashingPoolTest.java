package dev.curfew.engine.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.curfew.engine.testing.HeldHasher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The password-hashing pool: bounded threads, a bounded FIFO queue, refusal past it")
class PasswordHashingPoolTest {
    private final HeldHasher held = new HeldHasher();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final String hash = held.hash("the password".toCharArray());

    @AfterEach
    void stop() {
        held.release();
        callers.shutdownNow();
    }

    private double queued() {
        return meters.get("curfew.password.hash.queued").gauge().value();
    }

    @Test
    @DisplayName("regression: a hash runs on the pool's platform threads, never on the request's virtual thread,"
            + " whose carrier it would hold for its whole CPU time")
    void hashesNeverRunOnTheCallersVirtualThread() throws Exception {
        try (PasswordHashingPool pool = new PasswordHashingPool(held, new HashingSettings(2, 4), meters)) {
            boolean matches = callers.submit(() -> pool.verify("the password".toCharArray(), hash))
                    .get(30, TimeUnit.SECONDS);

            assertThat(matches).isTrue();
            assertThat(held.started()).singleElement().satisfies(v -> {
                assertThat(v.virtualThread()).isFalse();
                assertThat(v.threadName()).startsWith("curfew-password-hash-");
            });
            assertThat(meters.get("curfew.password.hashes")
                            .tag("operation", "verify")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("with every thread busy and the queue full, a hash is refused at once and counted")
    void pastTheQueueAHashIsRefused() throws Exception {
        try (PasswordHashingPool pool = new PasswordHashingPool(held, new HashingSettings(1, 1), meters)) {
            held.hold();
            Future<Boolean> running = callers.submit(() -> pool.verify("the password".toCharArray(), hash));
            await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() == 1);
            Future<Boolean> waiting = callers.submit(() -> pool.verify("the password".toCharArray(), hash));
            await().atMost(30, TimeUnit.SECONDS).until(() -> queued() == 1);

            assertThatThrownBy(() -> pool.verify("the password".toCharArray(), hash))
                    .isInstanceOf(PasswordHashingBusy.class);
            assertThatThrownBy(pool::refuseWhenFull).isInstanceOf(PasswordHashingBusy.class);
            assertThat(meters.get("curfew.password.hash.rejected").counter().count())
                    .isEqualTo(2);

            held.release();
            assertThat(running.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("while the queue has room, a caller about to check a password is not refused")
    void roomInTheQueueIsNotRefused() throws Exception {
        try (PasswordHashingPool pool = new PasswordHashingPool(held, new HashingSettings(1, 1), meters)) {
            held.hold();
            Future<Boolean> running = callers.submit(() -> pool.verify("the password".toCharArray(), hash));
            await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() == 1);

            pool.refuseWhenFull();

            held.release();
            assertThat(running.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(meters.get("curfew.password.hash.rejected").counter().count())
                    .isZero();
        }
    }

    @Test
    @DisplayName("waiting hashes run in the order they arrived")
    void waitingHashesRunFirstInFirstOut() throws Exception {
        try (PasswordHashingPool pool = new PasswordHashingPool(held, new HashingSettings(1, 10), meters)) {
            held.hold();
            List<Future<Boolean>> results = new ArrayList<>();
            results.add(callers.submit(() -> pool.verify("first".toCharArray(), hash)));
            await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() == 1);
            for (int i = 0; i < 5; i++) {
                String password = "queued-" + i;
                results.add(callers.submit(() -> pool.verify(password.toCharArray(), hash)));
                int expected = i + 1;
                await().atMost(30, TimeUnit.SECONDS).until(() -> queued() == expected);
            }

            held.release();
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isFalse();
            }
            assertThat(held.started())
                    .extracting(HeldHasher.Verification::password)
                    .containsExactly("first", "queued-0", "queued-1", "queued-2", "queued-3", "queued-4");
        }
    }
}
