package dev.curfew.server.welcome;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.account.AccountPaths;
import dev.curfew.server.http.Pages;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /}: where a newcomer lands after starting Curfew. Links to the admin console, each enabled realm's
 * account console and discovery document, and the guides.
 */
public final class WelcomePage implements Handler {
    /** The admin console's entry; it sends the browser on to the console's sign-in. */
    public static final String ADMIN_CONSOLE = "/admin";

    private final Store store;
    private final RequestInfo requestInfo;
    private final Pages pages;

    public WelcomePage(Store store, RequestInfo requestInfo, Pages pages) {
        this.store = store;
        this.requestInfo = requestInfo;
        this.pages = pages;
    }

    /** One realm's line: its name, issuer, and the addresses people open. */
    public record RealmLinks(String name, String displayName, String issuer, String accountConsole, String discovery) {
        static RealmLinks of(Realm realm, String issuer) {
            return new RealmLinks(
                    realm.name(),
                    realm.displayName(),
                    issuer,
                    AccountPaths.of(AccountPaths.HOME, realm.name()),
                    "/realms/" + realm.name() + "/.well-known/openid-configuration");
        }
    }

    @Override
    public void handle(Context ctx) {
        List<RealmLinks> realms = store.realms().list().stream()
                .filter(Realm::enabled)
                .map(r -> RealmLinks.of(r, requestInfo.issuer(ctx, r.name())))
                .toList();
        pages.render(
                ctx, 200, "welcome.jte", Map.of("adminConsole", ADMIN_CONSOLE, "realms", realms, "guides", Guide.ALL));
    }
}
