package dev.curfew.server.account;

import dev.curfew.engine.otp.OtpService;
import dev.curfew.server.http.Pages;
import dev.curfew.server.oidc.authorize.EnrolmentDisplay;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-factor page in its three states: enrolling (the QR code of the key URI, the secret as text, a field for
 * the first code), just confirmed (the recovery codes, shown this once), and enrolled (codes left, and removal).
 */
final class TwoFactorView {
    static final String TEMPLATE = "account/two-factor.jte";

    private TwoFactorView() {}

    static void enrolling(
            Context ctx,
            Pages pages,
            Map<String, Object> common,
            OtpService.Enrolment enrolment,
            int status,
            String error) {
        Map<String, Object> model = base(common, "enrolling");
        model.put("secret", enrolment.secret());
        model.put("secretGroups", EnrolmentDisplay.secretGroups(enrolment.secret()));
        model.put("qrSvg", EnrolmentDisplay.qrSvg(enrolment));
        model.put("error", error);
        // The page shows a secret: no cache may keep it.
        ctx.header("Cache-Control", "no-store");
        pages.render(ctx, status, TEMPLATE, model);
    }

    static void confirmed(Context ctx, Pages pages, Map<String, Object> common, List<String> recoveryCodes) {
        Map<String, Object> model = base(common, "confirmed");
        model.put("recoveryCodes", recoveryCodes);
        ctx.header("Cache-Control", "no-store");
        pages.render(ctx, 200, TEMPLATE, model);
    }

    static void enrolled(Context ctx, Pages pages, Map<String, Object> common, int recoveryCodesLeft) {
        Map<String, Object> model = base(common, "enrolled");
        model.put("recoveryCodesLeft", recoveryCodesLeft);
        pages.render(ctx, 200, TEMPLATE, model);
    }

    private static Map<String, Object> base(Map<String, Object> common, String state) {
        Map<String, Object> model = new HashMap<>(common);
        model.put("state", state);
        model.put("secret", "");
        model.put("secretGroups", "");
        model.put("qrSvg", "");
        model.put("error", "");
        model.put("recoveryCodes", List.of());
        model.put("recoveryCodesLeft", 0);
        return model;
    }

    /** The base32 secret in groups of four characters, easier to type into an app by hand. */
}
