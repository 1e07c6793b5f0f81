package dev.curfew.server.account;

import dev.curfew.server.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The password form: current password, the new one twice, and "sign out other devices" (checked). */
public final class PasswordPage implements Handler {
    private final AccountGuard guard;
    private final Pages pages;

    public PasswordPage(AccountGuard guard, Pages pages) {
        this.guard = guard;
        this.pages = pages;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forPage(ctx, AccountPaths.PASSWORD);
        if (signedIn.isEmpty()) {
            return;
        }
        Map<String, Object> model = new HashMap<>(AccountPages.common(ctx, signedIn.get(), guard, "password"));
        // The realm's policy, so the browser's own checks match the server's.
        model.put("minLength", signedIn.get().realm().settings().passwordRules().minLength());
        model.put("maxLength", signedIn.get().realm().settings().passwordRules().maxLength());
        pages.render(ctx, 200, "account/password.jte", model);
    }
}
