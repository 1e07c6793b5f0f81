package dev.curfew.engine.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.core.user.User;
import java.util.LinkedHashMap;
import java.util.Map;

/** The user claims each scope releases (OIDC Core §5.4), for ID tokens and userinfo alike. */
public final class UserClaims {
    private UserClaims() {}

    public static Map<String, Object> of(User user, Scopes scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id());
        if (scopes.has("profile")) {
            claims.put("preferred_username", user.username());
            user.firstName().ifPresent(v -> claims.put("given_name", v));
            user.lastName().ifPresent(v -> claims.put("family_name", v));
            String name = (user.firstName().orElse("") + " " + user.lastName().orElse("")).strip();
            if (!name.isEmpty()) {
                claims.put("name", name);
            }
        }
        if (scopes.has("email")) {
            user.email().ifPresent(v -> {
                claims.put("email", v);
                claims.put("email_verified", false);
            });
        }
        return claims;
    }

    public static void add(JWTClaimsSet.Builder builder, User user, Scopes scopes) {
        of(user, scopes).forEach(builder::claim);
    }
}
