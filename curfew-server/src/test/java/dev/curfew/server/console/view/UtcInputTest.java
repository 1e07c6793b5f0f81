package dev.curfew.server.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Times typed into the console's filters are read as UTC, in the form its tables show them")
class UtcInputTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-04 06:00",
                "2026-12-04T06:00",
                "2026-12-04 06:00:00",
                "2026-12-04 06:00:00 UTC",
                "2026-12-04T06:00:00Z",
                "  2026-12-04 06:00  "
            })
    @DisplayName("the table's form, with or without seconds, T or zone, is the same instant")
    void readsTheTablesForm(String typed) {
        assertThat(UtcInput.parse(typed)).contains(Instant.parse("2026-12-04T06:00:00Z"));
        assertThat(UtcInput.problem(typed)).isEmpty();
        assertThat(UtcInput.api(typed)).isEqualTo("2026-12-04T06:00:00Z");
    }

    @Test
    @DisplayName("a date alone is the start of that day, UTC; seconds with a fraction are kept")
    void dateAloneAndFractions() {
        assertThat(UtcInput.parse("2026-12-04")).contains(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(UtcInput.parse("2026-12-04 06:00:30.250")).contains(Instant.parse("2026-12-04T06:00:30.250Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "04/12/2026 06:00", "2026-13-01 06:00", "2026-12-04 25:00", "2026-12-04 6:00"})
    @DisplayName("anything else is a problem that shows the expected form; nothing is guessed")
    void refusesOtherForms(String typed) {
        assertThat(UtcInput.parse(typed)).isEmpty();
        assertThat(UtcInput.problem(typed))
                .hasValueSatisfying(p -> assertThat(p).contains("YYYY-MM-DD HH:MM", "UTC"));
    }

    @Test
    @DisplayName("blank is no condition, and no problem")
    void blank() {
        assertThat(UtcInput.parse(" ")).isEmpty();
        assertThat(UtcInput.problem("")).isEmpty();
        assertThat(UtcInput.api("")).isEmpty();
    }

    @Test
    @DisplayName("shown as the tables show times")
    void shown() {
        assertThat(UtcInput.shown("2026-12-04T06:00")).isEqualTo("2026-12-04 06:00:00 UTC");
    }
}
