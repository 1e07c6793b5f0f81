package dev.curfew.bench.vskeycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A realm set up the same way on both servers through the same admin calls: a confidential client with the
 * password grant ({@code bench-app}, whose access tokens name it in {@code aud} so that Keycloak's introspection,
 * which since 26.6.2 answers only clients in the token's audience, accepts them from it), a confidential client
 * with the client credentials grant ({@code bench-service}), and users with passwords. Refresh tokens rotate on
 * both: Curfew always rotates them; Keycloak does with {@code revokeRefreshToken} and no reuse.
 */
record BenchRealm(String name, Client app, Client service, List<User> users) {
    private static final int PARALLEL_USER_CREATION = 4;

    record Client(String clientId, String secret) {
        String basic() {
            return Http.basic(clientId, secret);
        }
    }

    record User(String id, String username, String password) {}

    static BenchRealm create(Admin admin, String name, int userCount)
            throws IOException, InterruptedException, ExecutionException {
        return create(admin, name, userCount, Optional.empty());
    }

    /** As {@link #create(Admin, String, int)}, with the realm's {@code passwordPolicy} when one is given. */
    static BenchRealm create(Admin admin, String name, int userCount, Optional<String> passwordPolicy)
            throws IOException, InterruptedException, ExecutionException {
        return create(admin, name, userCount, passwordPolicy, Optional.empty());
    }

    /**
     * As {@link #create(Admin, String, int, Optional)}, and with the algorithm the realm signs tokens with ({@code
     * defaultSignatureAlgorithm}, e.g. {@code ES256}) when one is given.
     */
    static BenchRealm create(
            Admin admin,
            String name,
            int userCount,
            Optional<String> passwordPolicy,
            Optional<String> signatureAlgorithm)
            throws IOException, InterruptedException, ExecutionException {
        ObjectNode realm = Admin.JSON
                .createObjectNode()
                .put("realm", name)
                .put("enabled", true)
                .put("accessTokenLifespan", 300)
                .put("ssoSessionIdleTimeout", 1800)
                .put("ssoSessionMaxLifespan", 36000)
                .put("revokeRefreshToken", true)
                .put("refreshTokenMaxReuse", 0);
        passwordPolicy.ifPresent(policy -> realm.put("passwordPolicy", policy));
        signatureAlgorithm.ifPresent(algorithm -> realm.put("defaultSignatureAlgorithm", algorithm));
        admin.createRealm(realm);
        Client app = new Client("bench-app", "bench-app-secret-" + name + "-0123456789abcdefghijklmnop");
        Client service = new Client("bench-service", "bench-service-secret-" + name + "-0123456789abcdefghijkl");
        admin.createClient(name, appClient(app));
        admin.createClient(name, serviceClient(service));
        return new BenchRealm(name, app, service, createUsers(admin, name, userCount));
    }

    private static ObjectNode appClient(Client app) {
        ObjectNode client =
                confidential(app).put("directAccessGrantsEnabled", true).put("serviceAccountsEnabled", false);
        // Keycloak's audience mapper; Curfew ignores protocolMappers (unknown fields are ignored) and puts the
        // client in aud by itself.
        client.putArray("protocolMappers")
                .addObject()
                .put("name", "audience " + app.clientId())
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper")
                .putObject("config")
                .put("included.client.audience", app.clientId())
                .put("access.token.claim", "true")
                .put("introspection.token.claim", "true")
                .put("id.token.claim", "false");
        return client;
    }

    private static ObjectNode serviceClient(Client service) {
        return confidential(service).put("directAccessGrantsEnabled", false).put("serviceAccountsEnabled", true);
    }

    private static ObjectNode confidential(Client c) {
        return Admin.JSON
                .createObjectNode()
                .put("clientId", c.clientId())
                .put("enabled", true)
                .put("publicClient", false)
                .put("secret", c.secret())
                .put("standardFlowEnabled", false);
    }

    /** Each user's password is hashed by the server at creation: a few at a time. */
    private static List<User> createUsers(Admin admin, String realm, int count)
            throws InterruptedException, ExecutionException {
        Semaphore slots = new Semaphore(PARALLEL_USER_CREATION);
        List<Future<User>> futures = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String username = "bench-user-" + i;
                String password = "bench-password-" + i + "-of-" + realm;
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return new User(admin.createUser(realm, username, password), username, password);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<User> users = new ArrayList<>();
            for (Future<User> f : futures) {
                users.add(f.get());
            }
            return users;
        }
    }
}
