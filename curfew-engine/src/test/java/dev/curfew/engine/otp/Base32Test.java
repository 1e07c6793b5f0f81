package dev.curfew.engine.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RFC 4648 §10: base32 test vectors, without padding")
class Base32Test {

    @ParameterizedTest(name = "\"{0}\" is \"{1}\"")
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    @DisplayName("encoding and decoding give the RFC's values")
    void vectors(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(Base32.decode(encoded.toLowerCase() + "=="))
                .hasValueSatisfying(b ->
                        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo(plain));
    }

    @ParameterizedTest
    @CsvSource({"MZ1W", "MZ!W"})
    @DisplayName("characters outside the alphabet make the text unreadable")
    void outsideTheAlphabet(String text) {
        assertThat(Base32.decode(text)).isEmpty();
    }
}
