package dev.curfew.server.qr;

/**
 * Reed–Solomon error correction codewords over GF(2^8) as QR codes compute them (ISO/IEC 18004:2015 §7.5.2):
 * arithmetic modulo the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), generator polynomial the product of
 * (x − α^i) for i from 0 to the number of error correction codewords minus one (Annex A).
 */
final class ReedSolomon {
    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
    }

    private ReedSolomon() {}

    static int multiply(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    /** The generator polynomial's coefficients, highest degree first, leading 1 left out: {@code degree} of them. */
    static int[] generator(int degree) {
        int[] poly = new int[degree + 1];
        poly[0] = 1;
        for (int i = 0; i < degree; i++) {
            // Multiply by (x - α^i); in GF(2^8) subtraction is addition (XOR).
            for (int j = i + 1; j > 0; j--) {
                poly[j] ^= multiply(poly[j - 1], EXP[i]);
            }
        }
        int[] withoutLeading = new int[degree];
        System.arraycopy(poly, 1, withoutLeading, 0, degree);
        return withoutLeading;
    }

    /** The remainder of data·x^degree divided by the generator polynomial: the error correction codewords. */
    static int[] remainder(int[] data, int degree) {
        int[] generator = generator(degree);
        int[] remainder = new int[degree];
        for (int codeword : data) {
            int factor = codeword ^ remainder[0];
            System.arraycopy(remainder, 1, remainder, 0, degree - 1);
            remainder[degree - 1] = 0;
            for (int i = 0; i < degree; i++) {
                remainder[i] ^= multiply(generator[i], factor);
            }
        }
        return remainder;
    }
}
