package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.http.FormCsrf;
import dev.curfew.server.http.Pages;
import dev.curfew.server.oidc.Endpoints;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login page. Its form carries the authorization request in hidden fields (validated again on
 * submit) and a {@link FormCsrf} token against login CSRF.
 */
public final class LoginForm {
    private static final FormCsrf CSRF = new FormCsrf("CURFEW_LOGIN_CSRF");

    private final Pages pages;

    public LoginForm(Pages pages) {
        this.pages = pages;
    }

    public void show(
            Context ctx,
            Realm realm,
            Map<String, String> authParams,
            int status,
            Optional<String> error,
            String username,
            boolean secure) {
        String csrf = issueCsrf(ctx, realm, secure);
        Map<String, String> hidden = new LinkedHashMap<>(authParams);
        hidden.remove("username");
        hidden.remove("password");
        hidden.remove(FormCsrf.FIELD);
        Map<String, Object> model = new HashMap<>();
        model.put("realmName", realm.displayName().isBlank() ? realm.name() : realm.displayName());
        model.put("action", Endpoints.LOGIN.replace("{realm}", realm.name()));
        model.put("hidden", hidden);
        model.put("csrf", csrf);
        model.put("error", error.orElse(""));
        model.put("username", username);
        pages.render(ctx, status, "login.jte", model);
    }

    /** A token for a login form of the realm (password or second factor), set in its cookie as well. */
    static String issueCsrf(Context ctx, Realm realm, boolean secure) {
        return CSRF.issue(ctx, "/realms/" + realm.name() + "/", secure);
    }

    /** True iff the form's token matches the cookie's. */
    public static boolean csrfValid(Context ctx) {
        return CSRF.valid(ctx);
    }
}
