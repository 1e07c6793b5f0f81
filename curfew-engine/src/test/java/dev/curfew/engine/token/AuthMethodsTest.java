package dev.curfew.engine.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("amr (RFC 8176) and acr of the ID token, from the session's authentication methods")
class AuthMethodsTest {

    @Test
    @DisplayName("amr lists the password first, then the one-time password, whatever the set's order")
    void amrListsThePasswordFirst() {
        assertThat(AuthMethods.amr(Set.of("otp", "pwd"))).containsExactly("pwd", "otp");
        assertThat(AuthMethods.amr(Set.of("pwd"))).containsExactly("pwd");
    }

    @Test
    @DisplayName("methods Curfew does not know of follow, in alphabetical order")
    void otherMethodsFollowSorted() {
        assertThat(AuthMethods.amr(Set.of("swk", "pwd", "hwk"))).containsExactly("pwd", "hwk", "swk");
    }

    @Test
    @DisplayName("acr is 2 with a second factor, 1 with the password alone")
    void acrSaysWhetherASecondFactorWasUsed() {
        assertThat(AuthMethods.acr(Set.of("pwd", "otp"))).isEqualTo("2");
        assertThat(AuthMethods.acr(Set.of("pwd"))).isEqualTo("1");
    }
}
