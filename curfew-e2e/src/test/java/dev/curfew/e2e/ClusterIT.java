package dev.curfew.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.e2e.support.Balancer.ServerState;
import dev.curfew.e2e.support.Cluster;
import dev.curfew.e2e.support.Cluster.Node;
import dev.curfew.e2e.support.CurfewHttp;
import dev.curfew.e2e.support.CurfewHttp.Answer;
import dev.curfew.e2e.support.OpenidClientScript;
import dev.curfew.e2e.support.RealmApi;
import dev.curfew.e2e.support.RealmApi.Client;
import dev.curfew.e2e.support.RealmApi.Tokens;
import dev.curfew.server.testing.Chrome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Curfew as three nodes on one PostgreSQL behind HAProxy (round robin, no stickiness, health checks on {@code
 * /health/ready}): what holds when any request may reach any node. Clients talk to the balancer; to show that
 * something holds everywhere, the test then asks each node directly. One cluster serves every test of the class
 * (starting it is most of the run time); a test that kills a node starts it again before it ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int NODES = 3;
    /** Of the 20,000 sessions of the killed-node test, those signed in to a relying party that hears of sign-outs. */
    private static final int CLIENT_SESSIONS = 2_000;

    @TempDir
    static Path directory;

    static Cluster cluster;
    static CurfewHttp balancer;
    static RealmApi demo;
    static Client app;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = Cluster.start(directory, NODES);
        balancer = cluster.http();
        demo = new RealmApi(balancer, balancer.adminToken("admin", cluster.adminPassword()));
        app = demo.createClient("cluster-app");
    }

    @AfterAll
    static void stopCluster() {
        if (balancer != null) {
            balancer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a user and a session signed out through the balancer are refused by every node: refresh and"
            + " introspection")
    void signOutHoldsOnEveryNode() {
        Tokens alice = demo.signIn(app, "alice", cluster.demoPasswords().get("alice"));
        Tokens bob = demo.signIn(app, "bob", cluster.demoPasswords().get("bob"));
        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                assertThat(demo.via(direct).active(alice))
                        .as("alice's token on %s before", node)
                        .isTrue();
                assertThat(demo.via(direct).active(bob))
                        .as("bob's token on %s before", node)
                        .isTrue();
            }
        }

        demo.signOutUser(alice.userId());
        demo.signOutSession(bob.sid());

        // Each node judges tokens from memory and hears of a sign-out through PostgreSQL within milliseconds
        // (bench/cluster-signout.sh measures it); a second is a generous bound, not what is expected.
        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                RealmApi there = demo.via(direct);
                for (Tokens tokens : List.of(alice, bob)) {
                    String who = tokens == alice ? "alice (user sign-out)" : "bob (session sign-out)";
                    assertThat(there.refresh(tokens).text("error"))
                            .as("%s: refresh on %s", who, node)
                            .isEqualTo("invalid_grant");
                    Awaitility.await(who + ": introspection on " + node + " refuses it")
                            .atMost(Duration.ofSeconds(1))
                            .pollInterval(Duration.ofMillis(5))
                            .pollDelay(Duration.ZERO)
                            .until(() -> !there.active(tokens));
                }
            }
        }
    }

    @Test
    @Order(2)
    @DisplayName("the admin API works round robin: a token issued by any node is accepted by every node, and"
            + " requests through the balancer reach every node")
    void adminApiWorksRoundRobin() {
        for (Node issuer : cluster.nodes()) {
            String token;
            try (CurfewHttp direct = issuer.http()) {
                token = direct.adminToken("admin", cluster.adminPassword());
            }
            assertThat(CurfewHttp.claims(token).path("iss").asText())
                    .as("issuer of a token from %s", issuer)
                    .isEqualTo(cluster.url() + "/realms/master");
            for (Node node : cluster.nodes()) {
                try (CurfewHttp direct = node.http()) {
                    assertThat(direct.get("/admin/realms", token).status())
                            .as("a token from %s on %s", issuer, node)
                            .isEqualTo(200);
                }
            }
        }

        Map<String, ServerState> before = cluster.balancer().servers();
        String userId = RealmApi.expect(
                        demo.admin(
                                "POST", "/admin/realms/demo/users", Map.of("username", "round-robin", "enabled", true)),
                        201)
                .text("id");
        for (int i = 0; i < 3 * NODES; i++) {
            assertThat(demo.adminGet("/admin/realms/demo/users/" + userId)
                            .path("username")
                            .asText())
                    .as("read %d through the balancer", i)
                    .isEqualTo("round-robin");
        }
        Map<String, ServerState> after = cluster.balancer().servers();
        for (Node node : cluster.nodes()) {
            assertThat(after.get(node.name()).requests()
                            - before.get(node.name()).requests())
                    .as("requests the balancer sent to %s", node)
                    .isPositive();
        }
    }

    @Test
    @Order(3)
    @DisplayName("a node killed with kill -9 is taken out by the balancer's health check, requests keep"
            + " succeeding, and the node restarted takes requests again")
    void killedNodeIsTakenOut() {
        Node victim = cluster.node(2);
        assertThat(victim.kill()).as("exit code of SIGKILL").isEqualTo(128 + 9);

        List<String> failures = new ArrayList<>();
        int requests = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.balancer().servers().get(victim.name()).up() && System.nanoTime() < deadline) {
            requests += requestsThroughBalancer(failures);
        }
        assertThat(cluster.balancer().servers().get(victim.name()).up())
                .as("%s still up for the balancer 20 s after its kill", victim)
                .isFalse();
        for (int i = 0; i < 3 * NODES; i++) {
            requests += requestsThroughBalancer(failures);
        }
        assertThat(failures)
                .as("failed of %d requests through the balancer", requests)
                .isEmpty();

        victim.restart();
        cluster.balancer().awaitStatus(victim.name(), "UP", Duration.ofSeconds(30));
        long before = cluster.balancer().servers().get(victim.name()).requests();
        for (int i = 0; i < 3 * NODES; i++) {
            requestsThroughBalancer(failures);
        }
        assertThat(failures).as("failures after the restart").isEmpty();
        assertThat(cluster.balancer().servers().get(victim.name()).requests())
                .as("requests sent to %s after its restart", victim)
                .isGreaterThan(before);
    }

    @Test
    @Order(4)
    @DisplayName("PostgreSQL restarted mid-run: no acknowledged write is lost, and every node serves again")
    void postgresRestartLosesNoAcknowledgedWrite() throws Exception {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        // Writes one after the other through the balancer, bounded in count and time, until told to stop.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (int i = 0; i < 2_000 && writing.get() && System.nanoTime() < deadline; i++) {
                String username = "pg-restart-" + i;
                try {
                    Answer answer = demo.admin(
                            "POST", "/admin/realms/demo/users", Map.of("username", username, "enabled", true));
                    (answer.status() == 201 ? acknowledged : refused).add(username + " " + answer.status());
                } catch (RuntimeException e) {
                    refused.add(username + " " + e);
                }
                if (refused.contains(username + " 503")) {
                    // Told to retry, it waits a little (less than Retry-After, to keep the test short): refused at
                    // once by the balancer while every node is out, it would spend its writes before the restart.
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
        });
        await("10 writes acknowledged before the stop").until(() -> acknowledged.size() >= 10);
        cluster.postgres().stop();
        int beforeRestart = acknowledged.size();
        await("a write refused while PostgreSQL is down").until(() -> !refused.isEmpty() || writer.isDone());
        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                assertThat(direct.get("/health/ready", "none").status())
                        .as("readiness of %s while PostgreSQL is down", node)
                        .isEqualTo(503);
            }
        }
        cluster.postgres().start();
        await("10 more writes acknowledged after the restart")
                .until(() -> acknowledged.size() >= beforeRestart + 10 || writer.isDone());
        writing.set(false);
        writer.get(60, TimeUnit.SECONDS);

        System.out.printf(
                "[e2e] writes while PostgreSQL restarted: %d acknowledged, %d refused: %s%n",
                acknowledged.size(), refused.size(), refused);
        assertThat(acknowledged.size())
                .as("writes acknowledged after the restart")
                .isGreaterThanOrEqualTo(beforeRestart + 10);
        assertThat(refused)
                .as("writes refused while PostgreSQL was down: 503, to be retried, never a 500")
                .allSatisfy(write -> assertThat(write).endsWith(" 503"));
        for (Node node : cluster.nodes()) {
            node.process().awaitReady(Duration.ofSeconds(30));
        }
        for (String write : acknowledged) {
            String username = write.substring(0, write.indexOf(' '));
            assertThat(demo.adminGet("/admin/realms/demo/users?exact=true&username=" + username)
                            .size())
                    .as("acknowledged write %s (refused: %s)", write, refused)
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(5)
    @DisplayName("a realm's new signing key, made on one node, signs tokens every node accepts")
    void newSigningKeyIsKnownToEveryNode() {
        RealmApi.expect(demo.admin("POST", "/admin/realms", Map.of("realm", "rekeyed")), 201);
        RealmApi rekeyed = demo.inRealm("rekeyed");
        Client client = rekeyed.createClient("rekeyed-app");
        RealmApi.expect(
                rekeyed.admin(
                        "POST",
                        "/admin/realms/rekeyed/users",
                        Map.of(
                                "username",
                                "dora",
                                "enabled",
                                true,
                                "credentials",
                                List.of(Map.of("type", "password", "value", "dora's cluster password")))),
                201);
        // Every node verifies a token once, so each holds the realm's keys.
        Tokens first = rekeyed.signIn(client, "dora", "dora's cluster password");
        for (Node node : cluster.nodes()) {
            try (CurfewHttp direct = node.http()) {
                assertThat(rekeyed.via(direct).active(first))
                        .as("before the new key, on %s", node)
                        .isTrue();
            }
        }

        Node changer = cluster.node(1);
        try (CurfewHttp direct = changer.http()) {
            RealmApi there = rekeyed.via(direct);
            RealmApi.expect(
                    there.admin("PUT", "/admin/realms/rekeyed", Map.of("defaultSignatureAlgorithm", "ES256")), 204);
            Tokens fresh = there.signIn(client, "dora", "dora's cluster password");
            assertThat(CurfewHttp.header(fresh.accessToken()).path("alg").asText())
                    .as("a token from %s after the change", changer)
                    .isEqualTo("ES256");
            for (Node node : cluster.nodes()) {
                try (CurfewHttp other = node.http()) {
                    RealmApi elsewhere = rekeyed.via(other);
                    assertThat(elsewhere.active(fresh))
                            .as("a token signed with the new key, on %s", node)
                            .isTrue();
                    assertThat(CurfewHttp.header(elsewhere
                                            .signIn(client, "dora", "dora's cluster password")
                                            .accessToken())
                                    .path("alg")
                                    .asText())
                            .as("the algorithm %s signs with", node)
                            .isEqualTo("ES256");
                }
            }
        }
    }

    @Test
    @Order(6)
    @DisplayName("an administrator signed in to the console through the balancer stays signed in over several"
            + " page loads served by every node, and once signed out is asked to sign in again by every node")
    void consoleSessionHoldsAcrossNodes() {
        List<String> pages = List.of(
                "/admin/console/realms/demo",
                "/admin/console/realms/demo/sessions",
                "/admin/console/realms/demo/users",
                "/admin/console/realms/demo/sign-outs",
                "/admin/console/realms");
        Map<String, ServerState> before = cluster.balancer().servers();
        try (Chrome chrome = Chrome.start()) {
            chrome.open(cluster.url() + "/admin");
            chrome.waitFor("#password");
            chrome.fill("#username", "admin");
            chrome.fill("#password", cluster.adminPassword());
            chrome.find("#sign-in").click();
            chrome.waitFor("#console-sign-out");
            for (int round = 0; round < 2; round++) {
                for (String page : pages) {
                    chrome.open(cluster.url() + page);
                    assertThat(chrome.has("#console-sign-out"))
                            .as("signed in on %s (round %d): %s", page, round, chrome.url())
                            .isTrue();
                }
            }

            String cookie =
                    chrome.driver().manage().getCookieNamed("CURFEW_CONSOLE").getValue();
            for (Node node : cluster.nodes()) {
                assertThat(consolePageStatus(node, cookie))
                        .as("the console's cookie on %s while signed in", node)
                        .isEqualTo(200);
            }
            chrome.find("#console-sign-out").click();
            chrome.waitForUrl("/admin/console/signed-out");
            for (Node node : cluster.nodes()) {
                assertThat(consolePageStatus(node, cookie))
                        .as("the console's old cookie on %s after signing out: sent to the login", node)
                        .isEqualTo(302);
            }
        }
        Map<String, ServerState> after = cluster.balancer().servers();
        for (Node node : cluster.nodes()) {
            assertThat(after.get(node.name()).requests()
                            - before.get(node.name()).requests())
                    .as("requests the balancer sent to %s", node)
                    .isPositive();
        }
    }

    @Test
    @Order(7)
    @DisplayName("a user signed in to the account console through the balancer sees their sessions over several"
            + " page loads, and signs out their other devices with its form")
    void accountConsoleHoldsAcrossNodes() {
        String account = cluster.url() + "/realms/demo/account";
        String password = cluster.demoPasswords().get("bob");
        Tokens elsewhere = demo.signIn(app, "bob", password);
        Map<String, ServerState> before = cluster.balancer().servers();
        try (Chrome chrome = Chrome.start()) {
            chrome.open(account);
            chrome.waitFor("#password");
            chrome.fill("#username", "bob");
            chrome.fill("#password", password);
            chrome.find("#sign-in").click();
            chrome.waitFor("li.this-device");
            for (int round = 0; round < 3; round++) {
                chrome.open(account);
                assertThat(chrome.has("li.this-device"))
                        .as("this device on the devices page (round %d): %s", round, chrome.url())
                        .isTrue();
                assertThat(chrome.driver().findElements(By.cssSelector("li.device")))
                        .as("bob's sessions on the devices page (round %d)", round)
                        .hasSizeGreaterThanOrEqualTo(2);
                chrome.open(account + "/password");
                assertThat(chrome.find("h1").getText())
                        .as("the password page (round %d): %s", round, chrome.url())
                        .isEqualTo("Change your password");
            }
            chrome.open(account);
            chrome.find("#sign-out-others").click();
            assertThat(chrome.waitFor("#result").getText())
                    .as("the answer to 'Sign out all other devices'")
                    .endsWith("signed out.");
            assertThat(chrome.driver().findElements(By.cssSelector("li.device")))
                    .as("bob's sessions after signing out the others")
                    .hasSize(1);
        }
        Map<String, ServerState> after = cluster.balancer().servers();
        for (Node node : cluster.nodes()) {
            assertThat(after.get(node.name()).requests()
                            - before.get(node.name()).requests())
                    .as("requests the balancer sent to %s", node)
                    .isPositive();
        }
        assertThat(demo.refresh(elsewhere).text("error"))
                .as("bob's other session, signed out from the account console")
                .isEqualTo("invalid_grant");
    }

    @Test
    @Order(8)
    @DisplayName("openid-client completes every flow through the balancer: code + PKCE, userinfo, refresh rotation"
            + " and reuse, introspection, revocation, RP-initiated logout")
    void openidClientCompletesEveryFlowThroughTheBalancer() {
        Cluster.DemoClient client = cluster.demoClient();
        Map<String, ServerState> before = cluster.balancer().servers();

        OpenidClientScript.Report report = OpenidClientScript.run(new OpenidClientScript.Input(
                cluster.url() + "/realms/demo",
                client.clientId(),
                client.secret(),
                client.redirectUri(),
                OpenidClientScript.DEMO_POST_LOGOUT_REDIRECT_URI,
                "alice",
                cluster.demoPasswords().get("alice"),
                // As for the sign-outs above: the other nodes hear of a revocation or a logout within milliseconds
                // (bench/cluster-signout.sh); a second is a generous bound.
                Duration.ofSeconds(1)));

        assertThat(report.exitCode())
                .as("exit code of node interop.mjs through the balancer; output:\n%s", report.text())
                .isZero();
        assertThat(report.passed())
                .as("steps passed by interop.mjs")
                .containsExactlyElementsOf(OpenidClientScript.STEPS);
        Map<String, ServerState> after = cluster.balancer().servers();
        for (Node node : cluster.nodes()) {
            assertThat(after.get(node.name()).requests()
                            - before.get(node.name()).requests())
                    .as("requests the balancer sent to %s", node)
                    .isPositive();
        }
    }

    @Test
    @Order(9)
    @DisplayName("a Shared Signals long poll held on node 3 gets a SET queued on node 1 within 50 ms")
    void longPollOnOneNodeGetsSetFromAnother() throws Exception {
        Node poller = cluster.node(3);
        Node signer = cluster.node(1);
        String secret = RealmApi.expect(
                        demo.admin(
                                "POST",
                                "/admin/realms/demo/clients",
                                Map.of(
                                        "clientId",
                                        "cluster-receiver",
                                        "serviceAccountsEnabled",
                                        true,
                                        "standardFlowEnabled",
                                        false,
                                        "attributes",
                                        Map.of("ssf.receiver", "true"))),
                        201)
                .text("secret");
        try (CurfewHttp atPoller = poller.http();
                CurfewHttp atSigner = signer.http()) {
            String receiverToken = RealmApi.expect(
                            atPoller.form(
                                    "/realms/demo/protocol/openid-connect/token",
                                    "cluster-receiver:" + secret,
                                    Map.of("grant_type", "client_credentials")),
                            200)
                    .text("access_token");
            String streamId = RealmApi.expect(
                            atPoller.json(
                                    "POST",
                                    "/realms/demo/ssf/streams",
                                    receiverToken,
                                    Map.of("delivery", Map.of("method", "urn:ietf:rfc:8936"))),
                            201)
                    .text("stream_id");
            String pollPath = "/realms/demo/ssf/streams/" + streamId + "/poll";
            drain(atPoller, pollPath, receiverToken);

            Tokens carol = demo.signIn(app, "carol", cluster.demoPasswords().get("carol"));
            double pollsBefore = metric(atPoller, "curfew_ssf_poll_requests_total");
            CompletableFuture<Answer> held = CompletableFuture.supplyAsync(() -> atPoller.json(
                    "POST", pollPath, receiverToken, Map.of("returnImmediately", false, "maxEvents", 10)));
            await("the long poll reached node 3")
                    .until(() -> metric(atPoller, "curfew_ssf_poll_requests_total") > pollsBefore);
            assertThat(held).as("the poll is held while nothing is queued").isNotDone();

            demo.via(atSigner).signOutUser(carol.userId());
            long signedOut = System.nanoTime();
            Answer answer = held.get(35, TimeUnit.SECONDS);
            long late = Duration.ofNanos(System.nanoTime() - signedOut).toMillis();

            assertThat(answer.body().path("sets").size())
                    .as("SETs in %s", answer)
                    .isPositive();
            assertThat(late)
                    .as("ms from the sign-out's answer on node 1 to the SET on node 3")
                    .isLessThanOrEqualTo(50);
        }
    }

    @Test
    @Order(10)
    @DisplayName("a node killed with kill -9 during the clean-up of a 20,000-session realm sign-out: another node"
            + " finishes it, and every client session gets one logout token")
    void killedNodesCleanUpIsFinishedByAnother() throws Exception {
        int sessions = 20_000;
        RealmApi.expect(demo.admin("POST", "/admin/realms", Map.of("realm", "crowded")), 201);
        RealmApi crowded = demo.inRealm("crowded");
        String realmId = crowded.adminGet("/admin/realms/crowded").path("id").asText();
        String userId = RealmApi.expect(
                        crowded.admin(
                                "POST", "/admin/realms/crowded/users", Map.of("username", "many", "enabled", true)),
                        201)
                .text("id");
        long now = System.currentTimeMillis();
        try (Connection db = cluster.postgres().dataSource().getConnection();
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO user_sessions (id, realm_id, user_id, cookie_hash, created_at, last_active_at,
                                                   ip_address, user_agent, auth_methods)
                        SELECT 'crowded-' || g, ?, ?, 'crowded-cookie-' || g, ?, ?, '127.0.0.1', 'ClusterIT', 'pwd'
                        FROM generate_series(1, ?) AS g""")) {
            insert.setString(1, realmId);
            insert.setString(2, userId);
            insert.setLong(3, now - 60_000);
            insert.setLong(4, now - 1_000);
            insert.setInt(5, sessions);
            assertThat(insert.executeUpdate()).as("sessions inserted").isEqualTo(sessions);
        }
        // Some sessions signed in to a relying party with a back-channel logout URI: each such client session must
        // get exactly one logout token, however the clean-up is interrupted and resumed. The URI refuses
        // connections, so the tokens stay in the outbox to be counted.
        RealmApi.expect(
                crowded.admin(
                        "POST",
                        "/admin/realms/crowded/clients",
                        Map.of(
                                "clientId",
                                "rp",
                                "attributes",
                                Map.of("backchannel.logout.url", "http://127.0.0.1:9/logout"))),
                201);
        String rpId = crowded.adminGet("/admin/realms/crowded/clients?clientId=rp")
                .get(0)
                .path("id")
                .asText();
        try (Connection db = cluster.postgres().dataSource().getConnection();
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO client_sessions (session_id, client_id, created_at, last_active_at)
                        SELECT 'crowded-' || g, ?, ?, ? FROM generate_series(1, ?) AS g""")) {
            insert.setString(1, rpId);
            insert.setLong(2, now - 60_000);
            insert.setLong(3, now - 1_000);
            insert.setInt(4, CLIENT_SESSIONS);
            assertThat(insert.executeUpdate()).as("client sessions inserted").isEqualTo(CLIENT_SESSIONS);
        }

        Node victim = cluster.node(1);
        String signOutId;
        try (CurfewHttp direct = victim.http()) {
            signOutId = RealmApi.expect(
                            crowded.via(direct)
                                    .admin(
                                            "POST",
                                            "/admin/realms/crowded/sign-outs",
                                            Map.of("scope", Map.of("type", "realm"), "reason", "cluster test")),
                            201)
                    .text("id");
        }
        try {
            long killedAt = System.nanoTime();
            victim.kill();
            String path = "/admin/realms/crowded/sign-outs/" + signOutId;
            assertThat(sessionsLeft(realmId))
                    .as("sessions left when %s was killed", victim)
                    .isPositive();
            await("another node completes the sign-out")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> crowded.adminGet(path).path("status").asText().equals("COMPLETED"));
            // A figure, not an assertion: the lease (15 s) runs out, a node claims it (it looks every 5 s) and
            // finishes the sessions left.
            System.out.printf(
                    Locale.ROOT,
                    "[cluster] %s killed with kill -9 during the clean-up; another node completed it %d ms later%n",
                    victim,
                    (System.nanoTime() - killedAt) / 1_000_000);
            assertThat(crowded.adminGet(path).path("affectedSessions").asLong())
                    .as("sessions the sign-out counts")
                    .isEqualTo(sessions);
            assertThat(sessionsLeft(realmId)).as("sessions left").isZero();
            assertThat(logoutTokensQueued(realmId))
                    .as("logout tokens in the outbox: one per client session, none lost, none twice")
                    .isEqualTo(CLIENT_SESSIONS);
        } finally {
            victim.restart();
            cluster.balancer().awaitStatus(victim.name(), "UP", Duration.ofSeconds(30));
        }
    }

    private static long logoutTokensQueued(String realmId) throws SQLException {
        try (Connection db = cluster.postgres().dataSource().getConnection();
                PreparedStatement count = db.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE realm_id = ? AND kind = 'backchannel-logout'")) {
            count.setString(1, realmId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The status of a console page asked of one node directly with the console's cookie. */
    private static int consolePageStatus(Node node, String cookie) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(node.url().resolve("/admin/console/realms"))
                                    .header("Cookie", "CURFEW_CONSOLE=" + cookie)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long sessionsLeft(String realmId) throws SQLException {
        try (Connection db = cluster.postgres().dataSource().getConnection();
                PreparedStatement count =
                        db.prepareStatement("SELECT count(*) FROM user_sessions WHERE realm_id = ?")) {
            count.setString(1, realmId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Acknowledges what a new stream starts with (its start-up snapshot), until a poll answers nothing. */
    private static void drain(CurfewHttp http, String pollPath, String token) {
        for (int i = 0; i < 20; i++) {
            Answer answer = RealmApi.expect(
                    http.json("POST", pollPath, token, Map.of("returnImmediately", true, "maxEvents", 1000)), 200);
            List<String> jtis = new ArrayList<>();
            answer.body().path("sets").fieldNames().forEachRemaining(jtis::add);
            if (jtis.isEmpty()) {
                return;
            }
            RealmApi.expect(
                    http.json("POST", pollPath, token, Map.of("returnImmediately", true, "maxEvents", 0, "ack", jtis)),
                    200);
        }
        throw new AssertionError("the stream's queue did not empty in 20 polls");
    }

    /** A counter or gauge of a node's {@code /metrics} (Prometheus text), summed over its labels. */
    private static double metric(CurfewHttp http, String name) {
        String text = http.get("/metrics", "none").body().asText();
        return text.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .pollDelay(Duration.ZERO);
    }

    /** A sign-in, an admin API read and a discovery read through the balancer; failures are added to the list. */
    private static int requestsThroughBalancer(List<String> failures) {
        List<Answer> answers = List.of(
                demo.passwordGrant(app, "carol", cluster.demoPasswords().get("carol")),
                balancer.get("/admin/realms/demo", demo.adminToken()),
                balancer.get("/realms/demo/.well-known/openid-configuration", demo.adminToken()));
        answers.stream().filter(a -> a.status() != 200).forEach(a -> failures.add(a.toString()));
        return answers.size();
    }
}
