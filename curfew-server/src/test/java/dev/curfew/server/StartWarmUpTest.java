package dev.curfew.server;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The start's warm-up")
class StartWarmUpTest {
    @Test
    @DisplayName("runs every step to the end (a failure would only be logged at debug level, so it is checked here)")
    void runsToTheEnd() {
        assertThatCode(StartWarmUp::warm).doesNotThrowAnyException();
    }
}
