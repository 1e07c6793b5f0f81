package dev.curfew.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiNumbersTest {

    @Test
    void readsWhatTheJdkReadsInAsciiDigits() {
        assertThat(AsciiNumbers.parseInt("32")).isEqualTo(32);
        assertThat(AsciiNumbers.parseInt("-1")).isEqualTo(-1);
        assertThat(AsciiNumbers.parseInt("0042")).isEqualTo(42);
        assertThat(AsciiNumbers.parseLong("9000000000")).isEqualTo(9_000_000_000L);
        assertThat(AsciiNumbers.parseLong("7f", 16)).isEqualTo(127L);
        assertThat(AsciiNumbers.parseLong("FF", 16)).isEqualTo(255L);
        assertThat(AsciiNumbers.parseLong("17", 8)).isEqualTo(15L);
    }

    /** Each of these is a number to {@link Integer#parseInt}: digits of other scripts, full-width digits. */
    @ParameterizedTest
    @ValueSource(strings = {"٣٢", "۳۲", "３２", "3٢", "१०", "-٣"})
    void refusesDigitsOfOtherScripts(String text) {
        assertThatCode(() -> Integer.parseInt(text)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AsciiNumbers.parseInt(text)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> AsciiNumbers.parseLong(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void refusesFullWidthLettersInAHexNumber() {
        assertThat(Long.parseLong("ｆｆ", 16)).isEqualTo(255L);
        assertThatThrownBy(() -> AsciiNumbers.parseLong("ｆｆ", 16)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1-", "--1", "-", "+7", "1.0", "2147483648"})
    void refusesWhatIsNotAnIntAndALeadingPlus(String text) {
        assertThatThrownBy(() -> AsciiNumbers.parseInt(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> AsciiNumbers.parseInt(null)).isInstanceOf(NumberFormatException.class);
    }
}
