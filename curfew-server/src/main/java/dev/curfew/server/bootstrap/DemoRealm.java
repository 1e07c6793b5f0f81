package dev.curfew.server.bootstrap;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.core.store.UserQuery;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.client.ClientService;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.engine.user.UserService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code demo} realm, for trying a login within a minute: three users and a confidential client
 * {@code demo-app} whose redirect URI is a local address the operator's own app (or curl) can use.
 * Passwords and the client secret are generated and printed once; later starts name the users and how to give
 * them a new password ({@code curfew users set-password}).
 */
public final class DemoRealm {
    public static final String NAME = "demo";
    public static final String CLIENT_ID = "demo-app";
    public static final String REDIRECT_URI = "http://localhost:3000/callback";
    public static final List<String> USERS = List.of("alice", "bob", "carol");

    private final Store store;
    private final Clock clock;
    private final RealmService realms;
    private final UserService users;

    public DemoRealm(Store store, Clock clock, RealmService realms, UserService users) {
        this.store = store;
        this.clock = clock;
        this.realms = realms;
        this.users = users;
    }

    /** How many of an existing demo realm's users the start-up message names. */
    static final int USERS_SHOWN = 10;

    /** The demo realm at this start: just created, or there from an earlier start. */
    public sealed interface State permits Created, Existing {}

    /** The demo realm's credentials, shown once. */
    public record Created(Map<String, String> passwords, String clientId, String clientSecret, String redirectUri)
            implements State {}

    /**
     * A demo realm made by an earlier start, whose passwords are known only as hashes: its users (the first
     * {@value #USERS_SHOWN} by name) and how many there are, so the operator knows whom to give a new password.
     */
    public record Existing(List<String> users, long userCount, String clientId, String redirectUri) implements State {
        public Existing {
            users = List.copyOf(users);
        }
    }

    /** Creates the realm, its users with {@code passwords}' demo ones, or describes the one an earlier start created. */
    public State createOrDescribe(FirstStartPasswords passwords) {
        return realms.find(NAME).<State>map(this::describe).orElseGet(() -> create(passwords));
    }

    private Existing describe(Realm realm) {
        UserQuery all = UserQuery.all(realm.id(), new Page(0, USERS_SHOWN));
        List<String> users =
                store.users().search(all).stream().map(User::username).toList();
        return new Existing(users, store.users().count(all), CLIENT_ID, REDIRECT_URI);
    }

    private Created create(FirstStartPasswords passwords) {
        Realm realm = realms.create(NAME, "Demo", true, RealmSettings.DEFAULTS);
        passwords.demo().forEach((user, password) -> {
            String first = Character.toUpperCase(user.charAt(0)) + user.substring(1);
            users.create(
                    realm,
                    user,
                    Optional.of(user + "@demo.test"),
                    Optional.of(first),
                    Optional.of("Demo"),
                    true,
                    Optional.of(password),
                    passwords.hashOf(password));
        });
        ClientService.WithSecret client = ClientService.newSecret(
                Client.create(Secrets.newId(), realm.id(), CLIENT_ID, false, Optional.of("pending"), clock.instant())
                        .toBuilder()
                        .name("Demo application")
                        .redirectUris(List.of(REDIRECT_URI))
                        .postLogoutRedirectUris(List.of("http://localhost:3000/"))
                        .serviceAccounts(true));
        store.clients().create(client.client());
        return new Created(passwords.demo(), CLIENT_ID, client.secret().orElseThrow(), REDIRECT_URI);
    }
}
