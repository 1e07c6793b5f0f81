package dev.curfew.server.qr;

import java.util.List;
import java.util.Optional;

/**
 * A QR code version (1 to 10) at error correction level M: its size and how its codewords divide into blocks
 * (ISO/IEC 18004:2015 §7.5.1, Table 9), where its alignment patterns go (Annex E, Table E.1), and the remainder bits
 * after the last codeword (§7.6, Table 1).
 */
record QrVersion(int number, int ecPerBlock, List<Integer> blockDataLengths, List<Integer> alignmentCenters) {
    static final int MAX = 10;

    /** Table 9, level M: error correction codewords per block, and the data codewords of each block. */
    private static final List<QrVersion> M = List.of(
            new QrVersion(1, 10, List.of(16), List.of()),
            new QrVersion(2, 16, List.of(28), List.of(6, 18)),
            new QrVersion(3, 26, List.of(44), List.of(6, 22)),
            new QrVersion(4, 18, List.of(32, 32), List.of(6, 26)),
            new QrVersion(5, 24, List.of(43, 43), List.of(6, 30)),
            new QrVersion(6, 16, List.of(27, 27, 27, 27), List.of(6, 34)),
            new QrVersion(7, 18, List.of(31, 31, 31, 31), List.of(6, 22, 38)),
            new QrVersion(8, 22, List.of(38, 38, 39, 39), List.of(6, 24, 42)),
            new QrVersion(9, 22, List.of(36, 36, 36, 37, 37), List.of(6, 26, 46)),
            new QrVersion(10, 26, List.of(43, 43, 43, 43, 44), List.of(6, 28, 50)));

    static QrVersion of(int number) {
        return M.get(number - 1);
    }

    /** §6.3.1: 21 modules a side for version 1, four more per version. */
    int size() {
        return 17 + 4 * number;
    }

    int dataCodewords() {
        return blockDataLengths.stream().mapToInt(Integer::intValue).sum();
    }

    /** §7.4.1, Table 3: the byte mode's character count indicator is 8 bits long up to version 9, 16 from 10. */
    int countBits() {
        return number <= 9 ? 8 : 16;
    }

    /** Table 1: bits left over after the last codeword, filled with zeros. */
    int remainderBits() {
        return number >= 2 && number <= 6 ? 7 : 0;
    }

    /** The smallest version that holds {@code bytes} bytes in byte mode, if one up to {@link #MAX} does. */
    static Optional<QrVersion> smallestFor(int bytes) {
        return M.stream()
                .filter(v -> 4 + v.countBits() + 8 * bytes <= 8 * v.dataCodewords())
                .findFirst();
    }
}
