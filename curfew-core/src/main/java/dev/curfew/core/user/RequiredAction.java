package dev.curfew.core.user;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a user must do at their next browser sign-in before any application gets a code: Keycloak's required actions
 * of the same names, in the order they are asked for.
 */
public enum RequiredAction {
    /** Choose a new password (after a temporary one was set, or when the old one may be known to others). */
    UPDATE_PASSWORD,
    /** Set up an authenticator app (TOTP). */
    CONFIGURE_TOTP;

    public static Optional<RequiredAction> fromName(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
