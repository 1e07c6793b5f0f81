package dev.curfew.server.bootstrap;

import dev.curfew.core.client.Client;
import dev.curfew.core.client.ClientIds;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The admin console's own registration: a public client {@value #CLIENT_ID} of the master realm using the
 * authorization code flow with PKCE (RFC 9700 §2.1.1), whose redirect URIs follow the configured
 * {@code public-url}, or else {@code http://localhost:<port>} and {@code http://127.0.0.1:<port>}. Runs at
 * every start once the port is known, creating the client when missing and correcting its URIs when the
 * address changed, so the console works on any port without manual registration.
 */
public final class ConsoleClient {
    public static final String CLIENT_ID = ClientIds.ADMIN_CONSOLE;
    public static final String CALLBACK_PATH = "/admin/console/callback";
    public static final String SIGNED_OUT_PATH = "/admin/console/signed-out";

    private final Store store;
    private final Optional<URI> publicUrl;
    private final Clock clock;

    public ConsoleClient(Store store, Optional<URI> publicUrl, Clock clock) {
        this.store = store;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The base URLs the console is reached under when it has no public URL. */
    public static List<String> localBases(int port) {
        return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
    }

    public void ensure(int port) {
        Realm master = store.realms()
                .findByName(Realm.MASTER)
                .orElseThrow(() -> new IllegalStateException("the master realm is missing"));
        List<String> bases = publicUrl.map(u -> List.of(u.toString())).orElseGet(() -> localBases(port));
        List<String> callbacks = bases.stream().map(b -> b + CALLBACK_PATH).toList();
        List<String> signedOut = bases.stream().map(b -> b + SIGNED_OUT_PATH).toList();
        Optional<Client> existing = store.clients().findByClientId(master.id(), CLIENT_ID);
        if (existing.isEmpty()) {
            store.clients()
                    .create(Client.create(
                                    Secrets.newId(), master.id(), CLIENT_ID, true, Optional.empty(), clock.instant())
                            .toBuilder()
                            .name("Curfew admin console")
                            .standardFlow(true)
                            .directAccessGrants(false)
                            .redirectUris(callbacks)
                            .postLogoutRedirectUris(signedOut)
                            .build());
            return;
        }
        Client client = existing.get();
        if (!client.redirectUris().equals(callbacks)
                || !client.postLogoutRedirectUris().equals(signedOut)) {
            store.clients()
                    .update(client.toBuilder()
                            .redirectUris(callbacks)
                            .postLogoutRedirectUris(signedOut)
                            .build());
        }
    }
}
