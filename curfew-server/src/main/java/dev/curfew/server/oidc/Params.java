package dev.curfew.server.oidc;

import dev.curfew.server.http.OAuthError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        String contentType = ctx.contentType();
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("The request must be application/x-www-form-urlencoded");
        }
        return of(ctx.formParamMap());
    }

    /** Query parameters for GET, form parameters for POST (OIDC Core §3.1.2.1). */
    public static Params queryOrForm(Context ctx) {
        return ctx.method().name().equals("POST") ? form(ctx) : query(ctx);
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

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> OAuthError.invalidRequest("Missing parameter: " + name));
    }
}
