package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.http.FormCsrf;
import dev.curfew.server.http.Pages;
import dev.curfew.server.oidc.Endpoints;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login's second page, for users with an authenticator: one field, {@code otp} (as Keycloak's), for a code of
 * the authenticator app or a recovery code. The authorization request is not in the form: the pending login holds
 * it ({@link PendingSecondFactors}). The form carries the login's {@link FormCsrf} token like the password form.
 */
public final class OtpForm {
    public static final String FIELD = "otp";

    private final Pages pages;

    public OtpForm(Pages pages) {
        this.pages = pages;
    }

    public void show(Context ctx, Realm realm, int status, Optional<String> error, boolean secure) {
        Map<String, Object> model = new HashMap<>();
        model.put("realmName", realm.displayName().isBlank() ? realm.name() : realm.displayName());
        model.put("action", Endpoints.LOGIN_OTP.replace("{realm}", realm.name()));
        model.put("csrf", LoginForm.issueCsrf(ctx, realm, secure));
        model.put("error", error.orElse(""));
        pages.render(ctx, status, "login-otp.jte", model);
    }
}
