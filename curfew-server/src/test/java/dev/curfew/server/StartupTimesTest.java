package dev.curfew.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.server.testing.TestCurfew;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Start-up times: each phase of a start is recorded, in order, for the log line operators read")
class StartupTimesTest {
    @Test
    @DisplayName("phases are listed in the order they ran, a phase run twice counts once with both durations")
    void phasesInOrder() {
        StartupTimes times = new StartupTimes();
        times.time("database", () -> {});
        String result = times.time("HTTP", () -> "served");
        times.time("database", () -> {});

        assertThat(result).isEqualTo("served");
        assertThat(times.toString()).matches("database \\d+ ms, HTTP \\d+ ms");
        assertThat(times.totalMillis())
                .isEqualTo(times.millis().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
    }

    @Test
    @DisplayName("a started server reports every phase of its start, from the checks to the delivery's start")
    void serverReportsItsPhases() {
        try (TestCurfew curfew = TestCurfew.start()) {
            assertThat(curfew.server().startupTimes().toString())
                    .startsWith("checks ")
                    .contains(", database ", ", services ", ", bootstrap ", ", housekeeping and metrics ", ", HTTP ")
                    .endsWith(" ms");
            assertThat(curfew.server().startupTimes().millis())
                    .containsOnlyKeys(
                            "checks",
                            "database",
                            "services",
                            "bootstrap",
                            "housekeeping and metrics",
                            "HTTP",
                            "consoles and delivery");
        }
    }
}
