package dev.curfew.server.admin.users;

import dev.curfew.server.admin.FieldProblems;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the free-text fields of a user. A blank value clears the field (Keycloak's admin console sends
 * {@code ""} for an emptied input); 255 characters is Keycloak's limit too.
 */
final class ProfileFields {
    private static final int MAX_LENGTH = 255;
    /** Deliberately loose: one {@code @} with something on both sides. Only delivery proves an address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private ProfileFields() {}

    static Optional<String> text(String name, String value, FieldProblems problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_LENGTH) {
            problems.add(name, "must be at most " + MAX_LENGTH + " characters");
        }
        return Optional.of(stripped);
    }

    static Optional<String> email(String value, FieldProblems problems) {
        Optional<String> email = text("email", value, problems);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            problems.add("email", "must be an email address such as name@example.com");
        }
        return email;
    }
}
