package dev.curfew.engine.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a user authenticated, as the ID token says it: RFC 8176 {@code amr} values, and the {@code acr} (OIDC Core
 * §2) Curfew derives from them.
 */
public final class AuthMethods {
    /** RFC 8176 §2: password-based authentication. */
    public static final String PASSWORD = "pwd";
    /** RFC 8176 §2: a one-time password (here TOTP, RFC 6238, or a recovery code). */
    public static final String OTP = "otp";
    /** {@code acr}: one factor. */
    public static final String ACR_ONE_FACTOR = "1";
    /** {@code acr}: a second factor after the password. */
    public static final String ACR_TWO_FACTORS = "2";

    private AuthMethods() {}

    /** The {@code amr} claim: the methods in the order they were used (password first), any others after them. */
    public static List<String> amr(Set<String> methods) {
        List<String> ordered = new ArrayList<>();
        for (String known : List.of(PASSWORD, OTP)) {
            if (methods.contains(known)) {
                ordered.add(known);
            }
        }
        methods.stream()
                .filter(m -> !m.equals(PASSWORD) && !m.equals(OTP))
                .sorted()
                .forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** The {@code acr} claim: {@code "2"} when a second factor was used, {@code "1"} otherwise. */
    public static String acr(Set<String> methods) {
        return methods.contains(OTP) ? ACR_TWO_FACTORS : ACR_ONE_FACTOR;
    }
}
