package dev.curfew.server.oidc.authorize;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.http.Pages;
import dev.curfew.server.oidc.Endpoints;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The login's pages for required actions ({@link RequiredActions}): choosing a new password (fields
 * {@code password-new} and {@code password-confirm}, as Keycloak's), setting up an authenticator app (its QR code,
 * its secret as text, and the field {@code otp} for a first code), and the recovery codes shown once after that.
 */
public final class RequiredActionForm {
    public static final String NEW_PASSWORD = "password-new";
    public static final String CONFIRM_PASSWORD = "password-confirm";
    public static final String CODE = "otp";
    /** The field of the recovery codes page's button: go on with the login. */
    public static final String CONTINUE = "continue";

    private static final String TEMPLATE = "login-action.jte";

    private final Pages pages;

    public RequiredActionForm(Pages pages) {
        this.pages = pages;
    }

    void updatePassword(Context ctx, Realm realm, int status, Optional<String> error, boolean secure) {
        render(ctx, realm, status, "update-password", error, secure, Map.of());
    }

    void configureTotp(
            Context ctx,
            Realm realm,
            OtpService.Enrolment enrolment,
            int status,
            Optional<String> error,
            boolean secure) {
        // The page shows a secret: no cache may keep it.
        ctx.header("Cache-Control", "no-store");
        render(
                ctx,
                realm,
                status,
                "configure-totp",
                error,
                secure,
                Map.of(
                        "qrSvg",
                        EnrolmentDisplay.qrSvg(enrolment),
                        "secretGroups",
                        EnrolmentDisplay.secretGroups(enrolment.secret())));
    }

    void recoveryCodes(Context ctx, Realm realm, List<String> codes, boolean secure) {
        ctx.header("Cache-Control", "no-store");
        render(ctx, realm, 200, "recovery-codes", Optional.empty(), secure, Map.of("recoveryCodes", codes));
    }

    private void render(
            Context ctx,
            Realm realm,
            int status,
            String step,
            Optional<String> error,
            boolean secure,
            Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>();
        model.put("realmName", realm.displayName().isBlank() ? realm.name() : realm.displayName());
        model.put("action", Endpoints.LOGIN_REQUIRED_ACTION.replace("{realm}", realm.name()));
        model.put("csrf", LoginForm.issueCsrf(ctx, realm, secure));
        model.put("step", step);
        model.put("error", error.orElse(""));
        model.put("qrSvg", "");
        model.put("secretGroups", "");
        model.put("recoveryCodes", List.of());
        // The realm's password policy, so the browser's own checks and the hint match the server's.
        model.put("minLength", realm.settings().passwordRules().minLength());
        model.put("maxLength", realm.settings().passwordRules().maxLength());
        model.putAll(extra);
        pages.render(ctx, status, TEMPLATE, model);
    }
}
