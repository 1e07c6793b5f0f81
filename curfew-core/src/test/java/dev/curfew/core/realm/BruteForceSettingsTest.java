package dev.curfew.core.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Brute-force settings are validated once, naming Keycloak's realm fields")
class BruteForceSettingsTest {
    private static final BruteForceSettings D = BruteForceSettings.DEFAULTS;

    @Test
    @DisplayName("the defaults: on, 10 failures, 1 minute doubling to 15 minutes, 12 h reset, quick check 1 s / 60 s")
    void defaults() {
        assertThat(D.enabled()).isTrue();
        assertThat(D.permanentLockout()).isFalse();
        assertThat(D.failureFactor()).isEqualTo(10);
        assertThat(D.waitIncrement()).isEqualTo(Duration.ofMinutes(1));
        assertThat(D.maxFailureWait()).isEqualTo(Duration.ofMinutes(15));
        assertThat(D.maxDeltaTime()).isEqualTo(Duration.ofHours(12));
        assertThat(D.quickLoginCheck()).isEqualTo(Duration.ofSeconds(1));
        assertThat(D.minimumQuickLoginWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RealmSettings.DEFAULTS.bruteForce()).isEqualTo(D);
    }

    @Test
    @DisplayName("every out-of-range value is reported at once, each message starting with its field")
    void outOfRangeValuesNameTheirFields() {
        assertThat(BruteForceSettings.problems(
                        0,
                        Duration.ZERO,
                        Duration.ofDays(8),
                        Duration.ofDays(31),
                        Duration.ofMillis(-1),
                        Duration.ofSeconds(-5)))
                .extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly(
                        "failureFactor",
                        "waitIncrementSeconds",
                        "maxFailureWaitSeconds",
                        "maxDeltaTimeSeconds",
                        "quickLoginCheckMilliSeconds",
                        "minimumQuickLoginWaitSeconds");
    }

    @Test
    @DisplayName("a maximum wait below the increment is refused")
    void maximumBelowIncrementIsRefused() {
        assertThatThrownBy(() -> new BruteForceSettings(
                        true,
                        false,
                        10,
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(5),
                        D.maxDeltaTime(),
                        D.quickLoginCheck(),
                        D.minimumQuickLoginWait()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxFailureWaitSeconds must not be below waitIncrementSeconds");
    }

    @Test
    @DisplayName("a missing value is a problem, not a NullPointerException")
    void missingValuesAreProblems() {
        assertThat(BruteForceSettings.problems(10, null, null, null, null, null))
                .hasSize(5);
    }
}
