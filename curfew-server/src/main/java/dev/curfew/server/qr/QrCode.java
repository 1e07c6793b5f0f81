package dev.curfew.server.qr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * A QR code (ISO/IEC 18004:2015) of some bytes: byte mode, error correction level M, the smallest of versions 1 to 10
 * that holds them, and the mask whose symbol scores the lowest penalty (§7.8.3). Enough for the {@code otpauth://}
 * URI of an authenticator; not a general-purpose encoder.
 *
 * <p>The module matrix is {@code dark(row, column)}, without the quiet zone ({@link QrSvg} adds it).
 */
public final class QrCode {
    /** §7.8.3, Table 11: the weights of the four penalty rules. */
    private static final int N1 = 3;

    private static final int N2 = 3;
    private static final int N3 = 40;
    private static final int N4 = 10;

    /** §7.8.2, Table 10: the eight data mask patterns, as conditions on row i and column j. */
    private static final List<IntBinaryOperator> MASKS = List.of(
            (i, j) -> (i + j) % 2,
            (i, j) -> i % 2,
            (i, j) -> j % 3,
            (i, j) -> (i + j) % 3,
            (i, j) -> (i / 2 + j / 3) % 2,
            (i, j) -> (i * j) % 2 + (i * j) % 3,
            (i, j) -> ((i * j) % 2 + (i * j) % 3) % 2,
            (i, j) -> ((i + j) % 2 + (i * j) % 3) % 2);

    private final QrVersion version;
    private final int mask;
    private final boolean[][] modules;

    private QrCode(QrVersion version, int mask, boolean[][] modules) {
        this.version = version;
        this.mask = mask;
        this.modules = modules;
    }

    /** @throws IllegalArgumentException when the bytes do not fit in version 10 at level M (213 bytes) */
    public static QrCode encode(byte[] data) {
        QrVersion version = QrVersion.smallestFor(data.length)
                .orElseThrow(() -> new IllegalArgumentException(
                        data.length + " bytes do not fit in a QR code of version " + QrVersion.MAX + " at level M"));
        int[] codewords = interleave(version, dataCodewords(version, data));
        Matrix base = new Matrix(version);
        base.placeData(codewords);
        int best = -1;
        int bestPenalty = Integer.MAX_VALUE;
        for (int m = 0; m < MASKS.size(); m++) {
            int penalty = penalty(base.masked(m, MASKS.get(m)));
            if (penalty < bestPenalty) {
                best = m;
                bestPenalty = penalty;
            }
        }
        return new QrCode(version, best, base.masked(best, MASKS.get(best)));
    }

    /** The condition of mask {@code reference}: a module is inverted where it is zero. */
    static IntBinaryOperator mask(int reference) {
        return MASKS.get(reference);
    }

    public int version() {
        return version.number();
    }

    public int mask() {
        return mask;
    }

    /** Modules a side, without the quiet zone. */
    public int size() {
        return modules.length;
    }

    public boolean dark(int row, int column) {
        return modules[row][column];
    }

    /**
     * §7.4: the bit stream of byte mode (mode indicator 0100, the count, the bytes), the terminator, zeros to the byte
     * boundary, then the pad codewords 11101100 and 00010001 in turn up to the version's capacity (§7.4.10).
     */
    static int[] dataCodewords(QrVersion version, byte[] data) {
        Bits bits = new Bits();
        bits.append(0b0100, 4);
        bits.append(data.length, version.countBits());
        for (byte b : data) {
            bits.append(b & 0xFF, 8);
        }
        int capacity = 8 * version.dataCodewords();
        bits.append(0, Math.min(4, capacity - bits.length()));
        bits.append(0, (8 - bits.length() % 8) % 8);
        int[] codewords = new int[version.dataCodewords()];
        int[] written = bits.bytes();
        System.arraycopy(written, 0, codewords, 0, written.length);
        for (int i = written.length; i < codewords.length; i++) {
            codewords[i] = (i - written.length) % 2 == 0 ? 0xEC : 0x11;
        }
        return codewords;
    }

    /**
     * §7.6: the data codewords split into the version's blocks, each block's error correction codewords computed
     * (§7.5.2), then the data codewords taken one from each block in turn, then the error correction codewords alike.
     */
    static int[] interleave(QrVersion version, int[] data) {
        List<int[]> dataBlocks = new ArrayList<>();
        List<int[]> ecBlocks = new ArrayList<>();
        int offset = 0;
        for (int length : version.blockDataLengths()) {
            int[] block = new int[length];
            System.arraycopy(data, offset, block, 0, length);
            offset += length;
            dataBlocks.add(block);
            ecBlocks.add(ReedSolomon.remainder(block, version.ecPerBlock()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int longest = dataBlocks.getLast().length;
        for (int i = 0; i < longest; i++) {
            for (int[] block : dataBlocks) {
                if (i < block.length) {
                    out.write(block[i]);
                }
            }
        }
        for (int i = 0; i < version.ecPerBlock(); i++) {
            for (int[] block : ecBlocks) {
                out.write(block[i]);
            }
        }
        byte[] bytes = out.toByteArray();
        int[] codewords = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            codewords[i] = bytes[i] & 0xFF;
        }
        return codewords;
    }

    /**
     * §7.9.1: the 15 format information bits — the error correction level (M is 00) and the mask reference, their
     * BCH(15,5) code (generator 10100110111), XORed with 101010000010010 so that they are never all zero.
     */
    static int formatBits(int mask) {
        int data = mask; // level M's two bits are 00
        int remainder = data;
        for (int i = 0; i < 10; i++) {
            remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
        }
        return ((data << 10) | remainder) ^ 0x5412;
    }

    /** §7.10: the 18 version information bits of versions 7 and up: the version and its BCH(18,6) code. */
    static int versionBits(int version) {
        int remainder = version;
        for (int i = 0; i < 12; i++) {
            remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1F25);
        }
        return (version << 12) | remainder;
    }

    /** §7.8.3: the sum of the four penalty rules' scores for a masked symbol. */
    static int penalty(boolean[][] m) {
        int size = m.length;
        int score = 0;
        for (int line = 0; line < size; line++) {
            final int l = line;
            score += linePenalty(size, k -> m[l][k]) + linePenalty(size, k -> m[k][l]);
        }
        // Rule 2: each 2×2 block of one colour.
        for (int i = 0; i < size - 1; i++) {
            for (int j = 0; j < size - 1; j++) {
                boolean c = m[i][j];
                if (c == m[i][j + 1] && c == m[i + 1][j] && c == m[i + 1][j + 1]) {
                    score += N2;
                }
            }
        }
        // Rule 4: the proportion of dark modules, in steps of 5 % away from half.
        int dark = 0;
        for (boolean[] row : m) {
            for (boolean module : row) {
                dark += module ? 1 : 0;
            }
        }
        int total = size * size;
        score += Math.abs(dark * 2 - total) * 10 / total * N4;
        return score;
    }

    private interface Line {
        boolean at(int k);
    }

    /**
     * Rules 1 and 3 along one row or column: runs of five or more modules of one colour (N1 plus one per module
     * beyond five), and the finder-like pattern 1:1:3:1:1 with four light modules on either side (N3); the light
     * quiet zone counts as light.
     */
    private static int linePenalty(int size, Line line) {
        int score = 0;
        int run = 1;
        for (int k = 1; k <= size; k++) {
            if (k < size && line.at(k) == line.at(k - 1)) {
                run++;
            } else {
                if (run >= 5) {
                    score += N1 + (run - 5);
                }
                run = 1;
            }
        }
        boolean[] finderLike = {true, false, true, true, true, false, true};
        for (int k = 0; k + 7 <= size; k++) {
            boolean matches = true;
            for (int p = 0; p < 7 && matches; p++) {
                matches = line.at(k + p) == finderLike[p];
            }
            if (matches && (lightRun(size, line, k - 4, k) || lightRun(size, line, k + 7, k + 11))) {
                score += N3;
            }
        }
        return score;
    }

    private static boolean lightRun(int size, Line line, int from, int to) {
        for (int k = Math.max(from, 0); k < Math.min(to, size); k++) {
            if (line.at(k)) {
                return false;
            }
        }
        return true;
    }

    /** A bit stream, most significant bit first (§7.4). */
    private static final class Bits {
        private final List<Boolean> bits = new ArrayList<>();

        void append(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                bits.add(((value >>> i) & 1) == 1);
            }
        }

        int length() {
            return bits.size();
        }

        int[] bytes() {
            int[] out = new int[bits.size() / 8];
            for (int i = 0; i < out.length * 8; i++) {
                out[i / 8] |= (bits.get(i) ? 1 : 0) << (7 - i % 8);
            }
            return out;
        }
    }

    /** The symbol being built: its function patterns (§6.3), then its data, then a mask and the format information. */
    static final class Matrix {
        private final QrVersion version;
        private final int size;
        private final boolean[][] dark;
        private final boolean[][] function;

        Matrix(QrVersion version) {
            this.version = version;
            this.size = version.size();
            this.dark = new boolean[size][size];
            this.function = new boolean[size][size];
            drawTimingPatterns();
            drawFinderPattern(0, 0);
            drawFinderPattern(0, size - 7);
            drawFinderPattern(size - 7, 0);
            drawAlignmentPatterns();
            drawFormatBits(0); // reserves the format areas; drawn again once the mask is chosen
            drawVersionBits();
        }

        /** §6.3.5: rows and column 6 alternate dark and light, dark on even indices. */
        private void drawTimingPatterns() {
            for (int k = 0; k < size; k++) {
                set(6, k, k % 2 == 0);
                set(k, 6, k % 2 == 0);
            }
        }

        /** §6.3.3: 7×7 rings (dark, light, dark 3×3 core) with a light separator around them (§6.3.4). */
        private void drawFinderPattern(int top, int left) {
            for (int dr = -1; dr <= 7; dr++) {
                for (int dc = -1; dc <= 7; dc++) {
                    int r = top + dr;
                    int c = left + dc;
                    if (r >= 0 && r < size && c >= 0 && c < size) {
                        int ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
                        set(r, c, ring != 2 && ring != 4);
                    }
                }
            }
        }

        /** §6.3.6, Annex E: 5×5 patterns centred on every pair of the version's positions, except over finders. */
        private void drawAlignmentPatterns() {
            List<Integer> centers = version.alignmentCenters();
            int last = centers.size() - 1;
            for (int a = 0; a <= last; a++) {
                for (int b = 0; b <= last; b++) {
                    boolean overFinder = (a == 0 && b == 0) || (a == 0 && b == last) || (a == last && b == 0);
                    if (!overFinder) {
                        for (int dr = -2; dr <= 2; dr++) {
                            for (int dc = -2; dc <= 2; dc++) {
                                set(
                                        centers.get(a) + dr,
                                        centers.get(b) + dc,
                                        Math.max(Math.abs(dr), Math.abs(dc)) != 1);
                            }
                        }
                    }
                }
            }
        }

        /**
         * §7.9.1, Figure 25: the format bits, least significant first, down column 8 and along row 8 beside the
         * top-left finder, and again beside the other two; plus the dark module at (size − 8, 8).
         */
        private void drawFormatBits(int mask) {
            int bits = formatBits(mask);
            for (int i = 0; i <= 5; i++) {
                set(i, 8, bit(bits, i));
            }
            set(7, 8, bit(bits, 6));
            set(8, 8, bit(bits, 7));
            set(8, 7, bit(bits, 8));
            for (int i = 9; i < 15; i++) {
                set(8, 14 - i, bit(bits, i));
            }
            for (int i = 0; i < 8; i++) {
                set(8, size - 1 - i, bit(bits, i));
            }
            for (int i = 8; i < 15; i++) {
                set(size - 15 + i, 8, bit(bits, i));
            }
            set(size - 8, 8, true);
        }

        /** §7.10, Figure 27: for versions 7 and up, two 6×3 blocks by the top-right and bottom-left finders. */
        private void drawVersionBits() {
            if (version.number() < 7) {
                return;
            }
            int bits = versionBits(version.number());
            for (int i = 0; i < 18; i++) {
                int a = size - 11 + i % 3;
                int b = i / 3;
                set(b, a, bit(bits, i));
                set(a, b, bit(bits, i));
            }
        }

        /**
         * §7.7.3: the codewords' bits, most significant first, in two-module columns from the bottom right, upwards
         * then downwards in turn, skipping the vertical timing pattern and every function module. Remainder bits
         * (§7.6) stay light.
         */
        void placeData(int[] codewords) {
            int i = 0;
            for (int right = size - 1; right >= 1; right -= 2) {
                if (right == 6) {
                    right = 5;
                }
                boolean upward = ((right + 1) & 2) == 0;
                for (int v = 0; v < size; v++) {
                    int row = upward ? size - 1 - v : v;
                    for (int j = 0; j < 2; j++) {
                        int column = right - j;
                        if (!function[row][column] && i < codewords.length * 8) {
                            dark[row][column] = bit(codewords[i >>> 3], 7 - (i & 7));
                            i++;
                        }
                    }
                }
            }
        }

        /** §7.8: a copy with the data modules under the mask's condition inverted, and its format information. */
        boolean[][] masked(int mask, IntBinaryOperator condition) {
            Matrix copy = new Matrix(version);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    if (!function[r][c]) {
                        copy.dark[r][c] = dark[r][c] ^ (condition.applyAsInt(r, c) == 0);
                    }
                }
            }
            copy.drawFormatBits(mask);
            return copy.dark;
        }

        private void set(int row, int column, boolean isDark) {
            dark[row][column] = isDark;
            function[row][column] = true;
        }

        private static boolean bit(int value, int index) {
            return ((value >>> index) & 1) == 1;
        }
    }
}
