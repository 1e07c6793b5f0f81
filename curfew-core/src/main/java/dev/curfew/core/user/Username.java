package dev.curfew.core.user;

import java.util.Locale;
import java.util.regex.Pattern;

/** User names are case-insensitive (stored lower-case, as Keycloak does) and free of control characters. */
public final class Username {
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,255}");

    private Username() {}

    public static boolean isValid(String username) {
        return username != null && VALID.matcher(username).matches() && username.equals(normalize(username));
    }

    public static String normalize(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    public static String validate(String username) {
        if (!isValid(username)) {
            throw new IllegalArgumentException("username must be 1-255 lower-case letters, digits or any of . _ @ + -");
        }
        return username;
    }
}
