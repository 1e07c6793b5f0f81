package dev.curfew.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Receiver rule (contract-ssf: Curfew's validity rule, in milliseconds)")
class ReceivedSignOutsTest {
    private static final long CUT = 1_764_290_000_123L;
    private final ReceivedSignOuts state = new ReceivedSignOuts();

    @Test
    void nothingHeardOfRefusesNothing() {
        assertThat(state.signedOut("app", "user-1", "sid-1", CUT)).isFalse();
        assertThat(state.size()).isZero();
    }

    @Test
    void realmCutOffRefusesEveryTokenIssuedUpToItAndNoneAfter() {
        state.realmCutOff(CUT);

        assertThat(state.signedOut("app", "user-1", "sid-1", CUT - 1)).isTrue();
        assertThat(state.signedOut("other", "user-2", null, CUT))
                .as("iat == cut-off")
                .isTrue();
        assertThat(state.signedOut("app", "user-1", "sid-1", CUT + 1)).isFalse();
    }

    @Test
    @DisplayName("a token issued in the same second as a cut-off is refused: iat has one-second precision")
    void sameSecondAsCutOffIsRefused() {
        state.userCutOff("user-1", CUT); // ...000.123
        long iatSameSecond = (CUT / 1000) * 1000; // what a token issued at ...000.500 carries
        long iatNextSecond = iatSameSecond + 1000;

        assertThat(state.signedOut("app", "user-1", "sid-1", iatSameSecond)).isTrue();
        assertThat(state.signedOut("app", "user-1", "sid-1", iatNextSecond)).isFalse();
    }

    @Test
    void clientCutOffAppliesOnlyToThatClientsTokens() {
        state.clientCutOff("app", CUT);

        assertThat(state.signedOut("app", "user-1", "sid-1", CUT - 5000)).isTrue();
        assertThat(state.signedOut("other-app", "user-1", "sid-1", CUT - 5000)).isFalse();
    }

    @Test
    void userCutOffAppliesOnlyToThatUsersTokens() {
        state.userCutOff("user-1", CUT);

        assertThat(state.signedOut("app", "user-1", "sid-1", CUT - 5000)).isTrue();
        assertThat(state.signedOut("app", "user-2", "sid-2", CUT - 5000)).isFalse();
    }

    @Test
    void revokedSessionRefusesItsTokensWhateverTheirIssueTime() {
        state.revokeSession("sid-1", CUT);

        assertThat(state.signedOut("app", "user-1", "sid-1", CUT + 60_000)).isTrue();
        assertThat(state.signedOut("app", "user-1", "sid-2", CUT - 60_000)).isFalse();
        assertThat(state.signedOut("app", "user-1", null, CUT - 60_000))
                .as("client-credentials token")
                .isFalse();
    }

    @Test
    @DisplayName("the latest cut-off per key wins: a late older one never undoes a newer one")
    void latestCutOffWins() {
        state.userCutOff("user-1", CUT);
        state.userCutOff("user-1", CUT - 10_000);
        state.realmCutOff(CUT);
        state.realmCutOff(CUT - 10_000);

        assertThat(state.signedOut("app", "user-1", null, CUT - 1)).isTrue();
        assertThat(state.signedOut("app", "user-2", null, CUT - 1)).isTrue();
    }

    @Test
    @DisplayName("cut-offs of different levels: the latest applicable one decides (a maximum, not a minimum)")
    void latestOfTheLevelsDecides() {
        state.realmCutOff(CUT - 10_000);
        state.clientCutOff("app", CUT);

        assertThat(state.signedOut("app", "user-1", null, CUT - 5000)).isTrue();
        assertThat(state.signedOut("other", "user-1", null, CUT - 5000)).isFalse();
    }

    @Test
    void forgetsOnlyWhatIsOlderThanTheThreshold() {
        state.realmCutOff(CUT - 10_000);
        state.clientCutOff("old-app", CUT - 10_000);
        state.userCutOff("old-user", CUT - 10_000);
        state.revokeSession("old-sid", CUT - 10_000);
        state.userCutOff("new-user", CUT);
        state.revokeSession("new-sid", CUT);

        state.forgetBefore(CUT - 1);

        assertThat(state.size()).isEqualTo(2);
        assertThat(state.signedOut("old-app", "old-user", "old-sid", CUT - 20_000))
                .isFalse();
        assertThat(state.signedOut("app", "new-user", null, CUT - 20_000)).isTrue();
        assertThat(state.signedOut("app", "x", "new-sid", CUT + 20_000)).isTrue();
    }
}
