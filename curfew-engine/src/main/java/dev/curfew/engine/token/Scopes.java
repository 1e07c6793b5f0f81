package dev.curfew.engine.token;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The scopes granted to a request. Curfew grants the OIDC standard scopes it knows and drops others
 * (RFC 6749 §3.3 lets the server grant fewer scopes than asked, and says so in the response).
 *
 * <p>Every grant and every userinfo call reads scopes, so reading them is plain string work: no pattern is compiled,
 * and the string form walks the four known scopes in their sorted order.
 */
public record Scopes(Set<String> values) {
    public static final String OPENID = "openid";
    /** The scopes Curfew grants, sorted: the order of the string form. */
    private static final List<String> KNOWN = List.of("email", "offline_access", OPENID, "profile");

    public static final Set<String> SUPPORTED = Set.copyOf(KNOWN);

    /** @throws IllegalArgumentException for a value Curfew does not grant */
    public Scopes {
        values = Set.copyOf(values);
        if (!SUPPORTED.containsAll(values)) {
            throw new IllegalArgumentException("not a supported scope among " + values);
        }
    }

    /**
     * The supported scopes among those requested; {@code scope} may be null. Scope tokens are separated by spaces
     * (§3.3); tabs and line ends separate them too, as any white space did before.
     */
    public static Scopes granted(String scope) {
        Set<String> granted = new HashSet<>();
        if (scope != null) {
            int n = scope.length();
            int i = 0;
            while (i < n) {
                while (i < n && separates(scope.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !separates(scope.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    String token = scope.substring(start, i);
                    if (SUPPORTED.contains(token)) {
                        granted.add(token);
                    }
                }
            }
        }
        return new Scopes(granted);
    }

    /** The white space of {@code \s} in a regular expression: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean separates(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Only the scopes of {@code requested} that this set also holds (a refresh may narrow, never widen). */
    public Scopes narrowTo(String requested) {
        Set<String> narrowed = new HashSet<>(granted(requested).values());
        narrowed.retainAll(values);
        return new Scopes(narrowed);
    }

    public boolean has(String scope) {
        return values.contains(scope);
    }

    /** Space-separated, sorted: equal sets print the same. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(" ");
        for (String known : KNOWN) {
            if (values.contains(known)) {
                out.add(known);
            }
        }
        return out.toString();
    }
}
