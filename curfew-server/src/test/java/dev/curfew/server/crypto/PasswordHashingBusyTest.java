package dev.curfew.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.engine.testing.HeldHasher;
import dev.curfew.server.testing.Browser;
import dev.curfew.server.testing.MutableClock;
import dev.curfew.server.testing.OidcFlow;
import dev.curfew.server.testing.TestCurfew;
import dev.curfew.server.testing.TestRealm;
import dev.curfew.server.testing.TestRealm.ConfidentialClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A server with one hashing thread and a queue of one: a held verification occupies the thread, a second waits in
 * the queue, and then every further password check must be refused at once — 503 with Retry-After, in the model
 * of each endpoint — while requests that hash nothing go on.
 */
@DisplayName("A full password-hashing queue answers 503 with Retry-After instead of queueing without end")
class PasswordHashingBusyTest {
    static final HeldHasher held = new HeldHasher();
    static TestCurfew curfew;
    static TestRealm realm;
    static ConfidentialClient cli;
    static String adminToken;

    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private List<Future<HttpResponse<String>>> filling;

    @BeforeAll
    static void start() {
        curfew = TestCurfew.start(
                Map.of("password-hash-threads", "1", "password-hash-queue", "1"), new MutableClock(), held);
        realm = TestRealm.create(curfew);
        cli = realm.confidentialClient("cli", b -> b.directAccessGrants(true).serviceAccounts(true));
        realm.confidentialClient("web");
        for (String user : List.of("alice", "bob", "carol")) {
            realm.user(user);
        }
        adminToken = curfew.adminToken();
    }

    @AfterAll
    static void stop() {
        curfew.close();
    }

    /** Holds the hashing thread with alice's sign-in and fills the queue with bob's. */
    @BeforeEach
    void fillThePool() {
        held.hold();
        int before = held.started().size();
        Future<HttpResponse<String>> running = callers.submit(() -> grant("alice"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> held.started().size() == before + 1);
        Future<HttpResponse<String>> waiting = callers.submit(() -> grant("bob"));
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> curfew.services()
                                .meters()
                                .get("curfew.password.hash.queued")
                                .gauge()
                                .value()
                        == 1);
        filling = List.of(running, waiting);
    }

    /** Lets the held sign-ins finish: they were only delayed, never refused. */
    @AfterEach
    void drain() throws Exception {
        held.release();
        for (Future<HttpResponse<String>> f : filling) {
            assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        callers.shutdownNow();
    }

    static HttpResponse<String> grant(String user) {
        return curfew.postForm(
                realm.tokenPath(),
                Map.of("grant_type", "password", "username", user, "password", TestRealm.PASSWORD),
                cli.basicHeader());
    }

    @Test
    @DisplayName("the token endpoint: 503 temporarily_unavailable with Retry-After")
    void tokenEndpointAnswersTemporarilyUnavailable() {
        HttpResponse<String> response = grant("carol");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestCurfew.json(response).get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    @DisplayName("the login page: a 503 page that says to try again, with Retry-After")
    void loginPageSaysBusy() {
        Browser browser = curfew.browser();
        HttpResponse<String> page = browser.get(OidcFlow.authorizeUrl(realm, OidcFlow.authParams("web")));
        HttpResponse<String> response = browser.submitLogin(page, "carol", TestRealm.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).contains("Busy, try again").contains("Wait a second");
    }

    @Test
    @DisplayName("the admin API: creating a user with a password is a 503 problem with Retry-After")
    void adminApiAnswersAProblem() {
        HttpResponse<String> response = curfew.postJson(
                "/admin/realms/" + realm.name() + "/users",
                Map.of(
                        "username",
                        "dave",
                        "credentials",
                        List.of(Map.of("type", "password", "value", TestRealm.PASSWORD))),
                TestCurfew.bearer(adminToken));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        JsonNode problem = TestCurfew.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(curfew.services()
                        .store()
                        .users()
                        .findByUsername(realm.realm().id(), "dave"))
                .isEmpty();
    }

    @Test
    @DisplayName("a grant that hashes nothing is answered as usual")
    void clientCredentialsGoOn() {
        HttpResponse<String> response =
                curfew.postForm(realm.tokenPath(), Map.of("grant_type", "client_credentials"), cli.basicHeader());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
