package dev.curfew.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curfew.server.testing.TestCurfew;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Connections are accepted and read on platform threads: on virtual threads they would wait in the scheduler behind
 * every runnable request under saturation, and clients would time out before they are even refused.
 */
@DisplayName("Jetty's acceptor and selectors run on platform threads")
class HttpThreadsTest {
    @Test
    @DisplayName("the acceptor and a selector are platform threads of the curfew-http pool")
    void acceptorAndSelectorsArePlatformThreads() {
        try (TestCurfew curfew = TestCurfew.start()) {
            // Thread.getAllStackTraces lists platform threads only.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(runsOnPlatformThread("ServerConnector", "accept"))
                            .as("Jetty's acceptor runs on a platform thread named curfew-http")
                            .isTrue());
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(runsOnPlatformThread("ManagedSelector", "nioSelect"))
                            .as("a Jetty selector runs on a platform thread named curfew-http")
                            .isTrue());
        }
    }

    private static boolean runsOnPlatformThread(String type, String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("curfew-http"))
                .anyMatch(e -> Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().endsWith(type)
                                && f.getMethodName().equals(method)));
    }
}
