package dev.curfew.store.jdbc;

import dev.curfew.core.client.Client;
import dev.curfew.core.key.SigningKey;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.realm.RealmSettings;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.store.Store;
import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.RefreshToken;
import dev.curfew.core.user.User;
import dev.curfew.core.util.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Test data, saved through the store under test. Times are whole milliseconds from {@link #T0}, the
 * precision the schema keeps.
 */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Store store;

    Fixtures(Store store) {
        this.store = store;
    }

    static Realm newRealm(String name) {
        return new Realm(Secrets.newId(), name, "Realm " + name, true, RealmSettings.DEFAULTS, Optional.empty(), T0);
    }

    static User newUser(Realm realm, String username) {
        return new User(
                Secrets.newId(),
                realm.id(),
                username,
                Optional.of(username + "@example.com"),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                T0);
    }

    static Client newClient(Realm realm, String clientId) {
        return Client.create(Secrets.newId(), realm.id(), clientId, true, Optional.empty(), T0);
    }

    static UserSession newSession(User user, Instant createdAt) {
        return new UserSession(
                Secrets.newId(),
                user.realmId(),
                user.id(),
                Secrets.sha256(Secrets.newSecret()),
                createdAt,
                createdAt,
                "192.0.2.1",
                "Mozilla/5.0",
                Set.of("pwd"));
    }

    /** A session with the attributes session filters look at. */
    static UserSession newSession(
            User user, Instant createdAt, Instant lastActiveAt, String ipAddress, String userAgent, Set<String> amr) {
        return new UserSession(
                Secrets.newId(),
                user.realmId(),
                user.id(),
                Secrets.sha256(Secrets.newSecret()),
                createdAt,
                lastActiveAt,
                ipAddress,
                userAgent,
                amr);
    }

    static AuthorizationCode newCode(UserSession session, Client client, Instant expiresAt) {
        return new AuthorizationCode(
                Secrets.sha256(Secrets.newSecret()),
                session.realmId(),
                client.id(),
                session.id(),
                session.userId(),
                "https://app.example.com/callback",
                "openid profile",
                Optional.of("n-0S6_WzA2Mj"),
                Optional.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
                Optional.of("S256"),
                session.createdAt(),
                expiresAt.minusSeconds(60),
                expiresAt);
    }

    static RefreshToken newRefreshToken(UserSession session, Client client, Instant expiresAt) {
        return new RefreshToken(
                Secrets.sha256(Secrets.newSecret()),
                session.realmId(),
                session.id(),
                client.id(),
                session.userId(),
                "openid",
                expiresAt.minus(Duration.ofMinutes(30)),
                expiresAt,
                RefreshToken.Status.ACTIVE);
    }

    static SigningKey newKey(Realm realm, Instant createdAt) {
        return new SigningKey(
                Secrets.newId(),
                realm.id(),
                "RS256",
                "{\"kty\":\"RSA\",\"d\":\"secret\"}",
                SigningKey.Status.ACTIVE,
                createdAt);
    }

    Realm realm(String name) {
        Realm realm = newRealm(name);
        store.realms().create(realm);
        return realm;
    }

    User user(Realm realm, String username) {
        User user = newUser(realm, username);
        store.users().create(user);
        return user;
    }

    Client client(Realm realm, String clientId) {
        Client client = newClient(realm, clientId);
        store.clients().create(client);
        return client;
    }

    UserSession session(User user) {
        return session(user, T0);
    }

    UserSession session(User user, Instant createdAt) {
        UserSession session = newSession(user, createdAt);
        store.sessions().create(session);
        return session;
    }

    /** A session in which each of {@code clients} has obtained tokens. */
    UserSession session(User user, Instant createdAt, List<Client> clients) {
        UserSession session = session(user, createdAt);
        for (Client client : clients) {
            store.sessions().recordClientSession(new ClientSession(session.id(), client.id(), createdAt, createdAt));
        }
        return session;
    }

    /** A session from {@code ipAddress} with {@code userAgent}, authenticated by {@code amr}. */
    UserSession session(User user, String ipAddress, String userAgent, Set<String> amr) {
        UserSession session = newSession(user, T0, T0, ipAddress, userAgent, amr);
        store.sessions().create(session);
        return session;
    }

    AuthorizationCode code(UserSession session, Client client, Instant expiresAt) {
        AuthorizationCode code = newCode(session, client, expiresAt);
        store.tokens().saveCode(code);
        return code;
    }

    RefreshToken refreshToken(UserSession session, Client client, Instant expiresAt) {
        RefreshToken token = newRefreshToken(session, client, expiresAt);
        store.tokens().saveRefreshToken(token);
        return token;
    }

    SigningKey key(Realm realm, Instant createdAt) {
        SigningKey key = newKey(realm, createdAt);
        store.keys().create(key);
        return key;
    }
}
