package dev.curfew.core.validity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The validity rule at its boundaries")
class ValidityRuleTest {

    @Test
    @DisplayName("regression CVE-2026-8922: an earlier client cut-off does not undo a later realm sign-out")
    void earlierClientCutOffDoesNotUndoARealmSignOut() {
        CutOffs cutOffs = new CutOffs(500, 100, 0);
        assertThat(ValidityRule.isValid(600, 300, 1_000, cutOffs, false)).isFalse();
    }

    @Test
    @DisplayName("regression CVE-2026-18218: an earlier user cut-off does not undo a later client sign-out")
    void earlierUserCutOffDoesNotUndoAClientSignOut() {
        CutOffs cutOffs = new CutOffs(0, 500, 100);
        assertThat(ValidityRule.isValid(600, 300, 1_000, cutOffs, false)).isFalse();
    }

    @Test
    @DisplayName("issued at exactly the cut-off is invalid: issue must be strictly after")
    void issuedAtTheCutOffIsInvalid() {
        assertThat(ValidityRule.isValid(10, 500, 1_000, new CutOffs(0, 0, 500), false))
                .isFalse();
        assertThat(ValidityRule.isValid(10, 501, 1_000, new CutOffs(0, 0, 500), false))
                .isTrue();
    }

    @Test
    @DisplayName("expiry is exclusive: at exp the token is invalid")
    void expiryIsExclusive() {
        assertThat(ValidityRule.isValid(999, 1, 1_000, CutOffs.NONE, false)).isTrue();
        assertThat(ValidityRule.isValid(1_000, 1, 1_000, CutOffs.NONE, false)).isFalse();
    }

    @Test
    @DisplayName("no cut-offs at all: CutOffs.of with nothing set is NONE")
    void noCutOffsIsNone() {
        assertThat(CutOffs.of(Optional.empty(), Optional.empty(), Optional.empty()))
                .isEqualTo(CutOffs.NONE);
        assertThat(CutOffs.of(Optional.of(Instant.ofEpochMilli(7)), Optional.empty(), Optional.empty())
                        .latest())
                .isEqualTo(7);
    }
}
