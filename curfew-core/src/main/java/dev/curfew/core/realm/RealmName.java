package dev.curfew.core.realm;

import java.util.regex.Pattern;

/** Realm names appear in URLs and issuers, so they are restricted to a URL-safe alphabet. */
public final class RealmName {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");

    private RealmName() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String validate(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(
                    "realm name must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
