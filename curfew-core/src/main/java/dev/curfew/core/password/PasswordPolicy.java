package dev.curfew.core.password;

import java.util.Optional;

/** The minimum a password must meet. NIST SP 800-63B §5.1.1.2: length matters, composition rules do not. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

    private PasswordPolicy() {}

    /** The reason the password is refused, or empty when it is acceptable. */
    public static Optional<String> check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password must be at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
