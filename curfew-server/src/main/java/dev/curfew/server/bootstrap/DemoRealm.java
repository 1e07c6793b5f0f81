package dev.curfew.server.bootstrap;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.util.Secrets;
import dev.curfew.server.Services;
import dev.curfew.server.client.ClientService;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code demo} realm, for trying a login within a minute: three users and a confidential client
 * {@code demo-app} whose redirect URI is a local address the operator's own app (or curl) can use.
 * Passwords and the client secret are generated and printed once.
 */
public final class DemoRealm {
    public static final String NAME = "demo";
    public static final String CLIENT_ID = "demo-app";
    public static final String REDIRECT_URI = "http://localhost:3000/callback";
    public static final List<String> USERS = List.of("alice", "bob", "carol");

    private final Services services;

    public DemoRealm(Services services) {
        this.services = services;
    }

    /** The demo realm's credentials, shown once. */
    public record Created(Map<String, String> passwords, String clientId, String clientSecret, String redirectUri) {}

    public Optional<Created> createIfMissing() {
        if (services.realms().find(NAME).isPresent()) {
            return Optional.empty();
        }
        Realm realm = services.realms().create(NAME, "Demo", true, RealmSettings.DEFAULTS);
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        for (String user : USERS) {
            String password = Secrets.newSecret().substring(0, 16);
            String first = Character.toUpperCase(user.charAt(0)) + user.substring(1);
            services.users()
                    .create(
                            realm,
                            user,
                            Optional.of(user + "@demo.test"),
                            Optional.of(first),
                            Optional.of("Demo"),
                            true,
                            Optional.of(password));
            passwords.put(user, password);
        }
        ClientService.WithSecret client = ClientService.newSecret(Client.create(
                        Secrets.newId(),
                        realm.id(),
                        CLIENT_ID,
                        false,
                        Optional.of("pending"),
                        services.clock().instant())
                .toBuilder()
                .name("Demo application")
                .redirectUris(List.of(REDIRECT_URI))
                .postLogoutRedirectUris(List.of("http://localhost:3000/"))
                .serviceAccounts(true));
        services.store().clients().create(client.client());
        return Optional.of(new Created(passwords, CLIENT_ID, client.secret().orElseThrow(), REDIRECT_URI));
    }
}
