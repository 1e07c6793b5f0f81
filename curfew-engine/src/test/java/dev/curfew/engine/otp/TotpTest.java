package dev.curfew.engine.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RFC 6238: time-based one-time passwords")
class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed, the ASCII string "12345678901234567890". */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static final Instant NOW = Instant.ofEpochSecond(1_234_567_890);

    @ParameterizedTest(name = "at {0} s the code is {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    @DisplayName("Appendix B: the SHA-1 test vectors (8 digits)")
    void appendixBVectors(long seconds, String expected) {
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(seconds)), 8))
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("six-digit codes are the last six digits of the vectors")
    void sixDigitCodes() {
        assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(59)), 6)).isEqualTo("287082");
        assertThat(Totp.verify(SEED, "005924", NOW, OptionalLong.empty())).hasValue(Totp.step(NOW));
    }

    @Test
    @DisplayName("§5.2: codes of one step before and after are accepted, two steps are not")
    void windowOfOneStep() {
        long current = Totp.step(NOW);
        for (long step = current - 1; step <= current + 1; step++) {
            assertThat(Totp.verify(SEED, Totp.code(SEED, step, 6), NOW, OptionalLong.empty()))
                    .hasValue(step);
        }
        assertThat(Totp.verify(SEED, Totp.code(SEED, current - 2, 6), NOW, OptionalLong.empty()))
                .isEmpty();
        assertThat(Totp.verify(SEED, Totp.code(SEED, current + 2, 6), NOW, OptionalLong.empty()))
                .isEmpty();
    }

    @Test
    @DisplayName("§5.2: a code once accepted is refused, and so is an earlier step's code")
    void replayIsRefused() {
        long current = Totp.step(NOW);
        String code = Totp.code(SEED, current, 6);
        OptionalLong accepted = Totp.verify(SEED, code, NOW, OptionalLong.empty());

        assertThat(Totp.verify(SEED, code, NOW, accepted)).isEmpty();
        assertThat(Totp.verify(SEED, Totp.code(SEED, current - 1, 6), NOW, accepted))
                .isEmpty();
        assertThat(Totp.verify(SEED, Totp.code(SEED, current + 1, 6), NOW, accepted))
                .hasValue(current + 1);
    }

    @Test
    @DisplayName("malformed codes are refused without an exception")
    void malformedCodesAreRefused() {
        for (String code : new String[] {null, "", "12345", "1234567", "12a456", "٠١٢٣٤٥"}) {
            assertThat(Totp.verify(SEED, code, NOW, OptionalLong.empty())).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 4226 §4 R6: new secrets have 160 bits and differ")
    void newSecrets() {
        assertThat(Totp.newSecret()).hasSize(20).isNotEqualTo(Totp.newSecret());
    }

    @Test
    @DisplayName("the key URI carries the base32 secret and the parameters apps need")
    void keyUri() {
        assertThat(Totp.keyUri("Curfew demo", "alice", SEED))
                .isEqualTo("otpauth://totp/Curfew%20demo:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Curfew%20demo&algorithm=SHA1&digits=6&period=30");
    }
}
