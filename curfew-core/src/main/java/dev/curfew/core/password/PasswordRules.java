package dev.curfew.core.password;

import dev.curfew.core.util.AsciiNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A realm's password policy (the realm field {@code passwordPolicy}), in Keycloak's syntax: policies joined by
 * {@code and}, e.g. {@code length(12) and notUsername and notCommon and passwordHistory(5)}. Length matters and
 * composition rules do not (NIST SP 800-63B §5.1.1.2), so these are the rules there are:
 *
 * <pre>
 * length(N)            at least N characters (code points); never below {@value PasswordPolicy#MIN_LENGTH}
 * maxLength(N)         at most N characters; never above {@value PasswordPolicy#MAX_LENGTH}
 * notUsername          not the username (ignoring case)
 * notEmail             not the email address (ignoring case)
 * notCommon            not in the bundled list of common passwords ({@link CommonPasswords}), ignoring case
 * passwordHistory(N)   not the current password nor one of the N - 1 before it (N at most {@value #MAX_HISTORY})
 * </pre>
 *
 * The history needs the stored hashes, so the engine checks it; {@link #check} checks the rest.
 */
public record PasswordRules(
        int minLength, int maxLength, boolean notUsername, boolean notEmail, boolean notCommon, int history) {

    /** The rules of a realm that sets none: the minimum length only. */
    public static final PasswordRules DEFAULT =
            new PasswordRules(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH, false, false, false, 0);

    /** Previous passwords a realm may keep to compare against. */
    public static final int MAX_HISTORY = 24;

    /** The policy names, as {@code passwordPolicy} spells them. */
    public static final List<String> NAMES =
            List.of("length", "maxLength", "notUsername", "notEmail", "notCommon", "passwordHistory");

    private static final Pattern POLICY = Pattern.compile("([A-Za-z]+)(?:\\(([^()]*)\\))?");

    public PasswordRules {
        if (minLength < PasswordPolicy.MIN_LENGTH || minLength > PasswordPolicy.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "length must be " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH);
        }
        if (maxLength < minLength || maxLength > PasswordPolicy.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "maxLength must be at least the length and at most " + PasswordPolicy.MAX_LENGTH);
        }
        if (history < 0 || history > MAX_HISTORY) {
            throw new IllegalArgumentException("passwordHistory must be 0 to " + MAX_HISTORY);
        }
    }

    /**
     * The rules a {@code passwordPolicy} string gives; blank gives {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown policy, a missing or bad number, a policy
     *     given twice
     */
    public static PasswordRules parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : text.strip().split("\\s+and\\s+")) {
            Matcher m = POLICY.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a policy; write name or name(N),"
                        + " joined by 'and', with the names " + NAMES);
            }
            String name = m.group(1);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown policy '" + name + "'; the policies are " + NAMES);
            }
            if (given.put(name, m.group(2) == null ? "" : m.group(2).strip()) != null) {
                throw new IllegalArgumentException("'" + name + "' is given twice");
            }
        }
        for (String flag : List.of("notUsername", "notEmail", "notCommon")) {
            String argument = given.get(flag);
            if (argument != null && !argument.isEmpty() && !argument.equals("undefined")) {
                throw new IllegalArgumentException("'" + flag + "' takes no number");
            }
        }
        return new PasswordRules(
                number(given, "length", PasswordPolicy.MIN_LENGTH),
                number(given, "maxLength", PasswordPolicy.MAX_LENGTH),
                given.containsKey("notUsername"),
                given.containsKey("notEmail"),
                given.containsKey("notCommon"),
                number(given, "passwordHistory", 0));
    }

    private static int number(Map<String, String> given, String name, int absent) {
        String value = given.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("'" + name + "' needs a whole number, e.g. " + name + "(12)");
        }
        return AsciiNumbers.parseInt(value);
    }

    /**
     * The reason {@code password} is refused for this user, or empty when these rules (all but the history) accept
     * it. The reasons are safe to show to the user who typed it.
     */
    public Optional<String> check(String password, String username, Optional<String> email) {
        if (password == null) {
            return Optional.of("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return Optional.of("password must be at least " + minLength + " characters");
        }
        if (length > maxLength) {
            return Optional.of("password must be at most " + maxLength + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (notUsername && username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("password must not be the username");
        }
        if (notEmail
                && email.filter(e -> lower.equals(e.toLowerCase(Locale.ROOT))).isPresent()) {
            return Optional.of("password must not be the email address");
        }
        if (notCommon && CommonPasswords.contains(password)) {
            return Optional.of("password is one of the most common passwords; choose a less guessable one");
        }
        return Optional.empty();
    }

    /** The policy string, with every rule that differs from no rule: {@code length(N)} always comes first. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("length(" + minLength + ")");
        if (maxLength != PasswordPolicy.MAX_LENGTH) {
            parts.add("maxLength(" + maxLength + ")");
        }
        if (notUsername) {
            parts.add("notUsername");
        }
        if (notEmail) {
            parts.add("notEmail");
        }
        if (notCommon) {
            parts.add("notCommon");
        }
        if (history > 0) {
            parts.add("passwordHistory(" + history + ")");
        }
        return String.join(" and ", parts);
    }
}
