package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fail-safe: what is accepted while the feed is out of sync")
class FailSafeTest {
    private static final long NOW = 1_764_290_000_000L;
    private static final long NEVER = Long.MIN_VALUE;
    private final FailSafe failSafe = FailSafe.refuseAfter(Duration.ofSeconds(30));

    @Test
    void inSyncEveryTokenPasses() {
        assertThat(failSafe.accepts(NOW, NOW - 3_600_000, true, NOW - 40_000)).isTrue();
    }

    @Test
    @DisplayName("out of sync for less than the window: every token still passes")
    void withinTheWindowAfterTheLastSync() {
        assertThat(failSafe.accepts(NOW, NOW - 300_000, false, NOW - 29_999)).isTrue();
        assertThat(failSafe.accepts(NOW, NOW - 300_000, false, NOW - 30_000)).isTrue();
        assertThat(failSafe.refusing(NOW, NOW - 30_000)).isFalse();
    }

    @Test
    @DisplayName("out of sync for longer than the window: tokens issued more than the window ago are refused")
    void pastTheWindowOldTokensAreRefused() {
        long lastSync = NOW - 30_001;

        assertThat(failSafe.refusing(NOW, lastSync)).isTrue();
        assertThat(failSafe.accepts(NOW, NOW - 30_001, false, lastSync)).isFalse();
        assertThat(failSafe.accepts(NOW, NOW - 300_000, false, lastSync)).isFalse();
    }

    @Test
    @DisplayName(
            "a token issued within the window passes even after a long outage: it cannot predate a missed sign-out")
    void freshTokensPassDuringALongOutage() {
        long lastSync = NOW - 3_600_000;

        assertThat(failSafe.accepts(NOW, NOW - 29_000, false, lastSync)).isTrue();
        assertThat(failSafe.accepts(NOW, NOW - 30_000, false, lastSync)).isTrue();
    }

    @Test
    void neverSyncedBehavesLikeALongOutage() {
        assertThat(failSafe.accepts(NOW, NOW - 1000, false, NEVER)).isTrue();
        assertThat(failSafe.accepts(NOW, NOW - 60_000, false, NEVER)).isFalse();
        assertThat(failSafe.refusing(NOW, NEVER)).isTrue();
    }

    @Test
    void keepServingAcceptsWhateverTheOutage() {
        FailSafe keep = FailSafe.keepServing();

        assertThat(keep.keepsServing()).isTrue();
        assertThat(keep.accepts(NOW, NOW - 3_600_000, false, NEVER)).isTrue();
        assertThat(keep.refusing(NOW, NEVER)).isFalse();
    }

    @Test
    void theDefaultIsThirtySeconds() {
        assertThat(FailSafe.defaults()).isEqualTo(FailSafe.refuseAfter(FailSafe.DEFAULT_WINDOW));
        assertThat(FailSafe.DEFAULT_WINDOW).isEqualTo(Duration.ofSeconds(30));
        assertThat(FailSafe.defaults().keepsServing()).isFalse();
    }

    @Test
    void theWindowMustBePositive() {
        assertThatThrownBy(() -> FailSafe.refuseAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailSafe.refuseAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
