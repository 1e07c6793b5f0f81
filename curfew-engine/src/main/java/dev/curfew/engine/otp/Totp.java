package dev.curfew.engine.otp;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps compute them (RFC 6238 with its defaults: HMAC-SHA-1, 30-second
 * steps from the Unix epoch, 6 digits; the code itself is RFC 4226 §5.3's dynamic truncation).
 */
public final class Totp {
    /** RFC 6238 §4.1: X, the time step, 30 seconds as the RFC recommends. */
    public static final long STEP_SECONDS = 30;

    public static final int DIGITS = 6;

    /**
     * RFC 6238 §5.2: one step either side is accepted, for clocks that drift and codes typed near a step's end; a
     * larger window would make guessing easier.
     */
    public static final int WINDOW = 1;

    /** RFC 4226 §4 R6: at least 128 bits, 160 recommended (SHA-1's output length). */
    private static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** A new 160-bit secret. */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step counting from the Unix epoch (RFC 6238 §4.2: T = (now - T0) / X). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of the given time step, {@code digits} long with leading zeros. */
    public static String code(byte[] secret, long step, int digits) {
        byte[] hash =
                hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        // RFC 4226 §5.3: the low nibble of the last byte says where the 31-bit value starts.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        String value = Integer.toString(binary % modulus);
        return "0".repeat(digits - value.length()) + value;
    }

    /**
     * The time step whose code {@code code} is, within the window around {@code now}, and later than {@code
     * lastAccepted}: RFC 6238 §5.2 requires that a code once accepted is refused afterwards, so a code seen over a
     * shoulder or in a phished page cannot be used again, and neither can an earlier step's. Every step of the window
     * is compared, in constant time, whatever matches.
     */
    public static OptionalLong verify(byte[] secret, String code, Instant now, OptionalLong lastAccepted) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = -1;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            byte[] expected = code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && matched < 0) {
                matched = step;
            }
        }
        if (matched < 0 || (lastAccepted.isPresent() && matched <= lastAccepted.getAsLong())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(matched);
    }

    /**
     * The {@code otpauth://} URI authenticator apps scan (the de facto Key URI Format): issuer and account name
     * label the entry in the app.
     */
    public static String keyUri(String issuer, String account, byte[] secret) {
        String label = percent(issuer) + ":" + percent(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + percent(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String percent(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }
}
