package dev.curfew.core.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A realm's password policy: Keycloak's syntax, and each rule")
class PasswordRulesTest {

    @Test
    @DisplayName("blank is the default, length(8); the canonical string lists what differs from no rule")
    void defaultsAndCanonicalForm() {
        assertThat(PasswordRules.parse("")).isEqualTo(PasswordRules.DEFAULT);
        assertThat(PasswordRules.parse(null)).isEqualTo(PasswordRules.DEFAULT);
        assertThat(PasswordRules.DEFAULT).hasToString("length(8)");
        assertThat(PasswordRules.parse("passwordHistory(5) and notCommon and length(12) and notUsername(undefined)"))
                .hasToString("length(12) and notUsername and notCommon and passwordHistory(5)");
    }

    /** Every set of rules reads back from its string. */
    @Property
    void roundTrip(
            @ForAll @IntRange(min = 8, max = 64) int min,
            @ForAll @IntRange(min = 0, max = 960) int extra,
            @ForAll boolean notUsername,
            @ForAll boolean notEmail,
            @ForAll boolean notCommon,
            @ForAll @IntRange(min = 0, max = 24) int history) {
        PasswordRules rules = new PasswordRules(min, min + extra, notUsername, notEmail, notCommon, history);
        assertThat(PasswordRules.parse(rules.toString())).isEqualTo(rules);
    }

    @Test
    @DisplayName("unknown policies, bad numbers, repeats and limits are refused, naming the problem")
    void badPolicies() {
        assertThatThrownBy(() -> PasswordRules.parse("length(12) and upperCase(1)"))
                .hasMessageContaining("unknown policy 'upperCase'")
                .hasMessageContaining("notCommon");
        assertThatThrownBy(() -> PasswordRules.parse("length(x)")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> PasswordRules.parse("length")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> PasswordRules.parse("length(6)")).hasMessageContaining("length must be 8 to 1024");
        assertThatThrownBy(() -> PasswordRules.parse("length(10) and length(12)"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PasswordRules.parse("length(20) and maxLength(12)"))
                .hasMessageContaining("maxLength");
        assertThatThrownBy(() -> PasswordRules.parse("passwordHistory(25)")).hasMessageContaining("0 to 24");
        assertThatThrownBy(() -> PasswordRules.parse("notCommon(3)")).hasMessageContaining("takes no number");
        assertThatThrownBy(() -> PasswordRules.parse("length(12) or notCommon")).hasMessageContaining("not a policy");
    }

    @Test
    @DisplayName("each rule refuses what it names, ignoring case, and says why")
    void rules() {
        PasswordRules rules =
                PasswordRules.parse("length(12) and maxLength(40) and notUsername and notEmail and notCommon");
        Optional<String> email = Optional.of("Alice.Smith@example.com");

        assertThat(rules.check("short one", "alice", email)).contains("password must be at least 12 characters");
        assertThat(rules.check("x".repeat(41), "alice", email)).contains("password must be at most 40 characters");
        assertThat(rules.check("Alice.Wonderland", "alice.wonderland", email))
                .contains("password must not be the username");
        assertThat(rules.check("alice.smith@EXAMPLE.com", "alice", email))
                .contains("password must not be the email address");
        assertThat(rules.check("BASEBALL1234", "alice", email))
                .as("not in the list")
                .isEmpty();
        assertThat(rules.check("qwertyuiop123", "alice", email).orElseThrow()).contains("most common passwords");
        assertThat(rules.check("correct horse battery staple", "alice", email)).isEmpty();
        assertThat(PasswordRules.DEFAULT.check("qwertyuiop123", "alice", email))
                .as("without notCommon")
                .isEmpty();
    }

    @Test
    @DisplayName("the bundled list holds the common passwords of 8 characters or more, ignoring case")
    void bundledList() {
        assertThat(CommonPasswords.size()).isGreaterThan(11_000);
        assertThat(CommonPasswords.contains("password")).isTrue();
        assertThat(CommonPasswords.contains("Trustno1")).isTrue();
        assertThat(CommonPasswords.contains("correct horse battery staple")).isFalse();
    }
}
