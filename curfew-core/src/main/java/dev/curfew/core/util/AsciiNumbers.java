package dev.curfew.core.util;

/**
 * Whole numbers written in ASCII digits only. {@link Integer#parseInt} and {@link Long#parseLong} accept any
 * Unicode digit ({@code ٣٢} is 32 to them), so text a caller sends could name a number Curfew would then echo,
 * store or compare in a form the caller never wrote; and they take a leading {@code +}. Every number read from
 * input goes through here: an optional {@code -} and the digits {@code 0-9} (for a radix above 10, the letters
 * {@code a-z} and {@code A-Z} too), as Curfew writes numbers itself; else {@link NumberFormatException}, as the
 * JDK's parsers throw it.
 */
public final class AsciiNumbers {
    private AsciiNumbers() {}

    /** The {@code int} the text writes in decimal ASCII digits. */
    public static int parseInt(String text) {
        return Integer.parseInt(ascii(text, 10));
    }

    /** The {@code long} the text writes in decimal ASCII digits. */
    public static long parseLong(String text) {
        return parseLong(text, 10);
    }

    /** The {@code long} the text writes in ASCII digits of the radix (2 to 36). */
    public static long parseLong(String text, int radix) {
        return Long.parseLong(ascii(text, radix), radix);
    }

    private static String ascii(String text, int radix) {
        if (text == null) {
            throw new NumberFormatException("no number given");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean sign = i == 0 && c == '-';
            boolean digit =
                    (c >= '0' && c <= '9') || (radix > 10 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')));
            if (!sign && !digit) {
                throw new NumberFormatException("'" + text + "' is not a number in ASCII digits");
            }
        }
        return text;
    }
}
