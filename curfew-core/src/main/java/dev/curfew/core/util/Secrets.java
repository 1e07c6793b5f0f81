package dev.curfew.core.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Random secrets and their at-rest form. Every bearer secret Curfew hands out (session cookies, codes,
 * refresh tokens, client secrets) is 256 random bits, and only its SHA-256 is stored: a database leak
 * yields nothing a caller could present. SHA-256 (not a slow hash) is enough because the input has 256
 * bits of entropy — there is nothing to brute-force.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {}

    /** A new secret of 256 random bits, base64url without padding (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** A new random identifier (UUID v4): for rows and public session ids. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** SHA-256 of the UTF-8 bytes of {@code value}, base64url without padding. */
    public static String sha256(String value) {
        return B64URL.encodeToString(sha256Bytes(value.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256Bytes(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Compares two strings in time that depends only on their lengths. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** True iff {@code presented} hashes to {@code storedHash}; constant-time in the comparison. */
    public static boolean matchesHash(String presented, String storedHash) {
        return presented != null && constantTimeEquals(sha256(presented), storedHash);
    }
}
