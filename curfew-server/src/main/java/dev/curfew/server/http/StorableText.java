package dev.curfew.server.http;

/**
 * Text that every database Curfew runs on stores and compares as it was sent: no U+0000, which PostgreSQL cannot
 * hold in text at all, and no unpaired UTF-16 surrogate, which is no Unicode character (RFC 8259 §8.2, RFC 7493
 * §2.1) and has no UTF-8 encoding. Input holding either is refused everywhere, so it behaves the same on every
 * database instead of being stored on one and failing on another.
 */
public final class StorableText {
    /** Why such input is refused, for the field or parameter that holds it. */
    public static final String REASON = "must not contain the character U+0000 or an unpaired UTF-16 surrogate";

    private StorableText() {}

    /** No U+0000 and every surrogate in a pair. */
    public static boolean is(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
