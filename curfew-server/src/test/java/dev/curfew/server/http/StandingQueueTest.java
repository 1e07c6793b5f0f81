package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A burst is served; a queue in which every request waits longer than the target for a whole interval is not. */
@DisplayName("Standing queue: refused only once every wait for an interval was longer than the target")
class StandingQueueTest {
    private static final long MS = 1_000_000L;
    private static final Duration TARGET = Duration.ofMillis(10);
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final StandingQueue cores = new StandingQueue(TARGET, INTERVAL, 0);

    @Test
    @DisplayName("waits within the target are never refused, however long it lasts")
    void shortWaitsAreServed() {
        for (long t = 0; t <= 2_000 * MS; t += 5 * MS) {
            assertThat(cores.refuses(t, 10 * MS, 0)).as("at %d ms", t / MS).isFalse();
        }
    }

    @Test
    @DisplayName("long waits are served during the first interval (a burst), refused after it")
    void longWaitsAreRefusedOnceTheyHaveLastedAnInterval() {
        assertThat(cores.refuses(50 * MS, 400 * MS, 0)).isFalse();
        assertThat(cores.refuses(100 * MS, 400 * MS, 0)).isFalse();
        assertThat(cores.refuses(101 * MS, 11 * MS, 0)).isTrue();
        assertThat(cores.refuses(500 * MS, 900 * MS, 0)).isTrue();
    }

    @Test
    @DisplayName("long waits are served again for an interval after a request found no one waiting (an idle server)")
    void anEmptyQueueStartsANewInterval() {
        assertThat(cores.refuses(200 * MS, 50 * MS, 0)).isTrue();

        assertThat(cores.refuses(5_000 * MS, 50 * MS, 4_950 * MS))
                .as("waiting since 50 ms")
                .isFalse();
        assertThat(cores.refuses(5_051 * MS, 50 * MS, 4_950 * MS))
                .as("waiting since 101 ms")
                .isTrue();
    }

    @Test
    @DisplayName("while refusing, a request that waited within the target is served and starts a new interval")
    void oneShortWaitEndsTheRefusals() {
        assertThat(cores.refuses(200 * MS, 50 * MS, 0)).isTrue();

        assertThat(cores.refuses(210 * MS, 2 * MS, 0)).isFalse();

        assertThat(cores.refuses(250 * MS, 50 * MS, 0))
                .as("within an interval of the short wait")
                .isFalse();
        assertThat(cores.refuses(311 * MS, 50 * MS, 0))
                .as("an interval after it")
                .isTrue();
    }
}
