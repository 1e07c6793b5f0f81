package dev.curfew.bench.support;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.client.ClientService;
import dev.curfew.server.Services;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A benchmark's realm, made through a node's services: users {@code user-0} … with one password, and a public client
 * {@code app} that may use the password grant (sign-ins are set-up, not what is measured).
 */
public final class SignInRealm {
    public static final String USER_PASSWORD = "bench user password";

    private final Services services;
    private final Realm realm;

    private SignInRealm(Services services, Realm realm) {
        this.services = services;
        this.realm = realm;
    }

    public static SignInRealm create(Services services, String name, int users) {
        Realm realm = services.realms().create(name, name, true, RealmSettings.DEFAULTS);
        for (int i = 0; i < users; i++) {
            services.users()
                    .create(
                            realm,
                            "user-" + i,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            true,
                            Optional.of(USER_PASSWORD));
        }
        services.store()
                .clients()
                .create(client(realm, "app", true).directAccessGrants(true).build());
        return new SignInRealm(services, realm);
    }

    /** A confidential client set up by {@code setUp}; its secret. */
    public String confidentialClient(String clientId, UnaryOperator<Client.Builder> setUp) {
        ClientService.WithSecret made = ClientService.newSecret(setUp.apply(client(realm, clientId, false)));
        services.store().clients().create(made.client());
        return made.secret().orElseThrow();
    }

    public String userId(String username) {
        return services.store()
                .users()
                .findByUsername(realm.id(), username)
                .orElseThrow()
                .id();
    }

    private static Client.Builder client(Realm realm, String clientId, boolean publicClient) {
        return Client.create(
                Secrets.newId(),
                realm.id(),
                clientId,
                publicClient,
                publicClient ? Optional.empty() : Optional.of("x"),
                Clock.systemUTC().instant())
                .toBuilder();
    }
}
