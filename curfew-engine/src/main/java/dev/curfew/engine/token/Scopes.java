package dev.curfew.engine.token;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The scopes granted to a request. Curfew grants the OIDC standard scopes it knows and drops others
 * (RFC 6749 §3.3 lets the server grant fewer scopes than asked, and says so in the response).
 */
public record Scopes(Set<String> values) {
    public static final String OPENID = "openid";
    public static final Set<String> SUPPORTED = Set.of(OPENID, "profile", "email", "offline_access");

    public Scopes {
        values = Set.copyOf(values);
    }

    /** The supported scopes among those requested, in request order; {@code scope} may be null. */
    public static Scopes granted(String scope) {
        Set<String> granted = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (SUPPORTED.contains(s)) {
                    granted.add(s);
                }
            }
        }
        return new Scopes(granted);
    }

    /** Only the scopes of {@code requested} that this set also holds (a refresh may narrow, never widen). */
    public Scopes narrowTo(String requested) {
        Set<String> narrowed = new LinkedHashSet<>(granted(requested).values());
        narrowed.retainAll(values);
        return new Scopes(narrowed);
    }

    public boolean has(String scope) {
        return values.contains(scope);
    }

    /** Space-separated, in a stable order. */
    @Override
    public String toString() {
        return String.join(" ", values.stream().sorted().toList());
    }
}
