package dev.curfew.server.oidc;

import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request parameters of a protocol endpoint, one value each. RFC 6749 §3.1 and §3.2: parameters sent
 * without a value are treated as omitted, and request and response parameters MUST NOT be included
 * more than once.
 */
public record Params(Map<String, String> values) {

    public static Params query(Context ctx) {
        return of(ctx.queryParamMap());
    }

    /** Form parameters; the token, introspection and revocation endpoints take nothing else. */
    public static Params form(Context ctx) {
        return of(formMap(ctx));
    }

    /**
     * The parameters sent once, and the names of those sent more than once: the authorization endpoint
     * must verify the client and redirect URI before it knows whether it may report the repetition to
     * the client by redirect (RFC 6749 §4.1.2.1), so it cannot fail at once like {@link #of}.
     */
    public record Lenient(Params params, Set<String> repeated) {}

    /** Query parameters for GET, form parameters for POST (OIDC Core §3.1.2.1), repetitions set aside. */
    public static Lenient lenientQueryOrForm(Context ctx) {
        Map<String, List<String>> multi = ctx.method().name().equals("POST") ? formMap(ctx) : ctx.queryParamMap();
        Map<String, String> single = new LinkedHashMap<>();
        Set<String> repeated = new TreeSet<>();
        for (var entry : multi.entrySet()) {
            List<String> nonEmpty =
                    entry.getValue().stream().filter(v -> !v.isEmpty()).toList();
            if (nonEmpty.size() > 1) {
                repeated.add(entry.getKey());
            } else if (nonEmpty.size() == 1) {
                single.put(entry.getKey(), nonEmpty.get(0));
            }
        }
        return new Lenient(new Params(Map.copyOf(single)), java.util.Collections.unmodifiableSet(repeated));
    }

    public static Params of(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        for (var entry : multi.entrySet()) {
            List<String> nonEmpty =
                    entry.getValue().stream().filter(v -> !v.isEmpty()).toList();
            if (nonEmpty.size() > 1) {
                throw OAuthError.invalidRequest("Parameter '" + entry.getKey() + "' is included more than once");
            }
            if (nonEmpty.size() == 1) {
                single.put(entry.getKey(), nonEmpty.get(0));
            }
        }
        return new Params(Map.copyOf(single));
    }

    private static Map<String, List<String>> formMap(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The request must be application/x-www-form-urlencoded");
        }
        return ctx.formParamMap();
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> OAuthError.invalidRequest("Missing parameter: " + name));
    }
}
