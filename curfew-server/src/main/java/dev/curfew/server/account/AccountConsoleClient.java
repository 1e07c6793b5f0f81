package dev.curfew.server.account;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.config.CurfewConfig;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The account console's OIDC client in every realm: {@code account-console}, public, authorization code
 * flow with PKCE (RFC 9700 §2.1.1), its redirect URIs at Curfew's own base URLs. Created with each realm,
 * and at every start for realms that lack it; at every start its redirect URIs are set again from the
 * configuration, so a changed {@code public-url} or port never leaves the console unable to sign in.
 * Nothing else about it (enabled, name) is overwritten: disabling it turns the console off for a realm.
 */
public final class AccountConsoleClient {
    public static final String CLIENT_ID = ClientIds.ACCOUNT_CONSOLE;
    public static final String NAME = "Account console";

    private final Store store;
    private final CurfewConfig config;
    private final Clock clock;
    /** Base URLs without a trailing slash; empty until the listening port is known (port 0 in tests). */
    private volatile List<String> baseUrls;

    public AccountConsoleClient(Store store, CurfewConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.baseUrls = config.httpPort() == 0 && config.publicUrl().isEmpty()
                ? List.of()
                : baseUrls(config, config.httpPort());
    }

    /**
     * The public URL when configured; otherwise both loopback names, since a browser on the machine may
     * use either and they are different origins.
     */
    static List<String> baseUrls(CurfewConfig config, int port) {
        return config.publicUrl()
                .map(u -> List.of(stripSlash(u.toString())))
                .orElse(List.of("http://localhost:" + port, "http://127.0.0.1:" + port));
    }

    /** Called once the server listens: fixes the base URLs and brings every realm's client up to date. */
    public void serving(int port) {
        baseUrls = baseUrls(config, port);
        for (Realm realm : store.realms().list()) {
            ensure(store, realm);
        }
    }

    /** Creates the realm's client when missing, or corrects its redirect URIs; inside {@code tx} when given one. */
    public void ensure(Store tx, Realm realm) {
        List<String> redirects = uris(realm, AccountPaths.CALLBACK);
        List<String> postLogout = uris(realm, AccountPaths.SIGNED_OUT);
        Optional<Client> existing = tx.clients().findByClientId(realm.id(), CLIENT_ID);
        if (existing.isEmpty()) {
            tx.clients()
                    .create(
                            Client.create(
                                            Secrets.newId(),
                                            realm.id(),
                                            CLIENT_ID,
                                            true,
                                            Optional.empty(),
                                            clock.instant())
                                    .toBuilder()
                                    .name(NAME)
                                    .standardFlow(true)
                                    .redirectUris(redirects)
                                    .postLogoutRedirectUris(postLogout)
                                    .build());
            return;
        }
        Client client = existing.get();
        if (!client.redirectUris().equals(redirects)
                || !client.postLogoutRedirectUris().equals(postLogout)) {
            tx.clients()
                    .update(client.toBuilder()
                            .redirectUris(redirects)
                            .postLogoutRedirectUris(postLogout)
                            .build());
        }
    }

    private List<String> uris(Realm realm, String path) {
        return baseUrls.stream()
                .map(b -> b + AccountPaths.of(path, realm.name()))
                .toList();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
