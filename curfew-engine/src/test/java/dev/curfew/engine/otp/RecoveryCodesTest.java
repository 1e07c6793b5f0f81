package dev.curfew.engine.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("recovery codes")
class RecoveryCodesTest {

    @Test
    @DisplayName("ten distinct codes of two groups of five base32 characters")
    void tenDistinctCodes() {
        List<String> codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z2-7]{5}-[A-Z2-7]{5}"));
    }

    @Test
    @DisplayName("the hash ignores case, spaces and the dash, and differs between codes")
    void hashIgnoresFormatting() {
        assertThat(RecoveryCodes.hash("abcde fghij")).isEqualTo(RecoveryCodes.hash("ABCDE-FGHIJ"));
        assertThat(RecoveryCodes.hash("ABCDE-FGHIJ")).isNotEqualTo(RecoveryCodes.hash("ABCDE-FGHIK"));
        assertThat(RecoveryCodes.hash("ABCDE-FGHIJ")).hasSize(64).doesNotContain("ABCDE");
    }
}
