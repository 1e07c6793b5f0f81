package dev.curfew.server.testing;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.client.ClientService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A realm of its own for one test, set up directly through the services (not the admin API): users with
 * a known password, and clients registered with {@link #REDIRECT_URI} and {@link #POST_LOGOUT_URI}.
 */
public final class TestRealm {
    public static final String PASSWORD = "correct horse battery";
    public static final String REDIRECT_URI = "https://app.example.test/callback";
    public static final String POST_LOGOUT_URI = "https://app.example.test/signed-out";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestCurfew curfew;
    private final String name;

    private TestRealm(TestCurfew curfew, String name) {
        this.curfew = curfew;
        this.name = name;
    }

    public static TestRealm create(TestCurfew curfew) {
        return create(curfew, RealmSettings.DEFAULTS);
    }

    public static TestRealm create(TestCurfew curfew, RealmSettings settings) {
        String name = "realm-" + COUNTER.incrementAndGet();
        curfew.services().realms().create(name, "Test realm " + name, true, settings);
        return new TestRealm(curfew, name);
    }

    /** A realm that already exists, say in the database a restarted server opened. */
    public static TestRealm existing(TestCurfew curfew, String name) {
        curfew.services().realms().find(name).orElseThrow();
        return new TestRealm(curfew, name);
    }

    /** A confidential client and its secret in clear text. */
    public record ConfidentialClient(Client client, String secret) {
        public String clientId() {
            return client.clientId();
        }

        /** RFC 6749 §2.3.1 client_secret_basic header value. */
        public String basic() {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString((client.clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        public String[] basicHeader() {
            return new String[] {"Authorization", basic()};
        }
    }

    public TestCurfew curfew() {
        return curfew;
    }

    public String name() {
        return name;
    }

    /** The realm as stored now. */
    public Realm realm() {
        return curfew.services().realms().find(name).orElseThrow();
    }

    public String issuer() {
        return curfew.issuer(name);
    }

    public String path(String suffix) {
        return "/realms/" + name + suffix;
    }

    public String discoveryPath() {
        return path("/.well-known/openid-configuration");
    }

    public String authPath() {
        return path("/protocol/openid-connect/auth");
    }

    public String tokenPath() {
        return path("/protocol/openid-connect/token");
    }

    public String userinfoPath() {
        return path("/protocol/openid-connect/userinfo");
    }

    public String certsPath() {
        return path("/protocol/openid-connect/certs");
    }

    public String introspectPath() {
        return path("/protocol/openid-connect/token/introspect");
    }

    public String revokePath() {
        return path("/protocol/openid-connect/revoke");
    }

    public String logoutPath() {
        return path("/protocol/openid-connect/logout");
    }

    /** An enabled user with {@link #PASSWORD}, e-mail {@code <username>@example.test} and a full name. */
    public User user(String username) {
        return curfew.services()
                .users()
                .create(
                        realm(),
                        username,
                        Optional.of(username + "@example.test"),
                        Optional.of("Ada"),
                        Optional.of("Lovelace"),
                        true,
                        Optional.of(PASSWORD));
    }

    public ConfidentialClient confidentialClient(String clientId) {
        return confidentialClient(clientId, UnaryOperator.identity());
    }

    /** A confidential client with the standard flow, the test redirect URIs, and {@code change} applied. */
    public ConfidentialClient confidentialClient(String clientId, UnaryOperator<Client.Builder> change) {
        Client base = Client.create(
                Secrets.newId(),
                realm().id(),
                clientId,
                false,
                Optional.of("placeholder"),
                curfew.clock().instant());
        ClientService.WithSecret withSecret = ClientService.newSecret(change.apply(registered(base.toBuilder())));
        curfew.services().store().clients().create(withSecret.client());
        return new ConfidentialClient(withSecret.client(), withSecret.secret().orElseThrow());
    }

    public Client publicClient(String clientId) {
        return publicClient(clientId, UnaryOperator.identity());
    }

    public Client publicClient(String clientId, UnaryOperator<Client.Builder> change) {
        Client client = change.apply(registered(Client.create(
                        Secrets.newId(),
                        realm().id(),
                        clientId,
                        true,
                        Optional.empty(),
                        curfew.clock().instant())
                        .toBuilder()))
                .build();
        curfew.services().store().clients().create(client);
        return client;
    }

    /** Replaces a stored client with a changed copy. */
    public Client update(Client client, UnaryOperator<Client.Builder> change) {
        Client changed = change.apply(client.toBuilder()).build();
        curfew.services().store().clients().update(changed);
        return changed;
    }

    private static Client.Builder registered(Client.Builder builder) {
        return builder.redirectUris(List.of(REDIRECT_URI)).postLogoutRedirectUris(List.of(POST_LOGOUT_URI));
    }
}
