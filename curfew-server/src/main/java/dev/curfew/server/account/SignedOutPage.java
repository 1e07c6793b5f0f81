package dev.curfew.server.account;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.http.Pages;
import dev.curfew.server.oidc.RealmResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Optional;

/** Where the browser lands after signing this device out; it needs no session. */
public final class SignedOutPage implements Handler {
    private final RealmResolver realms;
    private final Pages pages;

    public SignedOutPage(RealmResolver realms, Pages pages) {
        this.realms = realms;
        this.pages = pages;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Realm> realm = realms.requireForPage(ctx);
        if (realm.isEmpty()) {
            return;
        }
        pages.render(
                ctx,
                200,
                "account/message.jte",
                Map.of(
                        "realmName",
                        realm.get().name(),
                        "title",
                        "You are signed out",
                        "message",
                        "This device is signed out of your account.",
                        "linkText",
                        "Sign in again",
                        "linkHref",
                        AccountPaths.of(AccountPaths.HOME, realm.get().name())));
    }
}
