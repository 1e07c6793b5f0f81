package dev.curfew.core.realm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who in a realm must sign in with a second factor (the realm field {@code twoFactorRequired}). A covered user
 * without an authenticator cannot get tokens from a password alone.
 */
public enum TwoFactorPolicy {
    /** Only users who enrolled an authenticator give a code (the default). */
    OFF("off"),
    /** Users holding any administration privilege for the realm or for all realms. */
    ADMINISTRATORS("administrators"),
    /** Every user of the realm. */
    EVERYONE("everyone");

    private final String wireName;

    TwoFactorPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the realm representation's {@code twoFactorRequired} field. */
    public String wireName() {
        return wireName;
    }

    public static Optional<TwoFactorPolicy> fromWireName(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TwoFactorPolicy::wireName).toList();
    }

    /** Whether a user must give a second factor, given whether they hold a privilege for the realm. */
    public boolean covers(boolean administrator) {
        return switch (this) {
            case OFF -> false;
            case ADMINISTRATORS -> administrator;
            case EVERYONE -> true;
        };
    }
}
