package dev.curfew.engine.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: ten single-use codes shown once at enrolment, for a user who lost their authenticator. Each has
 * 50 random bits (ten base32 characters), so a plain SHA-256 is enough to store them: unlike a password, the code
 * cannot be found by trying likely values.
 */
public final class RecoveryCodes {
    public static final int COUNT = 10;
    private static final int BYTES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    /** New codes, shown as two groups of five characters ({@code ABCDE-FGHIJ}). */
    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[BYTES];
            RANDOM.nextBytes(bytes);
            String text = Base32.encode(bytes).substring(0, 10);
            codes.add(text.substring(0, 5) + "-" + text.substring(5));
        }
        return codes;
    }

    /** The hash stored for a code; spaces, dashes and case do not matter, as users retype them. */
    public static String hash(String code) {
        String normalized = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
