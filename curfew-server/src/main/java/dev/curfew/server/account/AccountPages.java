package dev.curfew.server.account;

import dev.curfew.core.user.User;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** What every console page shows: the realm, the user, the navigation, the result message, the forms' token. */
final class AccountPages {
    private AccountPages() {}

    static Map<String, Object> common(Context ctx, SignedIn user, AccountGuard guard, String current) {
        String realm = user.realm().name();
        Map<String, Object> model = new HashMap<>();
        model.put("realmName", realm);
        model.put(
                "realmTitle",
                user.realm().displayName().isBlank() ? realm : user.realm().displayName());
        model.put("userName", displayName(user.user()));
        model.put("current", current);
        model.put("links", AccountLinks.of(realm));
        model.put("flash", user.console().takeFlash().orElse(null));
        model.put("csrf", guard.csrf(ctx, user.realm()));
        return model;
    }

    private static String displayName(User user) {
        String full = (user.firstName().orElse("") + " " + user.lastName().orElse("")).strip();
        return full.isEmpty() ? user.username() : full + " (" + user.username() + ")";
    }
}
