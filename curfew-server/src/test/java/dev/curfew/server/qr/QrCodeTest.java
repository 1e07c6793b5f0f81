package dev.curfew.server.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ISO/IEC 18004: the QR code encoder (byte mode, level M, versions 1 to 10)")
class QrCodeTest {

    @Test
    @DisplayName("§7.9.1, Annex C: format information of level M with mask 101 is 100000011001110")
    void formatInformationOfTheStandardsExample() {
        assertThat(QrCode.formatBits(0b101)).isEqualTo(0b100000011001110);
    }

    @Test
    @DisplayName("§7.10, Annex D: version information of version 7 is 000111110010010100 (0x07C94)")
    void versionInformationOfVersion7() {
        assertThat(QrCode.versionBits(7)).isEqualTo(0x07C94);
    }

    @Test
    @DisplayName("§7.5.2: the 10 error correction codewords of a known 1-M message (\"HELLO WORLD\", alphanumeric)")
    void reedSolomonCodewordsOfAKnownMessage() {
        int[] data = {32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
        assertThat(ReedSolomon.remainder(data, 10)).containsExactly(196, 35, 39, 119, 235, 215, 231, 226, 93, 23);
    }

    @Test
    @DisplayName("Annex A: the generator polynomial of degree 7 is x^7 + α^87x^6 + α^229x^5 + ... + α^21")
    void generatorPolynomialOfDegree7() {
        // Exponents 87, 229, 146, 149, 238, 102, 21 of Annex A, Table A.1, as GF(256) values.
        assertThat(ReedSolomon.generator(7)).containsExactly(127, 122, 154, 164, 11, 68, 117);
    }

    @Test
    @DisplayName("§7.4: byte mode, the count, the bytes, the terminator, then the pad codewords 0xEC and 0x11 in turn")
    void dataCodewordsOfByteMode() {
        int[] codewords = QrCode.dataCodewords(QrVersion.of(1), "ab".getBytes(StandardCharsets.US_ASCII));
        // 0100 00000010 01100001 01100010 0000 -> 0x40 0x26 0x16 0x20, then pads.
        assertThat(codewords)
                .containsExactly(
                        0x40, 0x26, 0x16, 0x20, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11);
    }

    @Test
    @DisplayName("Table 7: the smallest version at level M that holds the bytes; 213 bytes need version 10")
    void smallestVersionThatHoldsTheBytes() {
        assertThat(QrCode.encode(new byte[14]).version()).isEqualTo(1);
        assertThat(QrCode.encode(new byte[15]).version()).isEqualTo(2);
        assertThat(QrCode.encode(new byte[106]).version()).isEqualTo(6);
        assertThat(QrCode.encode(new byte[213]).version()).isEqualTo(10);
        assertThat(QrCode.encode(new byte[213]).size()).isEqualTo(57);
        assertThatThrownBy(() -> QrCode.encode(new byte[214])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("§6.3.3: finder patterns in three corners, §6.3.5: timing patterns, §7.9.1: the dark module")
    void functionPatternsAreInPlace() {
        QrCode code = QrCode.encode("otpauth://totp/Demo:alice".getBytes(StandardCharsets.US_ASCII));
        int n = code.size();
        for (int[] corner : new int[][] {{0, 0}, {0, n - 7}, {n - 7, 0}}) {
            for (int i = 0; i < 7; i++) {
                assertThat(code.dark(corner[0], corner[1] + i)).isTrue();
                assertThat(code.dark(corner[0] + 6, corner[1] + i)).isTrue();
                assertThat(code.dark(corner[0] + i, corner[1])).isTrue();
            }
            assertThat(code.dark(corner[0] + 1, corner[1] + 1)).isFalse();
            assertThat(code.dark(corner[0] + 3, corner[1] + 3)).isTrue();
        }
        for (int k = 8; k < n - 8; k++) {
            assertThat(code.dark(6, k)).isEqualTo(k % 2 == 0);
            assertThat(code.dark(k, 6)).isEqualTo(k % 2 == 0);
        }
        assertThat(code.dark(n - 8, 8)).isTrue();
    }

    @Test
    @DisplayName("§7.8.3: the chosen mask scores the lowest penalty of the eight")
    void chosenMaskScoresTheLowestPenalty() {
        byte[] data = "otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Demo".getBytes(StandardCharsets.UTF_8);
        QrCode code = QrCode.encode(data);
        QrVersion version = QrVersion.of(code.version());
        QrCode.Matrix matrix = new QrCode.Matrix(version);
        matrix.placeData(QrCode.interleave(version, QrCode.dataCodewords(version, data)));
        int chosen = QrCode.penalty(modules(code));
        for (int m = 0; m < 8; m++) {
            assertThat(chosen).isLessThanOrEqualTo(QrCode.penalty(matrix.masked(m, QrCode.mask(m))));
        }
    }

    @Test
    @DisplayName(
            "§7.8.3: rule 1 scores a run of five as 3 and each module beyond it as 1 more; rule 2 each 2×2 block 3")
    void penaltyRulesOneAndTwo() {
        boolean[][] allLight = new boolean[21][21];
        // Rule 1: 21 rows and 21 columns with a run of 21: 2 × 21 × (3 + 16). Rule 2: 20 × 20 blocks × 3.
        // Rule 3: every row and column matches no finder-like pattern. Rule 4: 0 % dark is 10 steps of 5 % × 10.
        assertThat(QrCode.penalty(allLight)).isEqualTo(2 * 21 * 19 + 20 * 20 * 3 + 10 * 10);
    }

    @Test
    @DisplayName("the SVG draws each dark module as a unit square inside a four-module quiet zone")
    void svgDrawsTheModules() {
        QrCode code = QrCode.encode("x".getBytes(StandardCharsets.US_ASCII));
        String svg = QrSvg.render(code, 200, "a \"code\"");
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("viewBox=\"0 0 29 29\"")
                .contains("aria-label=\"a &quot;code&quot;\"")
                .contains("M4,4h1v1h-1z");
        long dark = 0;
        for (int r = 0; r < code.size(); r++) {
            for (int c = 0; c < code.size(); c++) {
                dark += code.dark(r, c) ? 1 : 0;
            }
        }
        assertThat(svg.split("h1v1h-1z", -1)).hasSize((int) dark + 1);
    }

    private static boolean[][] modules(QrCode code) {
        boolean[][] m = new boolean[code.size()][code.size()];
        for (int r = 0; r < code.size(); r++) {
            for (int c = 0; c < code.size(); c++) {
                m[r][c] = code.dark(r, c);
            }
        }
        return m;
    }
}
