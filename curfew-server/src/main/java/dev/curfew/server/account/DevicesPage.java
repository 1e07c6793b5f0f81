package dev.curfew.server.account;

import dev.curfew.server.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** "Your devices": every session of the signed-in user, with a sign-out for each and for all others. */
public final class DevicesPage implements Handler {
    private final AccountGuard guard;
    private final UserDevices devices;
    private final Pages pages;

    public DevicesPage(AccountGuard guard, UserDevices devices, Pages pages) {
        this.guard = guard;
        this.devices = devices;
        this.pages = pages;
    }

    @Override
    public void handle(Context ctx) {
        Optional<SignedIn> signedIn = guard.forPage(ctx, AccountPaths.HOME);
        if (signedIn.isEmpty()) {
            return;
        }
        SignedIn user = signedIn.get();
        var list = devices.list(user);
        Map<String, Object> model = new HashMap<>(AccountPages.common(ctx, user, guard, "devices"));
        model.put("devices", list);
        model.put("others", list.stream().filter(d -> !d.thisDevice()).count());
        pages.render(ctx, 200, "account/devices.jte", model);
    }
}
